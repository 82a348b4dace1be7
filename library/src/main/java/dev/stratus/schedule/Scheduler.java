package dev.stratus.schedule;

import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.StratusException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs {@link Rule}s on the clock, like EventBridge scheduled rules: each rule fires at every due time of its
 * expression, once, in time order (rules due at the same instant fire in creation order). With a
 * {@link dev.stratus.core.ManualClock}, advancing an hour fires an every-minute rule sixty times, deterministically.
 *
 * <pre>{@code
 * Scheduler scheduler = Scheduler.builder().clock(clock).build();
 * scheduler.create(Rule.builder().name("tick").schedule("rate(1 minute)")
 *         .target(invocation -> System.out.println(invocation.scheduledTime())).build());
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class Scheduler {
    /** The error code for a rule name that is taken. */
    public static final String RESOURCE_ALREADY_EXISTS = "ResourceAlreadyExistsException";
    /** The error code for an unknown rule name. */
    public static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";

    private final Clock clock;
    private final ErrorHandler errorHandler;
    private final Map<String, Entry> rules = new LinkedHashMap<>();

    private Scheduler(final Builder builder) {
        this.clock = builder.clock;
        this.errorHandler = builder.errorHandler;
    }

    /** A builder: system clock, logging error handler. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this scheduler's settings (not its rules). */
    public Builder toBuilder() {
        return new Builder().clock(clock).errorHandler(errorHandler);
    }

    /**
     * Registers a rule and schedules its first firing.
     *
     * @throws StratusException {@value #RESOURCE_ALREADY_EXISTS} if a rule of that name exists
     */
    public synchronized Rule create(final Rule rule) {
        Objects.requireNonNull(rule, "rule");
        if (rules.containsKey(rule.name())) {
            throw new StratusException(RESOURCE_ALREADY_EXISTS, "Rule " + rule.name() + " already exists.");
        }
        Entry entry = new Entry(rule);
        rules.put(rule.name(), entry);
        entry.armAfter(clock.instant());
        return rule;
    }

    /**
     * Removes a rule; it never fires again.
     *
     * @throws StratusException {@value #RESOURCE_NOT_FOUND} if there is no such rule
     */
    public synchronized void delete(final String name) {
        Entry entry = require(name);
        entry.disarm();
        rules.remove(name);
    }

    /**
     * Stops a rule from firing until {@link #enable(String)}.
     *
     * @throws StratusException {@value #RESOURCE_NOT_FOUND} if there is no such rule
     */
    public synchronized void disable(final String name) {
        require(name).disarm();
    }

    /**
     * Resumes a disabled rule from now on; due times missed while disabled do not fire.
     *
     * @throws StratusException {@value #RESOURCE_NOT_FOUND} if there is no such rule
     */
    public synchronized void enable(final String name) {
        Entry entry = require(name);
        if (!entry.enabled) {
            entry.armAfter(clock.instant());
        }
    }

    /** The rule of that name, if any. */
    public synchronized Optional<Rule> rule(final String name) {
        Entry entry = rules.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.rule);
    }

    /** Every rule, in creation order. */
    public synchronized List<Rule> rules() {
        List<Rule> list = new ArrayList<>();
        rules.values().forEach(entry -> list.add(entry.rule));
        return list;
    }

    /** When the rule fires next; empty if disabled or its schedule is over. */
    public synchronized Optional<Instant> nextFireTime(final String name) {
        return Optional.ofNullable(require(name).next);
    }

    /** How many times the rule has fired. */
    public synchronized long invocationCount(final String name) {
        return require(name).invocations;
    }

    private Entry require(final String name) {
        Objects.requireNonNull(name, "name");
        Entry entry = rules.get(name);
        if (entry == null) {
            throw new StratusException(RESOURCE_NOT_FOUND, "Rule " + name + " does not exist.");
        }
        return entry;
    }

    private final class Entry {
        final Rule rule;
        boolean enabled;
        Instant next;
        Clock.Timer timer;
        long invocations;

        Entry(final Rule rule) {
            this.rule = rule;
        }

        void armAfter(final Instant after) {
            enabled = true;
            next = rule.schedule().next(after, rule.zone()).orElse(null);
            if (next != null) {
                Instant due = next;
                timer = clock.schedule(Duration.between(clock.instant(), due), () -> fire(due));
            }
        }

        void disarm() {
            enabled = false;
            next = null;
            if (timer != null) {
                timer.cancel();
                timer = null;
            }
        }

        private void fire(final Instant due) {
            List<Entry> dueNow = new ArrayList<>();
            synchronized (Scheduler.this) {
                if (!enabled || !due.equals(next) || rules.get(rule.name()) != this) {
                    return; // disabled, deleted, or already fired with an earlier-created rule due at this instant
                }
                for (Entry entry : rules.values()) {
                    if (entry.enabled && due.equals(entry.next)) {
                        entry.invocations++;
                        // the next due time counts from this one, so a late timer never skips or repeats a firing
                        entry.armAfter(due);
                        dueNow.add(entry);
                    }
                }
            }
            for (Entry entry : dueNow) {
                entry.invoke(due);
            }
        }

        private void invoke(final Instant due) {
            try {
                rule.target().invoke(new Invocation(rule.name(), due, rule.input()));
            } catch (Exception | Error e) {
                errorHandler.onError(new StratusException("ScheduleTargetFailed",
                        "target of rule " + rule.name() + " failed at " + due + ": " + e, e));
            }
        }
    }

    /** Settings of a {@link Scheduler}. */
    public static final class Builder {
        private Clock clock = Clock.system();
        private ErrorHandler errorHandler = ErrorHandler.logging();

        private Builder() {
        }

        /** The clock rules fire on. */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where failing targets are reported. */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /** Builds a scheduler with no rules. */
        public Scheduler build() {
            return new Scheduler(this);
        }
    }
}
