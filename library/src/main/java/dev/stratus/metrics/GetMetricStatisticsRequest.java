package dev.stratus.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A GetMetricStatistics request. AWS's rules (window, period, datapoint limit, statistics) are checked by
 * {@link Metrics#getMetricStatistics(GetMetricStatisticsRequest)} with AWS's errors.
 */
public final class GetMetricStatisticsRequest {
    private final String namespace;
    private final String metricName;
    private final List<Dimension> dimensions;
    private final Instant startTime;
    private final Instant endTime;
    private final int period;
    private final List<Statistic> statistics;
    private final List<String> extendedStatistics;
    private final Unit unit;

    private GetMetricStatisticsRequest(final Builder b) {
        this.namespace = b.namespace;
        this.metricName = b.metricName;
        this.dimensions = List.copyOf(b.dimensions);
        this.startTime = b.startTime;
        this.endTime = b.endTime;
        this.period = b.period;
        this.statistics = List.copyOf(b.statistics);
        this.extendedStatistics = List.copyOf(b.extendedStatistics);
        this.unit = b.unit;
    }

    /** A new builder. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's fields. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.namespace = namespace;
        b.metricName = metricName;
        b.dimensions.addAll(dimensions);
        b.startTime = startTime;
        b.endTime = endTime;
        b.period = period;
        b.statistics.addAll(statistics);
        b.extendedStatistics.addAll(extendedStatistics);
        b.unit = unit;
        return b;
    }

    /** The namespace. */
    public String namespace() {
        return namespace;
    }

    /** The metric name. */
    public String metricName() {
        return metricName;
    }

    /** The dimensions (matched exactly). */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The start, inclusive. */
    public Instant startTime() {
        return startTime;
    }

    /** The end, exclusive. */
    public Instant endTime() {
        return endTime;
    }

    /** The period in seconds. */
    public int period() {
        return period;
    }

    /** The basic statistics. */
    public List<Statistic> statistics() {
        return statistics;
    }

    /** The extended statistics. */
    public List<String> extendedStatistics() {
        return extendedStatistics;
    }

    /** The unit filter, or null for every unit (one datapoint per unit). */
    public Unit unit() {
        return unit;
    }

    /** Settings for a {@link GetMetricStatisticsRequest}. */
    public static final class Builder {
        private String namespace;
        private String metricName;
        private final List<Dimension> dimensions = new ArrayList<>();
        private Instant startTime;
        private Instant endTime;
        private int period;
        private final List<Statistic> statistics = new ArrayList<>();
        private final List<String> extendedStatistics = new ArrayList<>();
        private Unit unit;

        private Builder() {
        }

        /** The namespace. */
        public Builder namespace(final String namespace) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            return this;
        }

        /** The metric name. */
        public Builder metricName(final String metricName) {
            this.metricName = Objects.requireNonNull(metricName, "metricName");
            return this;
        }

        /** Replaces the dimensions. */
        public Builder dimensions(final List<Dimension> dimensions) {
            this.dimensions.clear();
            this.dimensions.addAll(Objects.requireNonNull(dimensions, "dimensions"));
            return this;
        }

        /** The metric (namespace, name and dimensions) at once. */
        public Builder metric(final MetricKey key) {
            Objects.requireNonNull(key, "key");
            return namespace(key.namespace()).metricName(key.name()).dimensions(key.dimensions());
        }

        /** The start, inclusive. */
        public Builder startTime(final Instant startTime) {
            this.startTime = Objects.requireNonNull(startTime, "startTime");
            return this;
        }

        /** The end, exclusive. */
        public Builder endTime(final Instant endTime) {
            this.endTime = Objects.requireNonNull(endTime, "endTime");
            return this;
        }

        /** The period in seconds. */
        public Builder period(final int period) {
            this.period = period;
            return this;
        }

        /** Replaces the basic statistics. */
        public Builder statistics(final Statistic... statistics) {
            this.statistics.clear();
            for (Statistic statistic : statistics) {
                this.statistics.add(Objects.requireNonNull(statistic, "statistic"));
            }
            return this;
        }

        /** Replaces the extended statistics ({@code p99}, {@code TM(10%:90%)}, ...). */
        public Builder extendedStatistics(final String... extendedStatistics) {
            this.extendedStatistics.clear();
            for (String statistic : extendedStatistics) {
                this.extendedStatistics.add(Objects.requireNonNull(statistic, "extendedStatistic"));
            }
            return this;
        }

        /** The unit filter; null for every unit. */
        public Builder unit(final Unit unit) {
            this.unit = unit;
            return this;
        }

        /** A new request. */
        public GetMetricStatisticsRequest build() {
            return new GetMetricStatisticsRequest(this);
        }
    }
}
