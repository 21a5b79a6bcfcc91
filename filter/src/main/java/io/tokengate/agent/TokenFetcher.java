package io.tokengate.agent;

import java.net.URI;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Obtains one token for a key: with the previous token's refresh token when there is one (RFC 6749
 * §6) — falling back to a new grant when the server refuses it as {@code invalid_grant} (revoked,
 * expired, rotated) — else with the user assertion grant for a subject, or the client grant
 * ({@code client_credentials} or {@code tls_client_auth}) for the client itself.
 */
final class TokenFetcher {
    private static final Logger LOG = LoggerFactory.getLogger(TokenFetcher.class);

    private final TokenAgentConfig config;
    private final TokenEndpointLocator locator;
    private final TokenEndpointClient client;
    private final UserAssertions assertions;

    TokenFetcher(TokenAgentConfig config, TokenEndpointLocator locator, TokenEndpointClient client, UserAssertions assertions) {
        this.config = config;
        this.locator = locator;
        this.client = client;
        this.assertions = assertions;
    }

    CompletableFuture<AccessToken> fetch(TokenKey key, Optional<AccessToken> previous) {
        return locator.tokenEndpoint().thenCompose(endpoint -> {
            Optional<String> refreshToken = previous.flatMap(AccessToken::refreshToken);
            if (refreshToken.isEmpty()) {
                return grant(endpoint, key);
            }
            return client.request(endpoint, url -> new Form().put("grant_type", "refresh_token")
                    .put("refresh_token", refreshToken.get()), key.scopes())
                    .thenApply(t -> t.refreshToken().isPresent() ? t
                            : new AccessToken(t.value(), t.tokenType(), t.expiresAt(), t.scopes(), refreshToken))
                    .exceptionallyCompose(failure -> {
                        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                ? failure.getCause() : failure;
                        if (cause instanceof TokenRequestException e && "invalid_grant".equals(e.error())) {
                            LOG.info("refresh token for {} refused ({}); requesting a new grant", key, e.getMessage());
                            return grant(endpoint, key);
                        }
                        return CompletableFuture.failedFuture(cause);
                    });
        });
    }

    private CompletableFuture<AccessToken> grant(URI endpoint, TokenKey key) {
        String scope = key.scopeParameter();
        if (key.subject().isPresent()) {
            String subject = key.subject().get();
            return client.request(endpoint, url -> scoped(new Form().put("grant_type", config.userGrant().grantType())
                    .put("assertion", assertions.assertionFor(subject, url)), scope), key.scopes());
        }
        return client.request(endpoint, url -> scoped(new Form().put("grant_type", config.clientGrant().grantType()), scope),
                key.scopes());
    }

    private static Form scoped(Form form, String scope) {
        return scope.isEmpty() ? form : form.put("scope", scope);
    }
}
