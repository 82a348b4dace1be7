package dev.stratus.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * Virtual time for tests and simulations: it stands still until {@link #advance(Duration)} or
 * {@link #advanceTo(Instant)} moves it, and then fires every timer that falls due, in deadline order (ties in
 * scheduling order), on the calling thread. Timers scheduled while advancing fire in the same call when they fall
 * due before its end. Time never goes backwards.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * clock.schedule(Duration.ofSeconds(10), () -> System.out.println("ten seconds later"));
 * clock.advance(Duration.ofMinutes(1));   // prints, at virtual 00:00:10
 * }</pre>
 *
 * <p>Thread-safe; one thread advancing at a time gives a deterministic order.
 */
public final class ManualClock implements Clock {
    private final Object lock = new Object();
    private final PriorityQueue<Entry> timers = new PriorityQueue<>();
    private final long originMillis;
    // written only under the lock, read without it: every engine's hot path reads the clock
    private volatile long nowNanos;
    private long sequence;
    /**
     * Cancelled timers still in the queue: cancelling marks a timer (a queue removal is a linear scan), the queue
     * drops it when it comes first, or all of them at once when they are half the queue.
     */
    private int cancelled;

    private ManualClock(final long originMillis) {
        this.originMillis = originMillis;
    }

    /**
     * A clock that reads {@code start} until advanced.
     *
     * @throws NullPointerException if {@code start} is null
     */
    public static ManualClock at(final Instant start) {
        Objects.requireNonNull(start, "start");
        return new ManualClock(start.toEpochMilli());
    }

    /** A clock that starts at 1970-01-01T00:00:00Z. */
    public static ManualClock atEpoch() {
        return new ManualClock(0);
    }

    @Override
    public long nanoTime() {
        return nowNanos;
    }

    @Override
    public long epochMillis() {
        return originMillis + nowNanos / 1_000_000L;
    }

    @Override
    public Timer schedule(final Duration delay, final Runnable task) {
        Objects.requireNonNull(delay, "delay");
        Objects.requireNonNull(task, "task");
        synchronized (lock) {
            long deadline = nowNanos + Math.max(0, saturatedNanos(delay));
            Entry entry = new Entry(deadline, sequence++, task);
            timers.add(entry);
            return entry;
        }
    }

    /**
     * Moves time forward by {@code duration}, firing every timer due on the way.
     *
     * @throws IllegalArgumentException if {@code duration} is negative
     */
    public void advance(final Duration duration) {
        Objects.requireNonNull(duration, "duration");
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time cannot go backwards: duration=" + duration);
        }
        long target;
        synchronized (lock) {
            target = nowNanos + saturatedNanos(duration);
        }
        runUntil(target);
    }

    /**
     * Moves time forward to {@code instant}, firing every timer due on the way.
     *
     * @throws IllegalArgumentException if {@code instant} is before the current time
     */
    public void advanceTo(final Instant instant) {
        Objects.requireNonNull(instant, "instant");
        long target;
        synchronized (lock) {
            long deltaMillis = instant.toEpochMilli() - epochMillis();
            if (deltaMillis < 0) {
                throw new IllegalArgumentException("time cannot go backwards: instant=" + instant
                        + ", now=" + Instant.ofEpochMilli(epochMillis()));
            }
            target = nowNanos + deltaMillis * 1_000_000L;
        }
        runUntil(target);
    }

    /** Fires every timer due now without moving time; returns how many ran. */
    public int runDue() {
        return runUntil(nanoTime());
    }

    /** The number of timers scheduled and not yet run or cancelled. */
    public int pendingTimers() {
        synchronized (lock) {
            return timers.size() - cancelled;
        }
    }

    /** The time of the next pending timer, if any. */
    public Optional<Instant> nextDeadline() {
        synchronized (lock) {
            Entry next = first();
            return next == null ? Optional.empty()
                    : Optional.of(Instant.ofEpochMilli(originMillis + next.deadlineNanos / 1_000_000L));
        }
    }

    private int runUntil(final long targetNanos) {
        int fired = 0;
        while (true) {
            Entry due;
            synchronized (lock) {
                due = first();
                if (due == null || due.deadlineNanos > targetNanos) {
                    nowNanos = Math.max(nowNanos, targetNanos);
                    return fired;
                }
                timers.poll();
                nowNanos = Math.max(nowNanos, due.deadlineNanos);
                due.done = true;
            }
            // run outside the lock: tasks schedule new timers and read the time
            due.task.run();
            fired++;
        }
    }

    /** The first pending timer, dropping the cancelled ones before it; under the lock. */
    private Entry first() {
        Entry next = timers.peek();
        while (next != null && next.task == null) {
            timers.poll();
            cancelled--;
            next = timers.peek();
        }
        return next;
    }

    private static long saturatedNanos(final Duration duration) {
        try {
            return duration.toNanos();
        } catch (ArithmeticException overflow) {
            return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE / 2;
        }
    }

    @Override
    public String toString() {
        return "ManualClock[" + instant() + "]";
    }

    private final class Entry implements Comparable<Entry>, Timer {
        final long deadlineNanos;
        final long seq;
        /** Null once cancelled. */
        Runnable task;
        boolean done;

        Entry(final long deadlineNanos, final long seq, final Runnable task) {
            this.deadlineNanos = deadlineNanos;
            this.seq = seq;
            this.task = task;
        }

        @Override
        public int compareTo(final Entry other) {
            int byDeadline = Long.compare(deadlineNanos, other.deadlineNanos);
            return byDeadline != 0 ? byDeadline : Long.compare(seq, other.seq);
        }

        @Override
        public boolean cancel() {
            synchronized (lock) {
                if (done) {
                    return false;
                }
                done = true;
                task = null;
                cancelled++;
                if (cancelled > 32 && cancelled > timers.size() / 2) {
                    timers.removeIf(e -> e.task == null);
                    cancelled = 0;
                }
                return true;
            }
        }
    }
}
