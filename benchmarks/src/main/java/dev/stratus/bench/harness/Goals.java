package dev.stratus.bench.harness;

import java.util.List;

/**
 * The performance goals of every engine, as their issues state them, and the scaling curves the report draws.
 * A goal whose benchmark did not run is reported as "not run", never as met.
 */
final class Goals {
    private Goals() {
    }

    static final List<Goal> ALL = List.of(
            Goal.compare("core", "ManualClock schedule+advance vs a bare PriorityQueue",
                    "ManualClockScheduleBenchmark.scheduleAndAdvance",
                    "ManualClockScheduleBenchmark.priorityQueueBaseline"),

            Goal.throughput("states", "100-state Pass/Choice chain, Express, transitions/s, one thread",
                    "StatesTransitionBenchmark.chainOf100[impl=EXPRESS]", 2e6),
            Goal.ratio("states", "100-state chain, Express, within 3x of hand-written Jackson (floor)",
                    "StatesTransitionBenchmark.chainOf100[impl=EXPRESS]",
                    "StatesTransitionBenchmark.chainOf100[impl=FLOOR]", 1.0 / 3),
            Goal.throughput("states", "100-state chain, Standard (history, 10,000 retained), transitions/s",
                    "StatesTransitionBenchmark.chainOf100[impl=STANDARD]", 2e6),
            // the floor keeps no history: the 3x goals are the Express lines (the same work); a Standard execution
            // also records two or three events a transition and stays retained, reported against the same floor
            Goal.compare("states", "100-state chain, Standard (history, 10,000 retained) vs the floor (no history)",
                    "StatesTransitionBenchmark.chainOf100[impl=STANDARD]",
                    "StatesTransitionBenchmark.chainOf100[impl=FLOOR]"),
            Goal.ratio("states", "12-branch Parallel of Wait+Task, Express, within 3x of the floor",
                    "StatesParallelBenchmark.parallelOf12[impl=EXPRESS]",
                    "StatesParallelBenchmark.parallelOf12[impl=FLOOR]", 1.0 / 3),
            Goal.compare("states", "12-branch Parallel, Standard (history, 10,000 retained) vs the floor (no history)",
                    "StatesParallelBenchmark.parallelOf12[impl=STANDARD]",
                    "StatesParallelBenchmark.parallelOf12[impl=FLOOR]"),
            Goal.ratio("states", "ResultPath on 200 KiB within 2x of 1 KiB",
                    "StatesResultPathBenchmark.resultPath[payloadBytes=204800]",
                    "StatesResultPathBenchmark.resultPath[payloadBytes=1024]", 0.5),
            Goal.compare("states", "100-step execution incl. its start (O(payload) input check): 200 KiB vs 1 KiB",
                    "StatesResultPathBenchmark.startAndRun100[payloadBytes=204800]",
                    "StatesResultPathBenchmark.startAndRun100[payloadBytes=1024]"),
            Goal.maxScore("states", "10,000 parked executions: bytes each beyond input",
                    "StatesParkedExecutionsBenchmark.park[impl=STRATUS]:retainedBytesPerExecution", 4096),
            Goal.compare("states", "redrive a failed 1,000-iteration Map (10 failed) vs re-run from the start",
                    "StatesRedriveBenchmark.recover[recovery=REDRIVE]",
                    "StatesRedriveBenchmark.recover[recovery=RERUN]"),
            Goal.compare("states", "journal with group commit vs one fsync per record, transitions/s",
                    "StatesJournalBenchmark.chainOf10[store=PER_BATCH]",
                    "StatesJournalBenchmark.chainOf10[store=PER_RECORD]"),
            Goal.compare("states", "validate a 100-state definition vs Jackson parse",
                    "StatesValidateBenchmark.validateText", "StatesValidateBenchmark.jacksonParseFloor"),
            Goal.compare("states", "JSONata Pass chain vs the same chain in JSONPath, transitions/s",
                    "StatesJsonataBenchmark.passChain[language=JSONATA]",
                    "StatesJsonataBenchmark.passChain[language=JSONPATH]"),

            Goal.ratio("bus", "publish->deliver, 1 subscriber, vs Guava EventBus",
                    "BusPublishBenchmark.publish[impl=STRATUS,subscribers=1]",
                    "BusPublishBenchmark.publish[impl=GUAVA_EVENTBUS,subscribers=1]", 2),
            Goal.ratio("bus", "publish->deliver, 100 subscribers, vs Guava EventBus",
                    "BusPublishBenchmark.publish[impl=STRATUS,subscribers=100]",
                    "BusPublishBenchmark.publish[impl=GUAVA_EVENTBUS,subscribers=100]", 3),
            Goal.ratio("bus", "attribute-scope filter evaluation vs event-ruler (100 policies)",
                    "FilterPolicyMatchBenchmark.match[impl=STRATUS,scope=ATTRIBUTES,policies=100]",
                    "FilterPolicyMatchBenchmark.match[impl=EVENT_RULER,scope=ATTRIBUTES,policies=100]", 5),
            Goal.ratio("bus", "body-scope filter evaluation vs event-ruler (100 policies)",
                    "FilterPolicyMatchBenchmark.match[impl=STRATUS,scope=BODY,policies=100]",
                    "FilterPolicyMatchBenchmark.match[impl=EVENT_RULER,scope=BODY,policies=100]", 1),
            Goal.ratio("bus", "publish to a topic with 1,000 filtered subscriptions costs at most 1.5x of 10",
                    "BusFilteredPublishBenchmark.publish[subscriptions=1000]",
                    "BusFilteredPublishBenchmark.publish[subscriptions=10]", 1 / 1.5),
            Goal.throughput("bus", "publish->queue->receive, one producer and one consumer",
                    "BusQueueRoundTripBenchmark.roundTrip[impl=STRATUS]", 1e6),
            Goal.allocation("bus", "allocation per publish (1 subscriber), reported",
                    "BusPublishBenchmark.publish[impl=STRATUS,subscribers=1]", Double.NaN),

            Goal.ratio("balancer", "established-flow lookup at 1M flows vs ConcurrentHashMap, 16-packet bursts",
                    "BalancerLookupBenchmark.lookupBurst[impl=SHARD_ROUTE,flows=1048576]",
                    "BalancerLookupBenchmark.lookupBurst[impl=CONCURRENT_HASH_MAP,flows=1048576]", 3),
            Goal.throughput("balancer", "established-flow lookup per core, 16-packet bursts",
                    "BalancerLookupBenchmark.lookupBurst[impl=SHARD_ROUTE,flows=1048576]", 15e6),
            Goal.compare("balancer", "established-flow lookup at 1M flows vs ConcurrentHashMap, one packet a call",
                    "BalancerLookupBenchmark.lookup[impl=SHARD_ROUTE,flows=1048576]",
                    "BalancerLookupBenchmark.lookup[impl=CONCURRENT_HASH_MAP,flows=1048576]"),
            Goal.allocation("balancer", "packet path allocation",
                    "BalancerLookupBenchmark.lookup[impl=SHARD_ROUTE,flows=1048576]", 1),
            Goal.allocation("balancer", "packet path allocation, bursts",
                    "BalancerLookupBenchmark.lookupBurst[impl=SHARD_ROUTE,flows=1048576]", 1),
            Goal.throughput("balancer", "new-flow decision, 16-packet bursts", "BalancerNewFlowBenchmark.newFlowBurst",
                    5e6),
            Goal.report("balancer", "new-flow decision, one packet a call", "BalancerNewFlowBenchmark.newFlow"),
            Goal.throughput("balancer", "ring hand-off, one producer to one shard",
                    "BalancerRingBenchmark.handoff:offer", 10e6),
            Goal.report("balancer", "ring hand-off round trip (SampleTime mean; percentiles in jmh.log)",
                    "BalancerRingLatencyBenchmark.roundTrip:offer"),
            Goal.latency("balancer", "Maglev rebuild, N=1,000, M=65,537",
                    "MaglevBuildBenchmark.maglevBuild[backends=1000]", 2e-3),
            Goal.compare("balancer", "Maglev vs jump hash lookup, N=1,000",
                    "MaglevLookupBenchmark.choose[impl=MAGLEV,backends=1000]",
                    "MaglevLookupBenchmark.choose[impl=JUMP_HASH,backends=1000]"),

            Goal.ratio("metrics", "record one value within 2x of HdrHistogram",
                    "MetricsRecordBenchmark.record[impl=STRATUS]",
                    "MetricsRecordBenchmark.record[impl=HDR_HISTOGRAM]", 0.5),
            Goal.ratio("metrics", "record one value no slower than DDSketch",
                    "MetricsRecordBenchmark.record[impl=STRATUS]",
                    "MetricsRecordBenchmark.record[impl=DDSKETCH]", 1),
            Goal.ratio("metrics", "record from two threads no slower than HdrHistogram Recorder",
                    "MetricsRecordConcurrentBenchmark.record[impl=STRATUS,threads=2]",
                    "MetricsRecordConcurrentBenchmark.record[impl=HDR_RECORDER,threads=2]", 1),
            Goal.allocation("metrics", "recording allocation", "MetricsRecordBenchmark.record[impl=STRATUS]", 1),
            Goal.ratio("metrics", "3-hour query of 1-second data within 3x of a plain scan",
                    "MetricsQueryBenchmark.query[impl=STRATUS_P10]", "MetricsQueryBenchmark.query[impl=SCAN_P10]",
                    1.0 / 3),
            Goal.compare("metrics", "3-hour query at period 60 (served by the 60 s tier) vs a plain scan",
                    "MetricsQueryBenchmark.query[impl=STRATUS_P60]", "MetricsQueryBenchmark.query[impl=SCAN_P60]"),
            Goal.latency("metrics", "1,000 alarms evaluated in one tick", "MetricsAlarmTickBenchmark.tick", 5e-3));

