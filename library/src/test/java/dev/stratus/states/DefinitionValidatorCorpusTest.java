package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.validation.AwsDiagnostics;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Every definition AWS accepted and ran in {@code asl/cases} must validate without an error finding. */
class DefinitionValidatorCorpusTest {

    @Test
    void shouldAcceptEveryDefinitionAwsExecuted() {
        List<JsonNode> cases = ConformanceSuite.cases("asl/cases");
        Assumptions.assumeFalse(cases.isEmpty(), "asl/cases corpus absent");
        List<String> rejected = new ArrayList<>();
        for (JsonNode testCase : cases) {
            MachineType type = "EXPRESS".equals(testCase.path("stateMachineType").asText())
                    ? MachineType.EXPRESS : MachineType.STANDARD;
            String text = Json.write(testCase.get("definition"));
            List<Finding> errors = DefinitionValidator.validate(text, type).stream().filter(Finding::isError).toList();
            if (!errors.isEmpty()) {
                rejected.add(testCase.get("id").asText() + " -> " + errors);
            }
        }
        assertEquals(List.of(), rejected, rejected.size() + " of " + cases.size() + " executed definitions rejected");
    }

    /**
     * TestState definitions (a lone state, or a machine and a state name): those AWS rejected as invalid
     * definitions must give AWS's message, every other one must validate without an error finding.
     */
    @Test
    void shouldMatchTestStateDefinitionChecks() {
        List<JsonNode> cases = ConformanceSuite.cases("asl/test_state");
        Assumptions.assumeFalse(cases.isEmpty(), "asl/test_state corpus absent");
        List<String> wrong = new ArrayList<>();
        int compared = 0;
        for (JsonNode testCase : cases) {
            JsonNode definition = testCase.get("definition");
            List<Finding> errors = (definition.has("StartAt")
                    ? DefinitionValidator.validate(definition, MachineType.STANDARD)
                    : DefinitionValidator.validateState(definition, MachineType.STANDARD))
                    .stream().filter(Finding::isError).toList();
            JsonNode exception = testCase.path("expected").path("exception");
            String message = exception.path("message").asText();
            if (message.startsWith("Invalid State Machine Definition: ")) {
                compared++;
                String actual = errors.isEmpty() ? "accepted"
                        : AwsDiagnostics.createStateMachineMessage(errors, Json.write(definition));
                if (!actual.equals(message)) {
                    wrong.add(testCase.get("id").asText() + " -> " + actual);
                }
            } else if (!errors.isEmpty()) {
                wrong.add(testCase.get("id").asText() + " -> " + errors);
            }
        }
        assertEquals(List.of(), wrong, wrong.size() + " of " + cases.size() + " TestState definitions judged"
                + " differently from AWS (" + compared + " recorded rejections compared)");
    }
}
