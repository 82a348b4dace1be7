package dev.stratus.metrics;

import java.util.Objects;

/**
 * One query of a GetMetricData request: either a metric statistic ({@code MetricStat}: metric, period, stat,
 * optional unit) or a metric-math {@code Expression} over other queries' ids.
 *
 * <pre>{@code
 * MetricDataQuery.metricStat("m1", MetricKey.of("ECS", "PendingTaskCount"), 60, "Sum");
 * MetricDataQuery.expression("e1", "RATE(m1)");
 * }</pre>
 *
 * @param id the id, starting with a lower-case letter
 * @param metric the metric, or null for an expression
 * @param period the period in seconds (for an expression, optional: 0)
 * @param stat the statistic ({@code Sum}, {@code p99}, ...), or null for an expression
 * @param unit the unit filter, or null
 * @param expression the expression, or null for a metric statistic
 * @param label the label, or null to generate one
 * @param returnData whether the result is returned
 */
public record MetricDataQuery(String id, MetricKey metric, int period, String stat, Unit unit, String expression,
        String label, boolean returnData) {
    /** Rejects a null id. */
    public MetricDataQuery {
        Objects.requireNonNull(id, "id");
    }

    /** A metric-statistic query. */
    public static MetricDataQuery metricStat(final String id, final MetricKey metric, final int period,
            final String stat) {
        return new MetricDataQuery(id, Objects.requireNonNull(metric, "metric"), period,
                Objects.requireNonNull(stat, "stat"), null, null, null, true);
    }

    /** A metric-math query. */
    public static MetricDataQuery expression(final String id, final String expression) {
        return new MetricDataQuery(id, null, 0, null, null, Objects.requireNonNull(expression, "expression"), null,
                true);
    }

    /** This query with a unit filter. */
    public MetricDataQuery withUnit(final Unit newUnit) {
        return new MetricDataQuery(id, metric, period, stat, newUnit, expression, label, returnData);
    }

    /** This query with a label. */
    public MetricDataQuery withLabel(final String newLabel) {
        return new MetricDataQuery(id, metric, period, stat, unit, expression, newLabel, returnData);
    }

    /** This query with {@code ReturnData} set. */
    public MetricDataQuery withReturnData(final boolean newReturnData) {
        return new MetricDataQuery(id, metric, period, stat, unit, expression, label, newReturnData);
    }

    /** This query with a period (for an expression). */
    public MetricDataQuery withPeriod(final int newPeriod) {
        return new MetricDataQuery(id, metric, newPeriod, stat, unit, expression, label, returnData);
    }
}
