package dev.stratus.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A metric alarm's configuration, as PutMetricAlarm takes it. AWS's rules (period 10, 20, 30 or a multiple of 60,
 * Statistic xor ExtendedStatistic, DatapointsToAlarm at most EvaluationPeriods, the evaluation window, at most 5
 * actions per list) are checked by {@link Metrics#putMetricAlarm(MetricAlarm)} with AWS's errors.
 *
 * <pre>{@code
 * MetricAlarm alarm = MetricAlarm.builder("pending-tasks")
 *         .metric(MetricKey.of("ECS", "PendingTaskCount", Dimension.of("ClusterName", "prod")))
 *         .statistic(Statistic.MAXIMUM).period(10).evaluationPeriods(3).datapointsToAlarm(2)
 *         .threshold(5).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
 *         .alarmActions(List.of("arn:aws:sns:us-east-1:111111111111:ops"))
 *         .build();
 * }</pre>
 */
public final class MetricAlarm {
    private final String name;
    private final String description;
    private final MetricKey metric;
    private final int period;
    private final int evaluationPeriods;
    private final Integer datapointsToAlarm;
    private final double threshold;
    private final ComparisonOperator comparisonOperator;
    private final Statistic statistic;
    private final String extendedStatistic;
    private final Unit unit;
    private final TreatMissingData treatMissingData;
    private final String evaluateLowSampleCountPercentile;
    private final boolean actionsEnabled;
    private final List<String> okActions;
    private final List<String> alarmActions;
    private final List<String> insufficientDataActions;

    private MetricAlarm(final Builder b) {
        this.name = b.name;
        this.description = b.description;
        this.metric = b.metric;
        this.period = b.period;
        this.evaluationPeriods = b.evaluationPeriods;
        this.datapointsToAlarm = b.datapointsToAlarm;
        this.threshold = b.threshold;
        this.comparisonOperator = b.comparisonOperator;
        this.statistic = b.statistic;
        this.extendedStatistic = b.extendedStatistic;
        this.unit = b.unit;
        this.treatMissingData = b.treatMissingData;
        this.evaluateLowSampleCountPercentile = b.evaluateLowSampleCountPercentile;
        this.actionsEnabled = b.actionsEnabled;
        this.okActions = List.copyOf(b.okActions);
        this.alarmActions = List.copyOf(b.alarmActions);
        this.insufficientDataActions = List.copyOf(b.insufficientDataActions);
    }

    /** A builder for an alarm named {@code name}. */
    public static Builder builder(final String name) {
        Builder b = new Builder();
        b.name = Objects.requireNonNull(name, "name");
        return b;
    }

    /** A builder holding this alarm's settings. */
    public Builder toBuilder() {
        Builder b = builder(name);
        b.description = description;
        b.metric = metric;
        b.period = period;
        b.evaluationPeriods = evaluationPeriods;
        b.datapointsToAlarm = datapointsToAlarm;
        b.threshold = threshold;
        b.comparisonOperator = comparisonOperator;
        b.statistic = statistic;
        b.extendedStatistic = extendedStatistic;
        b.unit = unit;
        b.treatMissingData = treatMissingData;
        b.evaluateLowSampleCountPercentile = evaluateLowSampleCountPercentile;
        b.actionsEnabled = actionsEnabled;
        b.okActions.addAll(okActions);
        b.alarmActions.addAll(alarmActions);
        b.insufficientDataActions.addAll(insufficientDataActions);
        return b;
    }

    /** The alarm name. */
    public String name() {
        return name;
    }

    /** The description, or null. */
    public String description() {
        return description;
    }

    /** The metric watched. */
    public MetricKey metric() {
        return metric;
    }

    /** The period in seconds. */
    public int period() {
        return period;
    }

    /** N, the number of most recent periods evaluated. */
    public int evaluationPeriods() {
        return evaluationPeriods;
    }

    /** M, the breaching periods among the last N that trigger ALARM, or null (M = N). */
    public Integer datapointsToAlarm() {
        return datapointsToAlarm;
    }

    /** The threshold. */
    public double threshold() {
        return threshold;
    }

    /** The comparison. */
    public ComparisonOperator comparisonOperator() {
        return comparisonOperator;
    }

    /** The basic statistic, or null when an extended statistic is used. */
    public Statistic statistic() {
        return statistic;
    }

    /** The extended statistic, or null. */
    public String extendedStatistic() {
        return extendedStatistic;
    }

    /** The unit filter, or null. */
    public Unit unit() {
        return unit;
    }

    /** The missing-data setting as given, or null (behaves as {@link TreatMissingData#MISSING}). */
    public TreatMissingData treatMissingData() {
        return treatMissingData;
    }

    /** {@code evaluate} or {@code ignore}, or null. */
    public String evaluateLowSampleCountPercentile() {
        return evaluateLowSampleCountPercentile;
    }

    /** Whether actions run on transitions. */
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

    @Override
    public String toString() {
        return "MetricAlarm[" + name + ", " + metric + ", " + (statistic != null ? statistic : extendedStatistic)
                + " " + comparisonOperator.awsName() + " " + threshold + ", period=" + period + "]";
    }

    /** Settings for a {@link MetricAlarm}; last write wins. */
    public static final class Builder {
        private String name;
        private String description;
        private MetricKey metric;
        private int period;
        private int evaluationPeriods;
        private Integer datapointsToAlarm;
        private double threshold;
        private ComparisonOperator comparisonOperator;
        private Statistic statistic;
        private String extendedStatistic;
        private Unit unit;
        private TreatMissingData treatMissingData;
        private String evaluateLowSampleCountPercentile;
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

        /** The metric watched. */
        public Builder metric(final MetricKey metric) {
            this.metric = Objects.requireNonNull(metric, "metric");
            return this;
        }

        /** The period in seconds: 10, 20, 30 or a multiple of 60. */
        public Builder period(final int period) {
            this.period = period;
            return this;
        }

        /** N. */
        public Builder evaluationPeriods(final int evaluationPeriods) {
            this.evaluationPeriods = evaluationPeriods;
            return this;
        }

        /** M; null means N. */
        public Builder datapointsToAlarm(final Integer datapointsToAlarm) {
            this.datapointsToAlarm = datapointsToAlarm;
            return this;
        }

        /** The threshold. */
        public Builder threshold(final double threshold) {
            this.threshold = threshold;
            return this;
        }

        /** The comparison. */
        public Builder comparisonOperator(final ComparisonOperator comparisonOperator) {
            this.comparisonOperator = Objects.requireNonNull(comparisonOperator, "comparisonOperator");
            return this;
        }

        /** A basic statistic (clears nothing: setting both is rejected by PutMetricAlarm as AWS does). */
        public Builder statistic(final Statistic statistic) {
            this.statistic = statistic;
            return this;
        }

        /** An extended statistic ({@code p99}, {@code TM(10%:90%)}, ...). */
        public Builder extendedStatistic(final String extendedStatistic) {
            this.extendedStatistic = extendedStatistic;
            return this;
        }

        /** The unit filter. */
        public Builder unit(final Unit unit) {
            this.unit = unit;
            return this;
        }

        /** The missing-data setting. */
        public Builder treatMissingData(final TreatMissingData treatMissingData) {
            this.treatMissingData = treatMissingData;
            return this;
        }

        /** {@code evaluate} or {@code ignore} for low-sample percentiles. */
        public Builder evaluateLowSampleCountPercentile(final String value) {
            this.evaluateLowSampleCountPercentile = value;
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

        /**
         * A new alarm configuration.
         *
         * @throws IllegalStateException if the metric or the comparison operator is missing
         */
        public MetricAlarm build() {
            if (metric == null) {
                throw new IllegalStateException("metric is required: alarm=" + name);
            }
            if (comparisonOperator == null) {
                throw new IllegalStateException("comparisonOperator is required: alarm=" + name);
            }
            return new MetricAlarm(this);
        }
    }
}
