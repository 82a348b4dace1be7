package dev.stratus.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A composite alarm's configuration: a rule over other alarms' states ({@code ALARM("name-or-arn")},
 * {@code OK(..)}, {@code INSUFFICIENT_DATA(..)}, {@code AND}, {@code OR}, {@code NOT}, {@code TRUE},
 * {@code FALSE}, parentheses), evaluated whenever a child changes state.
 */
public final class CompositeAlarm {
    private final String name;
    private final String description;
    private final String rule;
    private final boolean actionsEnabled;
    private final List<String> okActions;
    private final List<String> alarmActions;
    private final List<String> insufficientDataActions;

    private CompositeAlarm(final Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.rule = b.rule;
        this.actionsEnabled = b.actionsEnabled;
        this.okActions = List.copyOf(b.okActions);
        this.alarmActions = List.copyOf(b.alarmActions);
        this.insufficientDataActions = List.copyOf(b.insufficientDataActions);
    }

    /** A builder for a composite alarm named {@code name} with rule {@code rule}. */
    public static Builder builder(final String name, final String rule) {
        Builder b = new Builder();
        b.name = Objects.requireNonNull(name, "name");
        b.rule = Objects.requireNonNull(rule, "rule");
        return b;
    }

    /** A builder holding this alarm's settings. */
    public Builder toBuilder() {
        Builder b = builder(name, rule);
        b.description = description;
        b.actionsEnabled = actionsEnabled;
        b.okActions.addAll(okActions);
        b.alarmActions.addAll(alarmActions);
        b.insufficientDataActions.addAll(insufficientDataActions);
        return b;
    }

    /** The name. */
    public String name() {
        return name;
    }

    /** The description, or null. */
    public String description() {
        return description;
    }

    /** The rule. */
    public String rule() {
        return rule;
    }

    /** Whether actions run. */
    public boolean actionsEnabled() {
        return actionsEnabled;
    }

    /** Actions on a transition to OK. */
    public List<String> okActions() {
        return okActions;
    }

    /** Actions on a transition to ALARM. */
    public List<String> alarmActions() {
        return alarmActions;
    }

    /** Actions on a transition to INSUFFICIENT_DATA. */
    public List<String> insufficientDataActions() {
        return insufficientDataActions;
    }

    /** Settings for a {@link CompositeAlarm}. */
    public static final class Builder {
        private String name;
        private String description;
        private String rule;
        private boolean actionsEnabled = true;
        private final List<String> okActions = new ArrayList<>();
        private final List<String> alarmActions = new ArrayList<>();
        private final List<String> insufficientDataActions = new ArrayList<>();

        private Builder() {
        }

        /** The description. */
        public Builder description(final String description) {
            this.description = description;
            return this;
        }

        /** Whether actions run; default true. */
        public Builder actionsEnabled(final boolean actionsEnabled) {
            this.actionsEnabled = actionsEnabled;
            return this;
        }

        /** Actions on a transition to OK. */
        public Builder okActions(final List<String> arns) {
            okActions.clear();
            okActions.addAll(Objects.requireNonNull(arns, "okActions"));
            return this;
        }

        /** Actions on a transition to ALARM. */
        public Builder alarmActions(final List<String> arns) {
            alarmActions.clear();
            alarmActions.addAll(Objects.requireNonNull(arns, "alarmActions"));
            return this;
        }

        /** Actions on a transition to INSUFFICIENT_DATA. */
        public Builder insufficientDataActions(final List<String> arns) {
            insufficientDataActions.clear();
            insufficientDataActions.addAll(Objects.requireNonNull(arns, "insufficientDataActions"));
            return this;
        }

        /** A new configuration. */
        public CompositeAlarm build() {
            return new CompositeAlarm(this);
        }
    }
}
