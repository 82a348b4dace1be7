package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.conformance.ConformanceSuite;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every definition of the shared corpora taken apart into builder calls and built again gives the same JSON. The
 * execution cases are taken apart in strict mode, where a field without a typed setter fails, so they prove the
 * typed builders cover every field the corpus uses; definitions AWS rejected may need the generic escape.
 */
class DefinitionRoundTripTest {
    /** JSON equality where numbers compare by value: {@code 2} and {@code 2.0} are the same JSON number. */
    static final Comparator<JsonNode> NUMERIC = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : a.equals(b) ? 0 : 1;

    @Test
    void shouldRebuildEveryExecutionCaseThroughTypedSetters() {
        List<JsonNode> cases = ConformanceSuite.cases("asl/cases");
        assumeFalse(cases.isEmpty(), "no asl/cases corpus");
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        for (JsonNode c : cases) {
            JsonNode json = c.get("definition");
            String id = c.get("id").asText();
            try {
                JsonNode rebuilt = DefinitionReader.read(json, true).toJson();
                if (!json.equals(NUMERIC, rebuilt)) {
                    failures.add(id + ": " + rebuilt);
                }
                if (DefinitionValidator.validate(json, MachineType.STANDARD).stream().noneMatch(Finding::isError)) {
                    Definition definition = Definition.parse(json);
                    Definition again = definition.toBuilder().build();
                    if (!json.equals(NUMERIC, again.toJson())) {
                        failures.add(id + " via toBuilder(): " + again);
                    }
                    parsed++;
                }
            } catch (RuntimeException e) {
                failures.add(id + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
        assertTrue(parsed > cases.size() * 9 / 10, "parsed " + parsed + " of " + cases.size());
    }

    @Test
    void shouldRebuildEveryTestStateDefinitionThroughTypedSettersWhenAwsAcceptsIt() {
        List<JsonNode> cases = ConformanceSuite.cases("asl/test_state");
        assumeFalse(cases.isEmpty(), "no asl/test_state corpus");
        List<String> failures = new ArrayList<>();
        for (JsonNode c : cases) {
            JsonNode definition = c.get("definition");
            JsonNode machine = definition;
            if (!definition.has("States")) {
                ObjectNode wrapped = Json.MAPPER.createObjectNode().put("StartAt", "S");
                wrapped.putObject("States").set("S", definition);
                machine = wrapped;
            }
            boolean valid = (definition.has("States") ? DefinitionValidator.validate(machine, MachineType.STANDARD)
                    : DefinitionValidator.validateState(definition, MachineType.STANDARD)).stream()
                    .noneMatch(Finding::isError);
            try {
                JsonNode rebuilt = DefinitionReader.read(machine, valid).toJson();
                if (!machine.equals(NUMERIC, rebuilt)) {
                    failures.add(c.get("id").asText() + ": " + rebuilt);
                }
            } catch (RuntimeException e) {
                failures.add(c.get("id").asText() + ": " + e);
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void shouldFailInStrictModeOnAFieldWithoutATypedSetterAndEscapeItOtherwise() throws Exception {
        JsonNode json = Json.parse("{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"End\":true,"
                + "\"Shiny\":1}}}");
        assertEquals("no typed setter for /States/A/Shiny=1", assertThrows(IllegalArgumentException.class,
                () -> DefinitionReader.read(json, true)).getMessage());
        assertEquals(json, DefinitionReader.read(json, false).toJson());
        assertEquals("no typed rule for /States/C/Choices/0={\"Variable\":\"$.x\",\"IsNull\":\"yes\"}",
                assertThrows(IllegalArgumentException.class, () -> DefinitionReader.read(Json.parse(
                        "{\"StartAt\":\"C\",\"States\":{\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":"
                        + "\"$.x\",\"IsNull\":\"yes\",\"Next\":\"C\"}]}}}"), true)).getMessage());
    }

    @Test
    void shouldRebuildEveryRejectedDefinitionWithTheSameFindings() {
        List<JsonNode> cases = ConformanceSuite.cases("asl/validation");
        assumeFalse(cases.isEmpty(), "no asl/validation corpus");
        List<String> failures = new ArrayList<>();
        int compared = 0;
        for (JsonNode c : cases) {
            String text = c.get("definitionString").asText();
            JsonNode json;
            try {
                json = Json.parse(text);
            } catch (JsonProcessingException e) {
                continue;
            }
            if (!json.isObject()) {
                continue;
            }
            String id = c.get("id").asText();
            Definition.Builder builder = DefinitionReader.read(json, false);
            JsonNode rebuilt = builder.toJson();
            if (!json.equals(NUMERIC, rebuilt)) {
                failures.add(id + ": " + rebuilt);
                continue;
            }
            List<Finding> expected = DefinitionValidator.validate(text, MachineType.STANDARD);
            List<Finding> actual;
            try {
                builder.build();
                actual = List.of();
            } catch (InvalidDefinitionException e) {
                actual = e.findings();
            }
            if (expected.stream().anyMatch(Finding::isError) && !expected.equals(actual)) {
                failures.add(id + ": findings " + actual + ", parsing gives " + expected);
            }
            compared++;
        }
        assertEquals(List.of(), failures);
        assertTrue(compared > 0);
    }
}
