package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.core.internal.Json;
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
}
