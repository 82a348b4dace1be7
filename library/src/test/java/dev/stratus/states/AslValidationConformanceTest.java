package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.conformance.JsonMatch;
import dev.stratus.conformance.Verdict;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.validation.AwsDiagnostics;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs {@code asl/validation}: each recorded definition through {@link DefinitionValidator}, comparing AWS's
 * CreateStateMachine error ({@code code}, exact {@code message}) or ValidateStateMachineDefinition response
 * ({@code result}, {@code diagnostics}) with ours.
 */
class AslValidationConformanceTest {

    @TestFactory
    Stream<DynamicNode> validation() {
        return ConformanceSuite.run("asl/validation", AslValidationConformanceTest::run);
    }

    static Verdict run(final JsonNode testCase) {
        String text = testCase.get("definitionString").asText();
        MachineType type = "EXPRESS".equals(testCase.path("stateMachineType").asText())
                ? MachineType.EXPRESS : MachineType.STANDARD;
        List<Finding> findings = DefinitionValidator.validate(text, type);
        boolean rejected = findings.stream().anyMatch(Finding::isError);
        JsonNode expected = testCase.get("expected_error");
        if (testCase.get("api").asText().equals("ValidateStateMachineDefinition")) {
            ObjectNode actual = AwsDiagnostics.validateResponse(findings);
            actual.remove("truncated");
            if (expected == null || expected.isNull()) {
                return rejected ? Verdict.failed("AWS accepted it, we rejected it: " + actual) : Verdict.passed();
            }
            return Verdict.of(JsonMatch.mismatch(expected, actual));
        }
        String code = expected.path("code").asText();
        if (!code.equals(InvalidDefinitionException.CODE)) {
            return Verdict.failed("AWS answered " + code + " for request state the case does not record"
                    + " (not a definition error); we " + (rejected ? "rejected" : "accepted") + " the definition");
        }
        if (!rejected) {
            return Verdict.failed("accepted, but AWS rejected it: " + expected.path("message").asText());
        }
        ObjectNode actual = Json.MAPPER.createObjectNode();
        actual.put("code", InvalidDefinitionException.CODE);
        actual.put("message", AwsDiagnostics.createStateMachineMessage(findings, text));
        return Verdict.of(JsonMatch.mismatch(expected, actual));
    }
}
