package dev.stratus.metrics;

import static dev.stratus.metrics.MetricsFixtures.T0;
import static dev.stratus.metrics.MetricsFixtures.assertAwsError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.ManualClock;
import dev.stratus.core.internal.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlarmsTest {
    private static final String TOPIC = "arn:aws:sns:us-east-1:111111111111:ops";
    private static final MetricKey PENDING = MetricKey.of("ECS", "PendingTaskCount",
            Dimension.of("ClusterName", "prod"));
    private final ManualClock clock = MetricsFixtures.clock();
    private final List<String[]> delivered = new ArrayList<>();
    private final Metrics metrics = Metrics.builder().clock(clock)
            .actionSink((arn, message) -> delivered.add(new String[] {arn, message})).build();

    private MetricAlarm.Builder alarm(final String name) {
        return MetricAlarm.builder(name).metric(PENDING).statistic(Statistic.MAXIMUM).period(10)
                .evaluationPeriods(1).threshold(5).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)
                .alarmActions(List.of(TOPIC)).okActions(List.of(TOPIC));
    }

    private void pending(final double value) {
        metrics.putMetricData("ECS", List.of(MetricDatum.builder("PendingTaskCount").dimension("ClusterName", "prod")
                .value(value).unit(Unit.COUNT).storageResolution(1).build()));
    }

    private AlarmStatus status(final String name) {
        return metrics.describeAlarms(List.of(name)).get(0);
    }

    /** The User Guide's examples: range of 5 periods, newest on the right; keep = the initial state. */
    @ParameterizedTest(name = "{0} {1} of {2} {3} -> {4}")
    @CsvSource({
        "0-X-X, 3, 3, missing, OK", "0-X-X, 3, 3, ignore, OK", "0-X-X, 3, 3, breaching, OK",
        "0-X-X, 3, 3, notBreaching, OK",
        "0----, 3, 3, missing, OK", "0----, 3, 3, ignore, OK", "0----, 3, 3, breaching, OK",
        "0----, 3, 3, notBreaching, OK",
        "-----, 3, 3, missing, INSUFFICIENT_DATA", "-----, 3, 3, ignore, INSUFFICIENT_DATA",
        "-----, 3, 3, breaching, ALARM", "-----, 3, 3, notBreaching, OK",
        "0XX-X, 3, 3, missing, ALARM", "0XX-X, 3, 3, ignore, ALARM", "0XX-X, 3, 3, breaching, ALARM",
        "0XX-X, 3, 3, notBreaching, ALARM",
        "--X--, 3, 3, missing, ALARM", "--X--, 3, 3, ignore, INSUFFICIENT_DATA", "--X--, 3, 3, breaching, ALARM",
        "--X--, 3, 3, notBreaching, OK",
        "0-X-X, 2, 3, missing, ALARM", "0-X-X, 2, 3, ignore, ALARM", "0-X-X, 2, 3, breaching, ALARM",
        "0-X-X, 2, 3, notBreaching, ALARM",
        "00X0X, 2, 3, missing, ALARM", "00X0X, 2, 3, notBreaching, ALARM",
        "0-X--, 2, 3, missing, OK", "0-X--, 2, 3, ignore, OK", "0-X--, 2, 3, breaching, ALARM",
        "0-X--, 2, 3, notBreaching, OK",
        "----0, 2, 3, missing, OK", "----0, 2, 3, breaching, ALARM",
        "---X-, 2, 3, missing, ALARM", "---X-, 2, 3, ignore, INSUFFICIENT_DATA", "---X-, 2, 3, breaching, ALARM",
        "---X-, 2, 3, notBreaching, OK",
        "----X, 3, 3, missing, INSUFFICIENT_DATA", "---X-, 3, 3, missing, INSUFFICIENT_DATA"
    })
    void shouldTreatMissingDataAsTheUserGuideShows(final String pattern, final int m, final int n,
            final String treat, final AlarmState expected) {
        List<MetricDatum> data = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            char c = pattern.charAt(i);
            if (c != '-') {
                data.add(MetricDatum.builder("PendingTaskCount").dimension("ClusterName", "prod")
                        .value(c == 'X' ? 9 : 0).timestamp(T0.minusSeconds(300 - 60L * i)).build());
            }
        }
        if (!data.isEmpty()) {
            metrics.putMetricData("ECS", data);
        }
        metrics.putMetricAlarm(alarm("a").period(60).evaluationPeriods(n).datapointsToAlarm(m)
                .treatMissingData(TreatMissingData.of(treat)).build());
        metrics.evaluateAlarms();
        assertEquals(expected, status("a").state());
    }

    @Test
    void shouldAlarmOnTheClockAndPublishCloudWatchsMessage() throws Exception {
        metrics.putMetricAlarm(alarm("pending").description("too many pending tasks").unit(Unit.COUNT).build());
        AlarmStatus created = status("pending");
        assertEquals(AlarmState.INSUFFICIENT_DATA, created.state());
        assertEquals("Unchecked: Initial alarm creation", created.stateReason());
        pending(3);
        pending(8);
        clock.advance(Duration.ofSeconds(10));
        AlarmStatus alarmed = status("pending");
        assertEquals(AlarmState.ALARM, alarmed.state());
        assertEquals("Threshold Crossed: 1 datapoint [8.0 (05/01/26 12:00:00)] was greater than the threshold (5.0).",
                alarmed.stateReason());
        assertEquals(1, delivered.size());
        assertEquals(TOPIC, delivered.get(0)[0]);
        JsonNode message = Json.parse(delivered.get(0)[1]);
        assertEquals("ALARM", message.path("NewStateValue").asText());
        assertEquals("INSUFFICIENT_DATA", message.path("OldStateValue").asText());
        assertEquals("US East (N. Virginia)", message.path("Region").asText());
        assertEquals("MAXIMUM", message.path("Trigger").path("Statistic").asText());
        assertEquals("prod", message.path("Trigger").path("Dimensions").get(0).path("value").asText());
        JsonNode reasonData = Json.parse(alarmed.stateReasonData());
        assertEquals(2.0, reasonData.path("evaluatedDatapoints").get(0).path("sampleCount").asDouble());
        clock.advance(Duration.ofSeconds(10));
        assertEquals(AlarmState.ALARM, status("pending").state(), "missing data keeps nothing breaching");
        clock.advance(Duration.ofSeconds(60));
        assertEquals(AlarmState.INSUFFICIENT_DATA, status("pending").state());
        assertEquals("Insufficient Data: 1 datapoint was unknown.", status("pending").stateReason());
        assertEquals(List.of("Alarm updated from ALARM to INSUFFICIENT_DATA",
                "Alarm updated from INSUFFICIENT_DATA to ALARM"), metrics.describeAlarmHistory("pending",
                "StateUpdate").stream().map(AlarmHistoryItem::summary).toList());
    }

    @Test
    void shouldRunActionsOnlyOnTransitionsAndWhenEnabled() {
        metrics.putMetricAlarm(alarm("a").treatMissingData(TreatMissingData.IGNORE).build());
        metrics.setAlarmState("a", AlarmState.ALARM, "testing");
        metrics.setAlarmState("a", AlarmState.ALARM, "again");
        assertEquals(1, delivered.size());
        assertEquals("again", status("a").stateReason());
        metrics.disableAlarmActions(List.of("a"));
        metrics.setAlarmState("a", AlarmState.OK, "quiet");
        assertEquals(1, delivered.size());
        assertEquals(AlarmState.OK, status("a").state());
        metrics.enableAlarmActions(List.of("a"));
        metrics.setAlarmState("a", AlarmState.ALARM, "loud");
        assertEquals(2, delivered.size());
    }

    @Test
    void shouldFollowChildrenInACompositeAlarm() throws Exception {
        metrics.putMetricAlarm(alarm("one").alarmActions(List.of()).okActions(List.of()).build());
        metrics.putMetricAlarm(alarm("two").alarmActions(List.of()).okActions(List.of()).build());
        metrics.putCompositeAlarm(CompositeAlarm.builder("both", "ALARM(\"one\") OR ALARM("
                + metrics.alarmArn("two") + ")").alarmActions(List.of(TOPIC)).build());
        metrics.setAlarmState("two", AlarmState.ALARM, "trigger");
        assertEquals(AlarmState.ALARM, status("both").state());
        JsonNode message = Json.parse(delivered.get(0)[1]);
        assertEquals(metrics.alarmArn("two"), message.path("TriggeringChildren").get(0).path("Arn").asText());
        metrics.setAlarmState("one", AlarmState.ALARM, "trigger");
        assertEquals(1, delivered.size());
        assertAwsError("ValidationError", "Error in alarm rule 'ALARM(one) AND' at position 14.",
                () -> metrics.putCompositeAlarm(CompositeAlarm.builder("bad", "ALARM(one) AND").build()));
    }

    @Test
    void shouldRejectBadAlarmsWithAwsErrors() {
        assertAwsError("ValidationError", "The parameter Period must be 10, 20, 30 or a multiple of 60: Period=15.",
                () -> metrics.putMetricAlarm(alarm("a").period(15).build()));
        assertAwsError("ValidationError", "1 validation error detected: Value '0' at 'evaluationPeriods' failed to"
                + " satisfy constraint: Member must have value greater than or equal to 1",
                () -> metrics.putMetricAlarm(alarm("a").evaluationPeriods(0).build()));
        assertAwsError("ValidationError", "DatapointsToAlarm (3) must be less than or equal to EvaluationPeriods (2).",
                () -> metrics.putMetricAlarm(alarm("a").evaluationPeriods(2).datapointsToAlarm(3).build()));
        assertAwsError("ValidationError", "Metrics cannot be checked across more than a day (EvaluationPeriods *"
                + " Period must be <= 86400).", () -> metrics.putMetricAlarm(alarm("a").period(60)
                .evaluationPeriods(1441).build()));
        assertAwsError("InvalidParameterCombination", "Exactly one of the parameters Statistic and"
                + " ExtendedStatistic must be specified.", () -> metrics.putMetricAlarm(alarm("a")
                .extendedStatistic("p99").build()));
        assertAwsError("ResourceNotFound", "Alarm nope not found",
                () -> metrics.setAlarmState("nope", AlarmState.OK, "x"));
        assertAwsError("ResourceNotFound", "The following alarms were not found: [nope]",
                () -> metrics.deleteAlarms(List.of("nope")));
    }

    @Test
    void shouldEvaluateExtendedStatisticAlarmsAndFindThemByMetric() {
        metrics.putMetricAlarm(alarm("p99").statistic(null).extendedStatistic("p99").build());
        for (int i = 1; i <= 100; i++) {
            pending(i);
        }
        clock.advance(Duration.ofSeconds(10));
        assertEquals(AlarmState.ALARM, status("p99").state());
        assertEquals(1, metrics.describeAlarmsForMetric(PENDING, null, "p99", 10, null).size());
        assertEquals(0, metrics.describeAlarmsForMetric(PENDING, Statistic.SUM, null, null, null).size());
        metrics.deleteAlarms(List.of("p99"));
        assertTrue(metrics.describeAlarms(List.of()).isEmpty());
    }

    @Test
    void shouldEvaluateAThousandAlarmsInOneTick() {
        for (int i = 0; i < 1000; i++) {
            metrics.putMetricAlarm(alarm("a" + i).threshold(i).build());
        }
        pending(500.5);
        clock.advance(Duration.ofSeconds(10));
        long alarming = metrics.describeAlarms(List.of()).stream().filter(s -> s.state() == AlarmState.ALARM).count();
        assertEquals(501, alarming);
        assertEquals(1000, delivered.size(), "501 to ALARM and 499 to OK");
        assertEquals(1000, metrics.evaluateAlarms());
    }
}
