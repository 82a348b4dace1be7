package dev.stratus.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.Stratus;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.AlarmHistoryItem;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.Datapoint;
import dev.stratus.metrics.Dimension;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Metrics;
import dev.stratus.metrics.Statistic;
import dev.stratus.metrics.TreatMissingData;
import dev.stratus.metrics.Unit;
import dev.stratus.schedule.Rule;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * "Capturing Custom, High-Resolution Metrics from Containers Using AWS Step Functions and AWS Lambda": a
 * {@code cron(0/1 * * * ? *)} rule starts the {@code WriteMetricFromStepFunction} machine every minute; its one
 * Parallel state runs twelve branches, one per five-second mark, each calling a Java function that describes a
 * simulated ECS cluster and puts four one-second-resolution metrics. A 10-second alarm on {@code PendingTask}
 * notifies a topic whose function and queue subscribers scale the cluster out. One simulated hour; the report
 * shows per-minute statistics, the alarm history and the post's cost arithmetic recomputed from the run.
 */
public final class HighResolutionMetrics {
    /** The cluster the rule's input names. */
    static final String CLUSTER = "demo-cluster";
    /** Step Functions' standard-workflow price per state transition, in dollars. */
    static final BigDecimal PRICE_PER_TRANSITION = new BigDecimal("0.000025");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FUNCTION = "WriteMetricFromStepFunction";
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The figures the report prints, for the tour's summary and for tests. */
    record Result(int executions, int transitionsPerExecution, long transitionsPerDay, BigDecimal dailyCost,
            long functionCalls, int alarmTransitions, int instancesAtEnd) {
    }

