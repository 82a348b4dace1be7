package dev.stratus.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One {@code MetricDatum} of a PutMetricData request: a metric name, dimensions, an optional timestamp, one value
 * form ({@code Value}, {@code Values} with optional {@code Counts}, or {@code StatisticValues}), a unit and a
 * storage resolution. AWS's rules (which forms may combine, sizes, ranges, the timestamp window) are checked by
 * {@link Metrics#putMetricData(String, List)}, which names the offending member as AWS does.
 *
 * <pre>{@code
 * MetricDatum datum = MetricDatum.builder("PendingTaskCount")
 *         .dimension("ClusterName", "prod")
 *         .value(3)
 *         .unit(Unit.COUNT)
 *         .storageResolution(1)
 *         .build();
 * }</pre>
 */
public final class MetricDatum {
    private final String metricName;
    private final List<Dimension> dimensions;
    private final Instant timestamp;
    private final Double value;
    private final List<Double> values;
    private final List<Double> counts;
    private final StatisticSet statisticValues;
    private final Unit unit;
    private final Integer storageResolution;

    private MetricDatum(final Builder builder) {
        this.metricName = builder.metricName;
        this.dimensions = List.copyOf(builder.dimensions);
        this.timestamp = builder.timestamp;
        this.value = builder.value;
        this.values = builder.values == null ? null : List.copyOf(builder.values);
        this.counts = builder.counts == null ? null : List.copyOf(builder.counts);
        this.statisticValues = builder.statisticValues;
        this.unit = builder.unit;
        this.storageResolution = builder.storageResolution;
    }

    /**
     * A builder for a datum of metric {@code metricName}.
     *
     * @throws NullPointerException if {@code metricName} is null
     */
    public static Builder builder(final String metricName) {
        return new Builder().metricName(metricName);
    }

    /** A builder holding this datum's fields. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.metricName = metricName;
        builder.dimensions.addAll(dimensions);
        builder.timestamp = timestamp;
        builder.value = value;
        builder.values = values == null ? null : new ArrayList<>(values);
        builder.counts = counts == null ? null : new ArrayList<>(counts);
        builder.statisticValues = statisticValues;
        builder.unit = unit;
        builder.storageResolution = storageResolution;
        return builder;
    }

    /** The metric name. */
    public String metricName() {
        return metricName;
    }

    /** The dimensions, in the order given. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The timestamp, or null for the time of receipt. */
    public Instant timestamp() {
        return timestamp;
    }

    /** The single value, or null. */
    public Double value() {
        return value;
    }

    /** The values array, or null. */
    public List<Double> values() {
        return values;
    }

    /** The counts array, or null (each value then counts once). */
    public List<Double> counts() {
        return counts;
    }

    /** The statistic set, or null. */
    public StatisticSet statisticValues() {
        return statisticValues;
    }

    /** The unit, or null (reported as {@link Unit#NONE}). */
    public Unit unit() {
        return unit;
    }

    /** The storage resolution (1 or 60), or null for the default 60. */
    public Integer storageResolution() {
        return storageResolution;
    }

    @Override
    public String toString() {
        return "MetricDatum[" + metricName + ", dimensions=" + dimensions + ", value=" + value + ", values="
                + values + ", counts=" + counts + ", statisticValues=" + statisticValues + ", unit=" + unit
                + ", storageResolution=" + storageResolution + ", timestamp=" + timestamp + "]";
    }

    /** Settings for a {@link MetricDatum}; last write wins, {@link #build()} may be repeated. */
    public static final class Builder {
        private String metricName;
        private final List<Dimension> dimensions = new ArrayList<>();
        private Instant timestamp;
        private Double value;
        private List<Double> values;
        private List<Double> counts;
        private StatisticSet statisticValues;
        private Unit unit;
        private Integer storageResolution;

        private Builder() {
        }

        /** The metric name. */
        public Builder metricName(final String metricName) {
            this.metricName = Objects.requireNonNull(metricName, "metricName");
            return this;
        }

        /** Adds a dimension. */
        public Builder dimension(final String name, final String value) {
            dimensions.add(new Dimension(name, value));
            return this;
        }

        /** Replaces the dimensions. */
        public Builder dimensions(final List<Dimension> dimensions) {
            Objects.requireNonNull(dimensions, "dimensions");
            this.dimensions.clear();
            for (Dimension dimension : dimensions) {
                this.dimensions.add(Objects.requireNonNull(dimension, "dimension"));
            }
            return this;
        }

        /** The timestamp; null means the time of receipt. */
        public Builder timestamp(final Instant timestamp) {
            this.timestamp = timestamp;
            return this;
        }

        /** One value. */
        public Builder value(final double value) {
            this.value = value;
            return this;
        }

        /** Values (up to 150), each counted once unless {@link #counts(List)} says otherwise. */
        public Builder values(final List<Double> values) {
            Objects.requireNonNull(values, "values");
            this.values = new ArrayList<>(values);
            return this;
        }

        /** How many times each of {@link #values(List)} occurred; same length as the values. */
        public Builder counts(final List<Double> counts) {
            Objects.requireNonNull(counts, "counts");
            this.counts = new ArrayList<>(counts);
            return this;
        }

        /** A pre-aggregated statistic set. */
        public Builder statisticValues(final StatisticSet statisticValues) {
            this.statisticValues = Objects.requireNonNull(statisticValues, "statisticValues");
            return this;
        }

        /** The unit; null means {@link Unit#NONE}. */
        public Builder unit(final Unit unit) {
            this.unit = unit;
            return this;
        }

        /** 1 (high resolution) or 60 (the default); checked by PutMetricData with AWS's error. */
        public Builder storageResolution(final int storageResolution) {
            this.storageResolution = storageResolution;
            return this;
        }

        /** A new datum. */
        public MetricDatum build() {
            return new MetricDatum(this);
        }
    }
}
