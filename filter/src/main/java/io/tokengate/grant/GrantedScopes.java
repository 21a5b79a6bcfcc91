package io.tokengate.grant;

import java.util.List;

/**
 * The outcome of scope resolution: the scopes to put in the token and the audiences they belong
 * to. Immutable.
 */
public record GrantedScopes(List<String> scopes, List<String> audiences, boolean offlineAccess) {
    public GrantedScopes {
        scopes = List.copyOf(scopes);
        audiences = List.copyOf(audiences);
    }
}
