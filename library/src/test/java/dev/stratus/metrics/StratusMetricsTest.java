package dev.stratus.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.Stratus;
import dev.stratus.core.ManualClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StratusMetricsTest {

    @Test
    void shouldBuildMetricsOnTheFacadesClockAccountAndRegion() {
        ManualClock clock = MetricsFixtures.clock();
        List<String> delivered = new ArrayList<>();
        Stratus stratus = Stratus.builder().clock(clock).account("222222222222").region("eu-west-1")
                .metrics(b -> b.seriesLimit(10).actionSink((arn, message) -> delivered.add(arn))).build();
        Metrics metrics = stratus.metrics();
        assertSame(metrics, stratus.metrics());
        assertSame(clock, metrics.clock());
        assertEquals("arn:aws:cloudwatch:eu-west-1:222222222222:alarm:a", metrics.alarmArn("a"));
        metrics.putMetricAlarm(MetricAlarm.builder("a").metric(MetricKey.of("ns", "m")).statistic(Statistic.SUM)
                .period(60).evaluationPeriods(1).threshold(1).comparisonOperator(ComparisonOperator.LESS_THAN_THRESHOLD)
                .alarmActions(List.of("arn:aws:sns:eu-west-1:222222222222:t")).build());
        metrics.setAlarmState("a", AlarmState.ALARM, "test");
        assertEquals(List.of("arn:aws:sns:eu-west-1:222222222222:t"), delivered);
        assertEquals("customizer", assertThrows(NullPointerException.class,
                () -> Stratus.builder().metrics(null)).getMessage());
    }

    @Test
    void shouldRejectBadBuilderSettingsNamingTheField() {
        assertEquals("seriesLimit must be positive: seriesLimit=0", assertThrows(IllegalArgumentException.class,
                () -> Metrics.builder().seriesLimit(0)).getMessage());
        assertEquals("account must be 12 digits: account=1", assertThrows(IllegalArgumentException.class,
                () -> Metrics.builder().account("1")).getMessage());
        assertEquals("clock", assertThrows(NullPointerException.class, () -> Metrics.builder().clock(null))
                .getMessage());
    }
}
