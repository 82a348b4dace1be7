package dev.stratus.samples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SamplesTest {

    @TestFactory
    Stream<DynamicTest> shouldRunEverySample() {
        return Tour.STOPS.stream().map(stop -> DynamicTest.dynamicTest(stop.title(),
                () -> assertDoesNotThrow(() -> stop.sample().run())));
    }

    @Test
    void shouldRunTheTour() throws Exception {
        assertFalse(Tour.STOPS.isEmpty());
        Tour.main();
    }
}
