package dev.stratus.conformance;

import com.fasterxml.jackson.databind.JsonNode;

/** Runs one recorded case against a Stratus engine and says whether everything recorded matched. */
@FunctionalInterface
public interface CaseRunner {
    Verdict run(JsonNode testCase) throws Exception;
}
