package dev.stratus.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratusExceptionTest {

    @Test
    void shouldCarryAwsCodeMessageAndCause() {
        IllegalStateException cause = new IllegalStateException("boom");
        StratusException e = new StratusException("States.TaskFailed", "task failed", cause);
        assertEquals("States.TaskFailed", e.code());
        assertEquals("task failed", e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals("dev.stratus.core.StratusException: States.TaskFailed: task failed", e.toString());
    }

    @Test
    void shouldRejectNullCode() {
        assertEquals("code", assertThrows(NullPointerException.class,
                () -> new StratusException(null, "m")).getMessage());
    }

    @Test
    void shouldHandErrorsToTheHandler() {
        List<Throwable> seen = new ArrayList<>();
        ErrorHandler handler = seen::add;
        RuntimeException error = new RuntimeException("x");
        handler.onError(error);
        assertEquals(List.of(error), seen);
        ErrorHandler.logging().onError(new RuntimeException("logged, not thrown"));
    }
}