    private HighResolutionMetrics() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** Runs the sample and returns its key figures. */
    static Result run() throws Exception {
        // Virtual time: one hour of per-second metrics runs in a fraction of a second.
        Instant start = Instant.parse("2025-01-01T00:00:00Z");
        ManualClock clock = ManualClock.at(start);

        // The simulated ECS cluster: two services of four tasks on three container instances of four slots.
        EcsCluster cluster = new EcsCluster(clock);

        // The post's function, registered as the Lambda the Task states call: describe the cluster, put 4 metrics.
        Stratus stratus = Stratus.builder().clock(clock).seed(9)
                .bus(b -> b.executor(Runnable::run))
                .states(b -> b.handler(FUNCTION, cluster::writeMetrics))
                .build();
        Metrics metrics = stratus.metrics();
        cluster.publishTo(metrics);

        // The post's machine: one Parallel state, twelve branches of Wait + Task, built from scenarios.md's names.
        StateMachine machine = stratus.states().define(FUNCTION, JSON.writeValueAsString(definition(stratus)));

        // A 10-second alarm: any pending task in a 10 s period notifies the scaling topic.
        Topic scaling = stratus.bus().createTopic("ecs-scaling");
        MetricKey pendingKey = MetricKey.of("ECS", "PendingTask", Dimension.of("ClusterName", CLUSTER));
        metrics.putMetricAlarm(MetricAlarm.builder("demo-cluster-pending-tasks").metric(pendingKey)
                .statistic(Statistic.MAXIMUM).period(10).evaluationPeriods(1).threshold(0)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .alarmActions(List.of(scaling.arn())).build());

        // Fast path: a function subscriber registers one warm standby instance as soon as the alarm fires.
        scaling.subscribe("AddStandbyInstance", notification -> {
            if ("ALARM".equals(JSON.readTree(notification.message()).path("NewStateValue").asText())) {
                cluster.registerStandby();
            }
        }, Map.of());

        // Slow path: a queue subscriber, polled once a minute, launches instances for whatever is still pending.
        Queue scalingQueue = stratus.bus().createQueue("ecs-scaling-requests");
        scaling.subscribe(scalingQueue, Map.of("RawMessageDelivery", "true"));

        // The scheduled rule of the post: every minute, start the machine with the cluster's name.
        stratus.scheduler().create(Rule.builder().name("WriteMetricEveryMinute").schedule("cron(0/1 * * * ? *)")
                .input("{\"ECSClusterName\": \"" + CLUSTER + "\"}")
                .target(stratus.startExecutionTarget(machine)).build());

        // The cluster's workload changes on its own: a batch service at 00:12:30 that ends at 00:30, a report
        // service at 00:41:10.
        cluster.at(Duration.parse("PT12M30S"), () -> cluster.createService("batch", 10));
        cluster.at(Duration.ofMinutes(30), () -> cluster.deleteService("batch"));
        cluster.at(Duration.parse("PT41M10S"), () -> cluster.createService("reports", 16));

        // Run the hour minute by minute; the scaling worker drains its queue at each minute.
        System.out.println("  cluster events:");
        for (int minute = 0; minute < 60; minute++) {
            clock.advance(Duration.ofMinutes(1));
            for (ReceivedMessage message : scalingQueue.receive(10)) {
                if ("ALARM".equals(JSON.readTree(message.body()).path("NewStateValue").asText())) {
                    cluster.launchForPending(Duration.ofSeconds(60));
                }
                scalingQueue.delete(message.receiptHandle());
            }
        }
        // Stop the rule and let the last execution's waits finish.
        stratus.scheduler().disable("WriteMetricEveryMinute");
        clock.advance(Duration.ofMinutes(1));

        // Per-minute statistics of the one-second metrics, read back as GetMetricStatistics does.
        Instant from = start.plus(Duration.ofMinutes(1));
        Instant to = from.plus(Duration.ofMinutes(60));
        Map<String, Map<Instant, Datapoint>> stats = new HashMap<>();
        for (String name : EcsCluster.METRICS) {
            Map<Instant, Datapoint> byMinute = new HashMap<>();
            for (Datapoint point : metrics.getMetricStatistics(GetMetricStatisticsRequest.builder()
                    .metric(MetricKey.of("ECS", name, Dimension.of("ClusterName", CLUSTER)))
                    .startTime(from).endTime(to).period(60)
                    .statistics(Statistic.MINIMUM, Statistic.MAXIMUM, Statistic.SAMPLE_COUNT).build()).datapoints()) {
                byMinute.put(point.timestamp(), point);
            }
            stats.put(name, byMinute);
        }
        System.out.println();
        System.out.println("  minute  samples  running    pending  services  instances");
        for (Instant minute = from; minute.isBefore(to); minute = minute.plus(Duration.ofMinutes(1))) {
            Datapoint running = stats.get("RunningTask").get(minute);
            Datapoint pending = stats.get("PendingTask").get(minute);
            Datapoint services = stats.get("ActiveServices").get(minute);
            Datapoint instances = stats.get("RegisteredContainerInstances").get(minute);
            System.out.printf(Locale.ROOT, "  %s   %7.0f  %s  %s  %s  %s%n", HH_MM.format(minute),
                    running.value(Statistic.SAMPLE_COUNT), range(running, 7), range(pending, 7), range(services, 8),
                    range(instances, 9));
        }

        // The alarm's history, oldest first.
        System.out.println();
        System.out.println("  alarm history:");
        List<AlarmHistoryItem> history = new ArrayList<>(metrics.describeAlarmHistory("demo-cluster-pending-tasks",
                "StateUpdate"));
        java.util.Collections.reverse(history);
        for (AlarmHistoryItem item : history) {
            System.out.println("    " + HH_MM_SS.format(item.timestamp()) + "  " + item.summary());
        }
        System.out.println("  scaling: " + cluster.standbys + " standby instance(s) from the function, "
                + cluster.launched + " launched from the queue; " + cluster.instances + " instances at the end");

        // The post's cost arithmetic, from this run's own counts: transitions read from each execution's history.
        List<Execution> executions = stratus.states().executions(machine);
        int perExecution = -1;
        for (Execution execution : executions) {
            if (execution.status() != ExecutionStatus.SUCCEEDED) {
                throw new IllegalStateException("execution did not succeed: " + execution.describe());
            }
            int transitions = stateTransitions(execution.historyJson());
            if (perExecution >= 0 && perExecution != transitions) {
                throw new IllegalStateException("executions differ in transitions: " + perExecution + " and "
                        + transitions);
            }
            perExecution = transitions;
        }
        long executionsPerDay = executions.size() * 24L;
        long perDay = perExecution * executionsPerDay;
        BigDecimal dailyCost = PRICE_PER_TRANSITION.multiply(BigDecimal.valueOf(perDay));
        long callsPerDay = cluster.functionCalls * 24L;
        System.out.println();
        System.out.println("  cost                        this run         the post");
        System.out.printf(Locale.ROOT, "  executions per hour        %9d  %15d%n", executions.size(), 60);
        System.out.printf(Locale.ROOT, "  transitions per execution  %9d  %15d%n", perExecution, 26);
        System.out.printf(Locale.ROOT, "  transitions per day        %,9d  %,15d%n", perDay, 37_440);
        System.out.printf(Locale.ROOT, "  daily cost at $0.000025    %9s  %15s%n", "$" + dailyCost.stripTrailingZeros()
                .toPlainString(), "$0.936");
        System.out.printf(Locale.ROOT, "  function calls per day     %,9d  %,15d%n", callsPerDay, 535_680 / 31);
        metrics.close();
        return new Result(executions.size(), perExecution, perDay, dailyCost, cluster.functionCalls, history.size(),
                cluster.instances);
    }

    /**
     * Counts billed state transitions as the post does: the start, every state entered, and the end.
     */
    static int stateTransitions(final JsonNode history) {
        int count = 0;
        for (JsonNode event : history.path("events")) {
            String type = event.path("type").asText();
            if (type.endsWith("StateEntered") || type.equals("ExecutionStarted") || type.equals("ExecutionSucceeded")
                    || type.equals("ExecutionFailed")) {
                count++;
            }
        }
        return count;
    }

