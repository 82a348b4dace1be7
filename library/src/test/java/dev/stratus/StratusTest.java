package dev.stratus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.stratus.core.ErrorHandler;
import dev.stratus.core.ManualClock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StratusTest {

    @Test
    void shouldUseAwsDefaultsOfTheRecordedCases() {
        Stratus stratus = Stratus.builder().build();
        assertEquals("111111111111", stratus.account());
        assertEquals("us-east-1", stratus.region());
        assertEquals("arn:aws:sns:us-east-1:111111111111:orders", stratus.arn("sns", "orders").toString());
    }

    @Test
    void shouldShareClockAndRepeatIdsForTheSameSeed() {
        ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
        Stratus a = Stratus.builder().clock(clock).seed(42).account("222222222222").region("eu-west-1").build();
        Stratus b = a.toBuilder().seed(42).build();
        assertSame(clock, a.clock());
        assertSame(clock, b.clock());
        assertEquals(a.ids().executionName(), b.ids().executionName());
        assertEquals("arn:aws:states:eu-west-1:222222222222:stateMachine:M",
                b.arn("states", "stateMachine:M").toString());
    }

    @Test
    void shouldKeepTheBuilderReusable() {
        ErrorHandler handler = e -> { };
        Stratus.Builder builder = Stratus.builder().errorHandler(handler);
        assertSame(handler, builder.build().errorHandler());
        assertSame(handler, builder.build().errorHandler());
    }

    @Test
    void shouldRejectBadSettingsNamingTheField() {
        assertEquals("account must be 12 digits: account=123", assertThrows(IllegalArgumentException.class,
                () -> Stratus.builder().account("123")).getMessage());
        assertEquals("region must look like us-east-1: region=Mars", assertThrows(IllegalArgumentException.class,
                () -> Stratus.builder().region("Mars")).getMessage());
        assertEquals("clock", assertThrows(NullPointerException.class,
                () -> Stratus.builder().clock(null)).getMessage());
        assertEquals("random", assertThrows(NullPointerException.class,
                () -> Stratus.builder().random(null)).getMessage());
        assertEquals("errorHandler", assertThrows(NullPointerException.class,
                () -> Stratus.builder().errorHandler(null)).getMessage());
    }
}
