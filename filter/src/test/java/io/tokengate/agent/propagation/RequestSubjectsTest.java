package io.tokengate.agent.propagation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The holder itself: bindings nest and restore, and another thread sees a user only through {@code wrap}. */
class RequestSubjectsTest {
    private final RequestSubjects subjects = new RequestSubjects();

    @Test
    void currentSubjectWhenNothingBoundThenEmpty() {
        assertEquals(Optional.empty(), subjects.currentSubject());
    }

    @Test
    void bindWhenClosedThenPreviousSubjectRestored() {
        try (var outer = subjects.bind(Optional.of("alice"))) {
            try (var inner = subjects.bind(Optional.of("bob"))) {
                assertEquals(Optional.of("bob"), subjects.currentSubject());
            }
            assertEquals(Optional.of("alice"), subjects.currentSubject());
        }
        assertEquals(Optional.empty(), subjects.currentSubject());
    }

    @Test
    void currentSubjectWhenAskedFromAnotherThreadWithoutWrapThenEmpty() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (var binding = subjects.bind(Optional.of("alice"))) {
            assertEquals(Optional.empty(), executor.submit(subjects::currentSubject).get(10, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }

    @Test
    void wrapCallableWhenCalledOnAnotherThreadThenCapturedSubjectBoundThereAndClearedAfter() throws Exception {
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Callable<Optional<String>> task;
            try (var binding = subjects.bind(Optional.of("alice"))) {
                task = subjects.wrap(subjects::currentSubject);
            }
            assertEquals(Optional.of("alice"), executor.submit(task).get(10, TimeUnit.SECONDS));
            assertEquals(Optional.empty(), executor.submit(subjects::currentSubject).get(10, TimeUnit.SECONDS));
        } finally {
            executor.shutdownNow();
        }
    }
}
