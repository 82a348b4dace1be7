package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.conformance.Verdict;

/** Runs the asl/test_state suite (TestState API) cases. */
final class TestStateRunner {
    private TestStateRunner() {
    }

    static Verdict runCase(final JsonNode testCase) {
        String later = AslConformanceTest.laterIssue(testCase);
        if (later != null) {
            return Verdict.skipped(later);
        }
        return Verdict.skipped("TestState not built yet");
    }
}
