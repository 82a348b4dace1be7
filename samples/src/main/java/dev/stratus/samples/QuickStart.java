package dev.stratus.samples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stratus.Stratus;
import dev.stratus.bus.Queue;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Statistic;
import dev.stratus.states.Execution;
import dev.stratus.states.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The README's quick start: three engines composed on one virtual clock. A state machine writes a metric through
 * the CloudWatch integration, an alarm on that metric fires and notifies a topic, and the topic's queue holds the
 * alarm message, all in-process and in microseconds of real time.
 */
public final class QuickStart {
    private QuickStart() {
    }

    /** Runs the sample. */
    public static void main(final String... args) throws Exception {
        run();
    }

    /** Runs the sample and returns its key figure for the tour. */
    static String run() throws Exception {
        // One Stratus on a manual clock: nothing moves until we advance it.
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Stratus aws = Stratus.builder().clock(clock).seed(42).build();

        // A topic with a queue subscribed to it.
        Topic alerts = aws.bus().createTopic("alerts");
        Queue inbox = aws.bus().createQueue("inbox");
        alerts.subscribe(inbox);

        // An alarm: maximum queue depth over 10 seconds above 100 notifies the topic.
        aws.metrics().putMetricAlarm(MetricAlarm.builder("queue-deep")
                .metric(MetricKey.of("App", "Depth")).statistic(Statistic.MAXIMUM)
                .period(10).evaluationPeriods(1).threshold(100)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(List.of(alerts.arn())).build());

        // A state machine that reports the depth with the CloudWatch SDK integration.
        StateMachine report = aws.states().define("Report", """
                {"StartAt": "Put", "States": {"Put": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:cloudwatch:putMetricData",
                  "Parameters": {"Namespace": "App",
                    "MetricData": [{"MetricName": "Depth", "Value.$": "$.depth"}]},
                  "End": true}}}""");
        Execution run = aws.states().start(report, "{\"depth\": 250}");

        // One simulated minute: the execution finishes, the alarm evaluates and fires.
        clock.advance(Duration.ofMinutes(1));

        // The alarm's CloudWatch message arrives in the queue inside the SNS envelope.
        JsonNode envelope = new ObjectMapper().readTree(inbox.receive(1).get(0).body());
        JsonNode alarm = new ObjectMapper().readTree(envelope.path("Message").asText());
        System.out.println("  execution:  " + run.status());
        System.out.println("  notified:   " + envelope.path("Subject").asText());
        System.out.println("  new state:  " + alarm.path("NewStateValue").asText() + " (" + alarm
                .path("NewStateReason").asText() + ")");
        return "execution " + run.status() + ", alarm " + alarm.path("NewStateValue").asText()
                + ", notification in the queue";
    }
}
