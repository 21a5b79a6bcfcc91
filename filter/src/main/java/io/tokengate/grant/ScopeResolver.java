package io.tokengate.grant;

import io.tokengate.error.OAuth2Exception;
import io.tokengate.registry.ApplicationRole;
import io.tokengate.registry.Client;
import io.tokengate.registry.ResourceRegistry;
import io.tokengate.registry.ResourceServer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns the {@code scope} parameter (RFC 6749 §3.3) into the scopes a token carries, from the
 * privileges of the application roles granted to the client:
 * <ul>
 *   <li>no scope requested, or {@code urn:opc:idm:__myscopes__}: every scope the roles grant;</li>
 *   <li>otherwise each requested scope must be granted ({@code invalid_scope} names those that are not);</li>
 *   <li>{@code offline_access} asks for a refresh token; grants that issue none drop it.</li>
 * </ul>
 */
public final class ScopeResolver {
    /** Oracle Identity Cloud Service's request for every scope the client's roles grant. */
    public static final String MY_SCOPES = "urn:opc:idm:__myscopes__";
    public static final String OFFLINE_ACCESS = "offline_access";

    private final ResourceRegistry resources;

    public ScopeResolver(ResourceRegistry resources) {
        this.resources = resources;
    }

    public GrantedScopes resolve(Client client, Optional<String> requested) {
        Set<String> granted = new TreeSet<>();
        for (String roleName : client.roles()) {
            resources.findRole(roleName).map(ApplicationRole::scopes).ifPresent(granted::addAll);
        }
        Set<String> asked = new LinkedHashSet<>(parse(requested.orElse("")));
        boolean offline = asked.remove(OFFLINE_ACCESS);
        List<String> scopes;
        if (asked.isEmpty() || asked.remove(MY_SCOPES)) {
            Set<String> all = new LinkedHashSet<>(asked);
            all.addAll(granted);
            scopes = new ArrayList<>(all);
        } else {
            scopes = new ArrayList<>(asked);
        }
        List<String> notGranted = scopes.stream().filter(s -> !granted.contains(s)).toList();
        if (!notGranted.isEmpty()) {
            throw OAuth2Exception.invalidScope("scope " + String.join(" ", notGranted) + " is not granted to client "
                    + client.clientId() + " by its application roles " + new TreeSet<>(client.roles()));
        }
        if (scopes.isEmpty()) {
            throw OAuth2Exception.invalidScope("client " + client.clientId()
                    + " has no application role that grants a scope; grant it a role first");
        }
        Set<String> audiences = new LinkedHashSet<>();
        for (String scope : scopes) {
            resources.findResourceServerForScope(scope).map(ResourceServer::audience).ifPresent(audiences::add);
        }
        return new GrantedScopes(scopes, new ArrayList<>(audiences), offline);
    }

    private static List<String> parse(String value) {
        List<String> out = new ArrayList<>();
        for (String token : value.split(" ")) {
            if (token.isEmpty()) {
                continue;
            }
            for (int i = 0; i < token.length(); i++) {
                char c = token.charAt(i);
                if (c < 0x21 || c == 0x22 || c == 0x5c || c > 0x7e) {
                    throw OAuth2Exception.invalidScope("scope '" + token
                            + "' contains a character RFC 6749 §3.3 does not allow");
                }
            }
            out.add(token);
        }
        return out;
    }
}
