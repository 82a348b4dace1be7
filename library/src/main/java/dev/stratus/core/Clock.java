package dev.stratus.core;

import java.time.Duration;
import java.time.Instant;

/**
 * The one source of time for every engine: timeouts, waits, retries, visibility timeouts, health checks, metric
 * periods, alarms and schedules all read it and schedule on it, never on {@code System.currentTimeMillis} or
 * {@code Thread.sleep}.
 *
 * <p>{@link #system()} is real time, firing timers on a daemon thread; {@link ManualClock} is virtual time that
 * moves only when a caller advances it, which turns a composed Stratus into a deterministic simulation.
 */
public interface Clock {

    /** Monotonic nanoseconds, for durations only (timeouts, flow idle times, rate windows). */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch (ASL timestamps, metric datapoints, message dates). */
    long epochMillis();

    /** The wall-clock time as an {@link Instant}. */
    default Instant instant() {
        return Instant.ofEpochMilli(epochMillis());
    }

    /**
     * Runs {@code task} once {@code delay} has passed on this clock.
     *
     * @param delay how long from now; zero or negative means as soon as possible
     * @param task what to run; on the system clock it runs on the clock's timer thread, on a {@link ManualClock} on
     *     the thread that advances it
     * @return a handle that cancels the task if it has not run yet
     * @throws NullPointerException if {@code delay} or {@code task} is null
     */
    Timer schedule(Duration delay, Runnable task);

    /** The real clock: system time, timers on a shared daemon thread. */
    static Clock system() {
        return SystemClock.INSTANCE;
    }

    /** A task scheduled on a {@link Clock}. */
    interface Timer {
        /**
         * Cancels the task.
         *
         * @return true if the task had not run and now never will; false if it already ran or was cancelled
         */
        boolean cancel();
    }
}
