package io.tokengate.agent;

import java.util.Optional;

/**
 * Tells the outbound agent on whose behalf the current outbound call is made: the authenticated
 * user of the inbound request being served (identity propagation), or empty when the call is made
 * outside a request, in which case the agent uses the client's own identity (client credentials or
 * the {@code tls_client_auth} grant). Implementations are thread-safe and cheap: the agent asks on
 * every outbound call.
 */
@FunctionalInterface
public interface SubjectSource {

    /** The subject (user name, the {@code sub} of the assertion the agent mints), or empty. */
    Optional<String> currentSubject();

    /** A source that never has a subject: every call goes out as the client itself. */
    static SubjectSource none() {
        return Optional::empty;
    }
}