    private static ObjectNode definition(final Stratus stratus) {
        String functionArn = stratus.arn("lambda", "function:" + FUNCTION).toString();
        String[] spelled = {"", "Five", "Ten", "Fifteen"};
        ObjectNode root = JSON.createObjectNode();
        root.put("Comment", "Writes ECS cluster metrics every five seconds");
        root.put("StartAt", "ParallelMetric");
        ObjectNode parallel = root.putObject("States").putObject("ParallelMetric");
        parallel.put("Type", "Parallel");
        parallel.put("End", true);
        ArrayNode branches = parallel.putArray("Branches");
        for (int k = 0; k < 12; k++) {
            ObjectNode branch = branches.addObject();
            ObjectNode states = JSON.createObjectNode();
            String task = k == 0 ? "WriteMetricLambda" : k == 1 ? "WriteMetricLambdaFive"
                    : "WriteMetricLambda" + (5 * k);
            if (k == 0) {
                branch.put("StartAt", task);
            } else {
                String wait = k <= 3 ? "Wait" + spelled[k] : "Wait" + (5 * k);
                branch.put("StartAt", wait);
                states.putObject(wait).put("Type", "Wait").put("Seconds", 5 * k).put("Next", task);
            }
            states.putObject(task).put("Type", "Task").put("Resource", functionArn).put("End", true);
            branch.set("States", states);
        }
        return root;
    }

    private static String range(final Datapoint point, final int width) {
        double min = point.value(Statistic.MINIMUM);
        double max = point.value(Statistic.MAXIMUM);
        String text = min == max ? String.format(Locale.ROOT, "%.0f", max)
                : String.format(Locale.ROOT, "%.0f..%.0f", min, max);
        return String.format(Locale.ROOT, "%-" + width + "s", text);
    }

    /** A simulated ECS cluster: services with desired task counts placed on container instances of 4 slots. */
    static final class EcsCluster {
        static final List<String> METRICS = List.of("RunningTask", "PendingTask", "ActiveServices",
                "RegisteredContainerInstances");
        private static final int SLOTS_PER_INSTANCE = 4;

        private final ManualClock clock;
        private final Map<String, Integer> services = new HashMap<>();
        private Metrics metrics;
        private int instances = 3;
        private int booting;
        private int standbys;
        private int launched;
        private long functionCalls;

        EcsCluster(final ManualClock clock) {
            this.clock = clock;
            services.put("web", 4);
            services.put("api", 4);
        }

        void publishTo(final Metrics target) {
            this.metrics = target;
        }

        void at(final Duration delay, final Runnable change) {
            clock.schedule(delay, change);
        }

        int desired() {
            return services.values().stream().mapToInt(Integer::intValue).sum();
        }

        int running() {
            return Math.min(desired(), instances * SLOTS_PER_INSTANCE);
        }

        int pending() {
            return desired() - running();
        }

        void registerStandby() {
            standbys++;
            instances++;
            log("function AddStandbyInstance registered a standby instance (" + instances + " instances, "
                    + pending() + " pending)");
        }

        void launchForPending(final Duration bootTime) {
            int needed = (pending() + SLOTS_PER_INSTANCE - 1) / SLOTS_PER_INSTANCE - booting;
            log("queue worker read the alarm: " + pending() + " pending, launching " + Math.max(0, needed)
                    + " instance(s)");
            for (int i = 0; i < needed; i++) {
                booting++;
                launched++;
                clock.schedule(bootTime, () -> {
                    booting--;
                    instances++;
                    log("instance registered after booting (" + instances + " instances, " + pending()
                            + " pending)");
                });
            }
        }

        void createService(final String name, final int tasks) {
            services.put(name, tasks);
            log("service " + name + " created with " + tasks + " tasks (" + pending() + " pending)");
        }

        void deleteService(final String name) {
            services.remove(name);
            log("service " + name + " deleted");
        }

        private void log(final String event) {
            System.out.println("  " + HH_MM_SS.format(clock.instant()) + "  " + event);
        }

        /** The post's Lambda: DescribeClusters for the cluster in the input, then PutMetricData. */
        JsonNode writeMetrics(final JsonNode input) {
            String name = input.path("ECSClusterName").asText();
            if (!CLUSTER.equals(name)) {
                throw new IllegalArgumentException("ClusterNotFoundException: cluster=" + name);
            }
            functionCalls++;
            double[] values = {running(), pending(), services.size(), instances};
            List<MetricDatum> data = new ArrayList<>();
            for (int i = 0; i < values.length; i++) {
                data.add(MetricDatum.builder(METRICS.get(i)).dimension("ClusterName", name).value(values[i])
                        .unit(Unit.COUNT).storageResolution(1).build());
            }
            metrics.putMetricData("ECS", data);
            return JSON.createObjectNode().put("ClusterName", name).put("metricsWritten", data.size());
        }
    }
}
