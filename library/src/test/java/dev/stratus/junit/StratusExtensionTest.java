package dev.stratus.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.Stratus;
import dev.stratus.bus.Queue;
import dev.stratus.bus.Topic;
import dev.stratus.core.ManualClock;
import dev.stratus.metrics.MetricDatum;
import dev.stratus.metrics.MetricKey;
import dev.stratus.metrics.Statistic;
import dev.stratus.states.Execution;
import dev.stratus.states.ExecutionStatus;
import dev.stratus.states.StateMachine;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class StratusExtensionTest {
    private static final Instant START = Instant.parse("2030-06-01T00:00:00Z");
    private static final List<String> FIRST_IDS = new ArrayList<>();

    @RegisterExtension
    final StratusExtension aws = StratusExtension.builder().start(START).seed(7).region("eu-west-1").build();

    @Test
    void shouldGiveEachTestAFreshStratusOnAManualClock(final Stratus stratus, final ManualClock clock) {
        assertSame(stratus, aws.stratus());
        assertSame(clock, aws.clock());
        assertEquals(START, clock.instant());
        assertEquals("eu-west-1", stratus.region());
        List<Instant> fired = new ArrayList<>();
        stratus.clock().schedule(Duration.ofHours(1), () -> fired.add(clock.instant()));
        assertEquals(START.plusSeconds(7200), aws.advance(Duration.ofHours(2)));
        assertEquals(List.of(START.plusSeconds(3600)), fired);
    }

    @Test
    void shouldRepeatIdsForTheSeedInEveryTest() {
        String id = aws.stratus().ids().executionName();
        synchronized (FIRST_IDS) {
            if (!FIRST_IDS.isEmpty()) {
                assertEquals(FIRST_IDS.get(0), id);
            }
            FIRST_IDS.add(id);
        }
    }

    @Test
    void shouldInspectExecutionsDeliveriesAndMetrics(final Stratus stratus) {
        StateMachine machine = stratus.states().define("Notify", """
                {"StartAt": "Publish", "States": {"Publish": {"Type": "Task",
                  "Resource": "arn:aws:states:::sns:publish",
                  "Parameters": {"TopicArn": "arn:aws:sns:eu-west-1:111111111111:orders", "Message.$": "$.id"},
                  "End": true}}}""");
        Topic orders = stratus.bus().createTopic("orders");
        Queue copies = stratus.bus().createQueue("copies");
        orders.subscribe(copies, Map.of("RawMessageDelivery", "true"));
        stratus.states().start(machine, "{\"id\": \"order-1\"}");
        stratus.states().start(machine, "{\"id\": \"order-2\"}");
        MetricKey latency = MetricKey.of("Shop", "Latency");
        stratus.metrics().putMetricData("Shop", List.of(MetricDatum.builder("Latency").value(12).build(),
                MetricDatum.builder("Latency").value(30).build()));

        aws.advance(Duration.ofSeconds(30));

        assertEquals(List.of(ExecutionStatus.SUCCEEDED, ExecutionStatus.SUCCEEDED),
                aws.executions(machine).stream().map(Execution::status).toList());
        assertEquals(List.of("order-1", "order-2"), aws.drain(copies));
        assertEquals(List.of(), aws.drain(copies));
        assertEquals(Optional.of(42.0), aws.statistic(latency, Statistic.SUM, Duration.ofMinutes(1)));
        assertEquals(Optional.empty(), aws.statistic(MetricKey.of("Shop", "Nothing"), Statistic.SUM,
                Duration.ofMinutes(1)));
    }

    @Test
    void shouldCollectAsynchronousFailuresForTheTest() {
        IllegalStateException boom = new IllegalStateException("boom");
        aws.stratus().errorHandler().onError(boom);
        assertEquals(List.of(boom), aws.errors());
        assertEquals(List.of(boom), aws.takeErrors());
        assertEquals(List.of(), aws.errors());
    }

    @Test
    void shouldRejectMissingArgumentsOfTheHelpersNamingThem() {
        assertEquals("queue", assertThrows(NullPointerException.class, () -> aws.drain(null)).getMessage());
        assertEquals("metric", assertThrows(NullPointerException.class,
                () -> aws.statistic(null, Statistic.SUM, Duration.ofMinutes(1))).getMessage());
        assertEquals("window", assertThrows(NullPointerException.class,
                () -> aws.statistic(MetricKey.of("a", "b"), Statistic.SUM, null)).getMessage());
    }

    @Test
    void shouldRejectBadSettingsNamingTheField() {
        assertEquals("account must be 12 digits: account=1", assertThrows(IllegalArgumentException.class,
                () -> StratusExtension.builder().account("1")).getMessage());
        assertEquals("start", assertThrows(NullPointerException.class,
                () -> StratusExtension.builder().start(null)).getMessage());
        assertEquals("StratusExtension is not active: register it with @RegisterExtension and call stratus()"
                + " inside a test", assertThrows(IllegalStateException.class,
                        () -> StratusExtension.builder().build().stratus()).getMessage());
    }
}
