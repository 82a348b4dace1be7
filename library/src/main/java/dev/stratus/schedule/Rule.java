package dev.stratus.schedule;

import dev.stratus.core.internal.Checks;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scheduled rule: a name, a {@link ScheduleExpression}, the time zone its cron fields are read in, a constant
 * input and a target. Immutable; create with {@link #builder()} and register with {@link Scheduler#create(Rule)}.
 */
public final class Rule {
    private static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");

    private final String name;
    private final ScheduleExpression schedule;
    private final ZoneId zone;
    private final String input;
    private final ScheduleTarget target;

    private Rule(final Builder builder) {
        this.name = builder.name;
        this.schedule = builder.schedule;
        this.zone = builder.zone;
        this.input = builder.input;
        this.target = builder.target;
    }

    /** A builder; name, schedule and target are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this rule's settings. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.name = name;
        builder.schedule = schedule;
        builder.zone = zone;
        builder.input = input;
        builder.target = target;
        return builder;
    }

    public String name() {
        return name;
    }

    public ScheduleExpression schedule() {
        return schedule;
    }

    public ZoneId zone() {
        return zone;
    }

    public String input() {
        return input;
    }

    public ScheduleTarget target() {
        return target;
    }

    @Override
    public String toString() {
        return "Rule[" + name + ", " + schedule + ", " + zone + "]";
    }

    /** Settings of a {@link Rule}. */
    public static final class Builder {
        private String name;
        private ScheduleExpression schedule;
        private ZoneId zone = ZoneOffset.UTC;
        private String input = "{}";
        private ScheduleTarget target;

        private Builder() {
        }

        /**
         * The rule's name.
         *
         * @throws IllegalArgumentException unless 1 to 64 of {@code . - _ A-Z a-z 0-9}
         */
        public Builder name(final String name) {
            Objects.requireNonNull(name, "name");
            Checks.argument(NAME.matcher(name).matches(),
                    "name must be 1 to 64 characters of . - _ A-Z a-z 0-9: name=" + name);
            this.name = name;
            return this;
        }

        /**
         * The schedule, e.g. {@code rate(15 minutes)} or {@code cron(0/1 * * * ? *)}.
         *
         * @throws dev.stratus.core.StratusException ValidationException if the expression is malformed
         */
        public Builder schedule(final String expression) {
            this.schedule = ScheduleExpression.parse(expression);
            return this;
        }

        /** The time zone cron and at expressions are read in; default UTC. */
        public Builder zone(final ZoneId zone) {
            this.zone = Objects.requireNonNull(zone, "zone");
            return this;
        }

        /** The constant input handed to the target (JSON text); default {@code {}}. */
        public Builder input(final String input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /** What runs at each firing. */
        public Builder target(final ScheduleTarget target) {
            this.target = Objects.requireNonNull(target, "target");
            return this;
        }

        /**
         * Builds the rule.
         *
         * @throws IllegalStateException if name, schedule or target is missing
         */
        public Rule build() {
            Checks.state(name != null, "name is required: name=null");
            Checks.state(schedule != null, "schedule is required: schedule=null, name=" + name);
            Checks.state(target != null, "target is required: target=null, name=" + name);
            return new Rule(this);
        }
    }
}
