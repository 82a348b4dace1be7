package dev.stratus.balancer;

import java.util.List;
import java.util.Map;

/**
 * The balancer's CloudWatch metrics in namespace {@value #NAMESPACE}, for the Metrics engine to poll once a period:
 * each {@link #sample()} returns the counts since the previous sample (NewFlowCount, ProcessedBytes,
 * TCP_ELB_Reset_Count, per protocol and in total), the gauges now (ActiveFlowCount, HealthyHostCount,
 * UnHealthyHostCount) and ConsumedLCUs for the elapsed period.
 */
public interface BalancerMetrics {
    /** The CloudWatch namespace. */
    String NAMESPACE = "AWS/NetworkELB";

    /** One datapoint. */
    record Datum(String name, Map<String, String> dimensions, double value, String unit) {
        /** Copies the dimensions. */
        public Datum {
            dimensions = Map.copyOf(dimensions);
        }
    }

    /** The datapoints of the period since the previous call (or since the balancer was built). */
    List<Datum> sample();
}
