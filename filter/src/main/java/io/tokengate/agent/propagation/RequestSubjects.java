package io.tokengate.agent.propagation;

import io.tokengate.agent.SubjectSource;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The one thread-local holder of the project: which user the current thread serves. Bound only by
 * {@link IdentityPropagationFilter} for the duration of a request's filter chain (restored in
 * {@code finally}, so a pooled thread never carries a user into the next request), read by the
 * outbound agent through {@link SubjectSource#currentSubject()}: empty outside a request, for an
 * anonymous request and for a request made by a client on its own behalf, in which case the agent
 * uses the client's own identity.
 *
 * <p>Work handed to another thread (an executor, {@code AsyncContext.start}) does not inherit the
 * user; wrap it with {@link #wrap(Runnable)} or {@link #wrap(Callable)} on the request thread to
 * carry it. An async dispatch ({@code AsyncContext.dispatch}) is served again through the filter
 * when it is mapped for the {@code ASYNC} dispatcher type.
 *
 * <p>Thread-safe. One instance per web application: the filter publishes it in the servlet
 * context (see {@link IdentityPropagationFilter#subjectSource(jakarta.servlet.ServletContext)}).
 */
public final class RequestSubjects implements SubjectSource {
    private final ThreadLocal<String> current = new ThreadLocal<>();

    @Override
    public Optional<String> currentSubject() {
        return Optional.ofNullable(current.get());
    }

    /**
     * Binds {@code subject} (empty: no user) to this thread until the returned binding is closed,
     * which restores what was bound before (nested FORWARD, INCLUDE or ERROR dispatches).
     */
    Binding bind(Optional<String> subject) {
        String previous = current.get();
        set(subject.orElse(null));
        return new Binding(previous);
    }

    /** {@code task}, run with the subject bound now on this thread, on whatever thread runs it. */
    public Runnable wrap(Runnable task) {
        Objects.requireNonNull(task, "task");
        Optional<String> captured = currentSubject();
        return () -> {
            try (Binding ignored = bind(captured)) {
                task.run();
            }
        };
    }

    /** {@code task}, called with the subject bound now on this thread, on whatever thread calls it. */
    public <T> Callable<T> wrap(Callable<T> task) {
        Objects.requireNonNull(task, "task");
        Optional<String> captured = currentSubject();
        return () -> {
            try (Binding ignored = bind(captured)) {
                return task.call();
            }
        };
    }

    private void set(String subject) {
        if (subject == null) {
            current.remove();
        } else {
            current.set(subject);
        }
    }

    /** Restores the previous subject of the thread that made it; close it on that thread. */
    final class Binding implements AutoCloseable {
        private final String previous;

        private Binding(String previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            set(previous);
        }
    }

    @Override
    public String toString() {
        return "RequestSubjects[" + (current.get() == null ? "no subject" : "subject bound") + "]";
    }
}
