package dev.stratus.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import dev.stratus.schedule.Invocation;
import dev.stratus.schedule.Rule;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * "Creating a Cost-Efficient Amazon ECS Cluster for Scheduled Tasks": a {@code rate(15 minutes)} rule whose target
 * names a cluster of Spot instances, a task definition and a role runs a container task; the task copies the
 * database's new log files into an object bucket. One Spot instance is reclaimed mid-task; the next run picks up
 * the files it missed, so the bucket ends with every log file. Two simulated hours.
 */
public final class ScheduledTask {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    /** The figures the report prints, for the tour's summary and for tests. */
    record Result(long runs, int interrupted, int logFiles, int copied) {
    }

    private ScheduledTask() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** Runs the sample and returns its key figures. */
    static Result run() throws Exception {
        // Virtual time: two hours of schedule run in milliseconds.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Stratus stratus = Stratus.builder().clock(clock).seed(5).build();

        // The database writes a log file every 5 minutes.
        List<String> databaseLogs = new ArrayList<>();
        for (int minute = 5; minute <= 120; minute += 5) {
            int at = minute;
            clock.schedule(Duration.ofMinutes(at), () -> databaseLogs.add(String.format(Locale.ROOT,
                    "error/postgresql.log.2025-01-01-%02d%02d", at / 60, at % 60)));
        }

        // The Spot cluster and the object bucket the task writes to.
        SpotCluster cluster = new SpotCluster(clock, databaseLogs);

        // The rule of the post: every 15 minutes, RunTask with the cluster, task definition and role of its input.
        stratus.scheduler().create(Rule.builder().name("export-db-logs").schedule("rate(15 minutes)")
                .input("{\"cluster\": \"spot-cluster\", \"taskDefinition\": \"rds-log-export:3\", \"roleArn\": \""
                        + "arn:aws:iam::" + stratus.account() + ":role/ecsEventsRole\"}")
                .target(cluster::runTask).build());

        // The Spot market reclaims the instance running the 01:00 task two minutes into it.
        clock.schedule(Duration.parse("PT1H1M"), cluster::interruptRunningTask);

        // Two hours pass; then the last task is given time to finish.
        clock.advance(Duration.ofHours(2));
        stratus.scheduler().disable("export-db-logs");
        clock.advance(Duration.ofMinutes(5));

        // Every log file the database wrote is in the bucket.
        int missing = 0;
        for (String log : databaseLogs) {
            if (!cluster.bucket.containsKey(log)) {
                missing++;
            }
        }
        long runs = stratus.scheduler().invocationCount("export-db-logs");
        System.out.printf(Locale.ROOT, "  rule fired %d times; %d task(s) interrupted; %d log files written, %d in"
                + " the bucket, %d missing%n", runs, cluster.interrupted, databaseLogs.size(), cluster.bucket.size(),
                missing);
        if (missing > 0) {
            throw new IllegalStateException("log files missing from the bucket: " + missing);
        }
        return new Result(runs, cluster.interrupted, databaseLogs.size(), cluster.bucket.size());
    }

    /** A simulated ECS cluster of Spot instances running the log-export task, and the bucket it writes to. */
    private static final class SpotCluster {
        private static final Duration TASK_RUN_TIME = Duration.ofMinutes(3);

        private final ManualClock clock;
        private final List<String> databaseLogs;
        private final Map<String, String> bucket = new TreeMap<>();
        private Runnable interrupt;
        private int interrupted;

        SpotCluster(final ManualClock clock, final List<String> databaseLogs) {
            this.clock = clock;
            this.databaseLogs = databaseLogs;
        }

        /** The rule's target: RunTask as the ECS target of a scheduled rule does it. */
        void runTask(final Invocation invocation) throws Exception {
            JsonNode target = JSON.readTree(invocation.input());
            String cluster = target.path("cluster").asText();
            String taskDefinition = target.path("taskDefinition").asText();
            if (!"spot-cluster".equals(cluster)) {
                throw new IllegalArgumentException("ClusterNotFoundException: cluster=" + cluster);
            }
            if (!target.path("roleArn").asText().endsWith(":role/ecsEventsRole")) {
                throw new IllegalArgumentException("AccessDeniedException: roleArn=" + target.path("roleArn"));
            }
            // The task starts now and copies what is new when it finishes, three minutes later.
            Instant started = clock.instant();
            List<String> snapshot = List.copyOf(databaseLogs);
            boolean[] stopped = {false};
            interrupt = () -> stopped[0] = true;
            clock.schedule(TASK_RUN_TIME, () -> {
                interrupt = null;
                if (stopped[0]) {
                    interrupted++;
                    System.out.println("  " + TIME.format(started) + "  " + taskDefinition + " on " + cluster
                            + ": Spot instance reclaimed, task stopped before copying");
                    return;
                }
                int copied = 0;
                for (String log : snapshot) {
                    if (bucket.putIfAbsent(log, "log body of " + log) == null) {
                        copied++;
                    }
                }
                System.out.println("  " + TIME.format(started) + "  " + taskDefinition + " on " + cluster
                        + ": copied " + copied + " new log file(s) to s3://db-logs (bucket holds " + bucket.size()
                        + ")");
            });
        }

        void interruptRunningTask() {
            if (interrupt != null) {
                interrupt.run();
            }
        }
    }
}