    /**
     * A scaling curve: one benchmark's time per operation against one numeric parameter, one line per value of
     * others ({@code seriesParam}, comma-separated), divided by {@code xParam} times {@code perX} when an operation
     * covers that many units (0: not divided).
     */
    record Curve(String engine, String title, String benchmark, String xParam, String seriesParam, String file,
            int perX) {
        Curve(final String engine, final String title, final String benchmark, final String xParam,
                final String seriesParam, final String file) {
            this(engine, title, benchmark, xParam, seriesParam, file, 0);
        }
    }

    static final List<Curve> CURVES = List.of(
            new Curve("bus", "Bus: filter evaluation cost vs number of subscriptions",
                    "FilterPolicyMatchBenchmark.match", "policies", "impl,scope", "curve-bus-subscriptions.png"),
            new Curve("bus", "Bus: publish cost vs number of subscribers", "BusPublishBenchmark.publish",
                    "subscribers", "impl", "curve-bus-subscribers.png"),
            new Curve("states", "States: ResultPath cost vs payload size", "StatesResultPathBenchmark.resultPath",
                    "payloadBytes", null, "curve-states-payload.png"),
            new Curve("balancer", "Balancer: Maglev lookup vs number of targets", "MaglevLookupBenchmark.choose",
                    "backends", "impl", "curve-balancer-targets.png"),
            new Curve("balancer", "Balancer: established-flow lookup vs active flows",
                    "BalancerLookupBenchmark.lookup", "flows", "impl", "curve-balancer-flows.png"),
            new Curve("metrics", "Metrics: recording one value vs threads", "MetricsRecordConcurrentBenchmark.record",
                    "threads", "impl", "curve-metrics-threads.png"),
            new Curve("states", "States: one transition vs executions in flight",
                    "StatesConcurrentExecutionsBenchmark.wave", "executions", null, "curve-states-executions.png",
                    12));
}
