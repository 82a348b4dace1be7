package dev.stratus.states;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Path, reference-path and intrinsic syntax, seen through the fields that take them. */
class DefinitionValidatorPathTest {

    private static List<Finding> pass(final String field, final String value) {
        ObjectNode machine = Json.MAPPER.createObjectNode().put("StartAt", "a/b");
        ObjectNode state = machine.putObject("States").putObject("a/b").put("Type", "Pass").put("End", true);
        if (field.endsWith(".$")) {
            state.putObject("Parameters").put(field, value);
        } else {
            state.put(field, value);
        }
        return DefinitionValidator.validate(machine, MachineType.STANDARD);
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a.b[0]", "$['a b']", "$[\"x\"]", "$.a[*].b", "$..b", "$.a[0,1]",
        "$.a[1:3]", "$.a[?(@.price < 10)]", "$.a[?(@.s == 'x)')]", "$$.Execution.Id", "$$", "$var", "$var.x[2]",
        "$.a.length()", "$.['a']", "$..['a']"})
    void shouldAcceptPaths(final String path) {
        assertEquals(List.of(), pass("InputPath", path));
        assertEquals(List.of(), pass("p.$", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a", "$.", "$.a.", "$[", "$[0", "$['a]", "$a b", "$.a[?(@.b > 1]", "$.a]", ".a"})
    void shouldRejectMalformedPathsAtTheEscapedPointer(final String path) {
        assertEquals(List.of(Finding.error("SCHEMA_VALIDATION_FAILED", "/States/a~1b/InputPath",
                "The value for the field 'InputPath' must be a valid JSONPath")), pass("InputPath", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$", "$.a", "$.a[0].b", "$['a']['b']"})
    void shouldAcceptReferencePaths(final String path) {
        assertEquals(List.of(), pass("ResultPath", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"$.a[*]", "$..a", "$.a[0,1]", "$.a[?(@.x)]", "$.a[1:2]", "$$.Execution", "$var",
        "$.a[-1]"})
    void shouldRejectNonReferencePathsInResultPath(final String path) {
        assertEquals(List.of(Finding.error("SCHEMA_VALIDATION_FAILED", "/States/a~1b/ResultPath",
                "The value for the field 'ResultPath' must be a valid ReferencePath")), pass("ResultPath", path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"States.UUID()", "States.Format('{} and {}', $.a, 'b')", "States.Format('it\\'s {}', 1)",
        "States.MathAdd(-1, 2.5)", "States.Array(true, false, null, $$.State.Name)",
        "States.JsonMerge($.a, States.StringToJson($.b), false)", "States.ArrayGetItem($.a[?(@.x, y)], 0)",
        "States.Hash($.v, 'SHA-256')"})
    void shouldAcceptIntrinsics(final String call) {
        assertEquals(List.of(), pass("p.$", call));
    }

    @ParameterizedTest
    @ValueSource(strings = {"States.Nope()", "States.UUID(", "States.Format('x', )", "States.Format('x)",
        "States.MathAdd(1 2)", "States.UUID() x", "States.Array(abc)", "Format('x')", "States.Array(\"x\")",
        "States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array("
                + "States.Array(States.Array(States.Array(States.Array(1)))))))))))"})
    void shouldRejectMalformedIntrinsics(final String call) {
        assertEquals(List.of(Finding.error("SCHEMA_VALIDATION_FAILED", "/States/a~1b/Parameters/p.$",
                "The value for the field 'p.$' must be a valid JSONPath or a valid intrinsic function call")),
                pass("p.$", call));
    }
}
