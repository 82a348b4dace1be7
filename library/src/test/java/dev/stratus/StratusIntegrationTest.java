package dev.stratus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.bus.Queue;
import dev.stratus.bus.ReceivedMessage;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.core.internal.Json;
import dev.stratus.metrics.AlarmState;
import dev.stratus.metrics.ComparisonOperator;
import dev.stratus.metrics.GetMetricStatisticsRequest;
import dev.stratus.metrics.MetricAlarm;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Statistic;
import dev.stratus.schedule.Rule;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratusIntegrationTest {
    private final ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
    private final List<Throwable> errors = new ArrayList<>();
    private final Stratus stratus = Stratus.builder().clock(clock).seed(1).errorHandler(errors::add).build();

    @Test
    void shouldPublishToATopicFromATask() throws Exception {
        Topic topic = stratus.bus().createTopic("orders");
        Queue queue = stratus.bus().createQueue("order-copies");
        topic.subscribe(queue, java.util.Map.of("RawMessageDelivery", "true"));
        StateMachine machine = stratus.states().define("Notify", """
                {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn": "%s", "Message.$": "$.order", "Subject": "order"},
                  "End": true}}}""".formatted(topic.arn()));

        Execution run = stratus.states().start(machine, "{\"order\": {\"id\": 42}}");
        clock.advance(Duration.ofSeconds(1));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.describe().toString());
        JsonNode output = run.output().orElseThrow();
        assertTrue(output.path("MessageId").asText().length() > 10, output.toString());
        assertEquals(200, output.path("SdkHttpMetadata").path("HttpStatusCode").asInt());
        List<ReceivedMessage> received = queue.receive(10);
        assertEquals(1, received.size());
        assertEquals(Json.parse("{\"id\":42}"), Json.parse(received.get(0).body()));
    }

    @Test
    void shouldSendToAQueueAndFailWithTheSdkErrorNameForAnUnknownQueue() {
        Queue queue = stratus.bus().createQueue("jobs");
        StateMachine machine = stratus.states().define("Enqueue", """
                {"StartAt": "Send", "States": {"Send": {"Type": "Task",
                  "Resource": "arn:aws:states:::sqs:sendMessage",
                  "Parameters": {"QueueUrl.$": "$.queue", "MessageBody": {"job": 1}}, "End": true}}}""");

        Execution ok = stratus.states().start(machine, "{\"queue\": \"" + queue.url() + "\"}");
        Execution missing = stratus.states().start(machine, "{\"queue\": \"https://sqs.us-east-1.amazonaws.com/"
                + "111111111111/nope\"}");
        clock.advance(Duration.ofSeconds(1));

        assertEquals(ExecutionStatus.SUCCEEDED, ok.status(), () -> ok.describe().toString());
        assertEquals("{\"job\":1}", queue.receive(1).get(0).body());
        assertEquals(ExecutionStatus.FAILED, missing.status());
        assertEquals("SQS.QueueDoesNotExistException", missing.error().orElseThrow());
    }

    @Test
    void shouldPutMetricsFromATaskAndNotifyATopicFromAnAlarm() throws Exception {
        Topic alerts = stratus.bus().createTopic("alerts");
        Queue inbox = stratus.bus().createQueue("alert-inbox");
        alerts.subscribe(inbox);
        StateMachine machine = stratus.states().define("Measure", """
                {"StartAt": "Put", "States": {"Put": {"Type": "Task",
                  "Resource": "arn:aws:states:::aws-sdk:cloudwatch:putMetricData",
                  "Parameters": {"Namespace": "ECS", "MetricData": [{"MetricName": "PendingTask",
                    "Dimensions": [{"Name": "ClusterName", "Value": "demo"}], "Unit": "Count",
                    "StorageResolution": 1, "Value.$": "$.pending"}]}, "End": true}}}""");
        MetricKey pending = MetricKey.of("ECS", "PendingTask", dev.stratus.metrics.Dimension.of("ClusterName",
                "demo"));
        stratus.metrics().putMetricAlarm(MetricAlarm.builder("pending-high").metric(pending)
                .statistic(Statistic.MAXIMUM).period(10).evaluationPeriods(1).threshold(5)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(List.of(alerts.arn())).build());

        Execution run = stratus.states().start(machine, "{\"pending\": 9}");
        clock.advance(Duration.ofSeconds(30));

        assertEquals(ExecutionStatus.SUCCEEDED, run.status(), () -> run.describe().toString());
        assertEquals(Json.MAPPER.createObjectNode(), run.output().orElseThrow());
        double max = stratus.metrics().getMetricStatistics(GetMetricStatisticsRequest.builder().metric(pending)
                .startTime(Instant.parse("2025-01-01T00:00:00Z")).endTime(Instant.parse("2025-01-01T00:01:00Z"))
                .period(60).statistics(Statistic.MAXIMUM).build()).datapoints().get(0).value(Statistic.MAXIMUM);
        assertEquals(9.0, max);
        assertEquals(AlarmState.ALARM, stratus.metrics().describeAlarms(List.of("pending-high")).get(0).state());
        List<ReceivedMessage> notes = inbox.receive(10);
        assertEquals(1, notes.size());
        JsonNode envelope = Json.MAPPER.readTree(notes.get(0).body());
        assertEquals("ALARM: \"pending-high\" in US East (N. Virginia)", envelope.path("Subject").asText());
        assertTrue(envelope.path("Message").asText().contains("\"NewStateValue\":\"ALARM\""));
        assertEquals(List.of(), errors);
    }

    @Test
    void shouldStartExecutionsAndPublishFromScheduledRules() {
        StateMachine machine = stratus.states().define("Tick", "{\"StartAt\": \"P\", \"States\": {\"P\": "
                + "{\"Type\": \"Pass\", \"End\": true}}}");
        Topic topic = stratus.bus().createTopic("ticks");
        Queue queue = stratus.bus().createQueue("tick-copies");
        topic.subscribe(queue, java.util.Map.of("RawMessageDelivery", "true"));
        stratus.scheduler().create(Rule.builder().name("every-minute").schedule("cron(0/1 * * * ? *)")
                .input("{\"cluster\": \"demo\"}").target(stratus.startExecutionTarget(machine)).build());
        stratus.scheduler().create(Rule.builder().name("quarter").schedule("rate(15 minutes)")
                .target(stratus.publishTarget(topic)).build());

        clock.advance(Duration.ofHours(1));

        assertEquals(60, stratus.states().executions(machine).size());
        assertEquals(4, queue.receive(10).size());
        assertEquals(List.of(), errors);
    }

    @Test
    void shouldRejectMissingTargetsNamingTheParameter() {
        assertEquals("machine", org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> stratus.startExecutionTarget(null)).getMessage());
        assertEquals("topic", org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> stratus.publishTarget(null)).getMessage());
        assertEquals("queue", org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> stratus.sendTarget(null)).getMessage());
        assertEquals("balancer", org.junit.jupiter.api.Assertions.assertThrows(NullPointerException.class,
                () -> stratus.publishMetrics(null, Duration.ofMinutes(1))).getMessage());
    }

    @Test
    void shouldFailATaskWithAnSnsErrorNameForAMissingTopicArn() {
        StateMachine machine = stratus.states().define("NoTopic", """
                {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"Message": "hello"}, "End": true}}}""");
        Execution run = stratus.states().start(machine, "{}");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(ExecutionStatus.FAILED, run.status());
        assertEquals("SNS.InvalidParameterException", run.error().orElseThrow());
        assertEquals("1 validation error detected: Value null at 'TopicArn' failed to satisfy constraint: Member"
                + " must not be null", run.cause().orElseThrow());
    }
}
