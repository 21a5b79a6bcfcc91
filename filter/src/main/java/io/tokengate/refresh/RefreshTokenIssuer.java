package io.tokengate.refresh;

import io.tokengate.clientauth.AuthenticatedClient;
import java.util.List;

/**
 * Starts refresh token families for the grants that may issue refresh tokens (password and the
 * assertion grants, when {@code offline_access} is granted; RFC 6749 §1.5, §6). The token handed
 * out is opaque and high-entropy; only its hash is stored. Thread-safe.
 */
public interface RefreshTokenIssuer {

    /**
     * @param subject   the resource owner the tokens act for
     * @param client    the client the family is bound to (and its certificate, when it used one)
     * @param scopes    the scopes granted; a refresh may narrow them, never widen them
     * @param audiences the audiences of those scopes
     * @return the refresh token to send to the client
     */
    default String issue(String subject, AuthenticatedClient client, List<String> scopes, List<String> audiences) {
        return start(subject, client, scopes, audiences).token();
    }

    /**
     * As {@link #issue}, also naming the new family, so that the access token issued beside the
     * refresh token can carry it (and be revoked with it, RFC 7009 §2.1).
     */
    Started start(String subject, AuthenticatedClient client, List<String> scopes, List<String> audiences);

    /**
     * A new family's first token and the family's id. {@link #toString()} hides the token.
     *
     * @param token    the refresh token to send to the client
     * @param familyId the id of its family
     */
    record Started(String token, String familyId) {
        @Override
        public String toString() {
            return "Started[family=" + familyId + ", token hidden]";
        }
    }
}
