package io.tokengate.grant;

import io.tokengate.clientauth.AuthenticatedClient;
import io.tokengate.error.OAuth2Exception;
import io.tokengate.http.TokenRequest;
import io.tokengate.user.LoginThrottle;
import io.tokengate.user.PasswordHasher;
import io.tokengate.user.User;
import io.tokengate.user.UserDirectory;
import java.util.Objects;
import java.util.Optional;

/**
 * The resource owner password credentials grant (RFC 6749 §4.3):
 * {@code grant_type=password&username=…&password=…&scope=…}, for confidential clients only
 * (the endpoint has authenticated the client; public clients are refused). The tokens name the
 * user as {@code sub}; {@code offline_access} adds a refresh token ({@link UserTokenMinter}).
 *
 * <p>Every refusal of the credentials is the same {@code invalid_grant}, "{@value #WRONG_CREDENTIALS}",
 * after the same work: an unknown user is verified against a dummy hash, and a disabled user's
 * password is checked before the refusal. Failures are counted by the {@link LoginThrottle}; a
 * throttled username or address gets {@code invalid_grant} "{@value #THROTTLED}" without any
 * password check (RFC 6749 §4.3.2 asks for protection against brute force).
 */
public final class PasswordGrantHandler implements GrantHandler {
    public static final String GRANT_TYPE = "password";
    public static final String WRONG_CREDENTIALS = "the username or password is wrong";
    public static final String THROTTLED = "too many failed attempts; try again later";

    private final UserDirectory users;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final UserTokenMinter minter;

    public PasswordGrantHandler(UserDirectory users, PasswordHasher hasher, LoginThrottle throttle,
            UserTokenMinter minter) {
        this.users = Objects.requireNonNull(users, "users");
        this.hasher = Objects.requireNonNull(hasher, "hasher");
        this.throttle = Objects.requireNonNull(throttle, "throttle");
        this.minter = Objects.requireNonNull(minter, "minter");
    }

    @Override
    public String grantType() {
        return GRANT_TYPE;
    }

    @Override
    public TokenResponse handle(TokenRequest request, AuthenticatedClient client) {
        if (client.client().isPublic()) {
            throw OAuth2Exception.unauthorizedClient("grant password is only available to confidential applications");
        }
        String username = request.requiredParameter("username");
        String password = request.requiredParameter("password");
        if (throttle.isThrottled(username, request.remoteAddress())) {
            throw OAuth2Exception.invalidGrant(THROTTLED);
        }
        Optional<User> user = users.find(username);
        boolean passwordMatches = hasher.verify(user.map(User::passwordHash), password);
        if (!passwordMatches || !user.get().enabled()) {
            throttle.recordFailure(username, request.remoteAddress());
            throw OAuth2Exception.invalidGrant(WRONG_CREDENTIALS);
        }
        throttle.recordSuccess(username);
        return minter.mint(user.get().username(), client, request.parameter("scope"));
    }
}
