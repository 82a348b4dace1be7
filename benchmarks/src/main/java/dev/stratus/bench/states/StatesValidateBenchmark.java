package dev.stratus.bench.states;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.Finding;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Validation of a 100-state definition (Pass with Parameters and intrinsics, Task with Retry/Catch, Choice, Wait,
 * a Parallel and a Map with nested machines), from text as CreateStateMachine receives it, and from the parsed tree.
 * The floor in the same run: Jackson parsing the same text, which validation from text must include.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class StatesValidateBenchmark {
    private static final int STATES = 100;

    private String text;
    private JsonNode tree;

    @Setup
    public void setUp() throws Exception {
        text = definition();
        tree = Json.parse(text);
        List<Finding> findings = DefinitionValidator.validate(text, MachineType.STANDARD);
        if (!findings.isEmpty()) {
            throw new IllegalStateException("benchmark definition must be valid: " + findings);
        }
    }

    @Benchmark
    public int validateText() {
        return DefinitionValidator.validate(text, MachineType.STANDARD).size();
    }

    @Benchmark
    public int validateTree() {
        return DefinitionValidator.validate(tree, MachineType.STANDARD).size();
    }

    @Benchmark
    public JsonNode jacksonParseFloor() throws Exception {
        return Json.parse(text);
    }

    /** A machine of {@link #STATES} states, cycling through the state types a real workflow uses. */
    static String definition() {
        StringBuilder states = new StringBuilder();
        for (int i = 0; i < STATES; i++) {
            String name = "S" + i;
            String next = i == STATES - 1 ? "\"End\": true" : "\"Next\": \"S" + (i + 1) + "\"";
            if (i > 0) {
                states.append(",\n");
            }
            states.append('"').append(name).append("\": ");
            switch (i % 6) {
                case 0 -> states.append("{\"Type\": \"Pass\", \"Parameters\": {\"id.$\": \"$.order.id\", "
                        + "\"msg.$\": \"States.Format('order {} at {}', $.order.id, $$.State.EnteredTime)\", "
                        + "\"items.$\": \"States.ArrayLength($.order.items)\", \"fixed\": {\"a\": [1, 2, 3]}}, "
                        + "\"ResultPath\": \"$.step" + i + "\", ").append(next).append('}');
                case 1 -> states.append("{\"Type\": \"Task\", \"Resource\": "
                        + "\"arn:aws:lambda:us-east-1:111111111111:function:Work" + i + "\", \"TimeoutSeconds\": 30, "
                        + "\"Retry\": [{\"ErrorEquals\": [\"Busy\"], \"IntervalSeconds\": 1, \"MaxAttempts\": 3, "
                        + "\"BackoffRate\": 2.0}, {\"ErrorEquals\": [\"States.ALL\"], \"MaxAttempts\": 1}], "
                        + "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"ResultPath\": \"$.error\", "
                        + "\"Next\": \"Failed\"}], \"ResultSelector\": {\"out.$\": \"$.Payload\"}, ")
                        .append(next).append('}');
                case 2 -> states.append("{\"Type\": \"Choice\", \"Choices\": [{\"And\": [{\"Variable\": \"$.n\", "
                        + "\"NumericGreaterThan\": 3}, {\"Not\": {\"Variable\": \"$.s\", \"StringMatches\": \"a*\"}}], "
                        + "\"Next\": \"S" + (i + 1) + "\"}, {\"Variable\": \"$.t\", \"TimestampLessThanPath\": "
                        + "\"$.limit\", \"Next\": \"Failed\"}], \"Default\": \"S" + (i + 1) + "\"}");
                case 3 -> states.append("{\"Type\": \"Wait\", \"SecondsPath\": \"$.delay\", ").append(next)
                        .append('}');
                case 4 -> states.append("{\"Type\": \"Parallel\", \"Branches\": [{\"StartAt\": \"B" + i + "\", "
                        + "\"States\": {\"B" + i + "\": {\"Type\": \"Pass\", \"End\": true}}}, {\"StartAt\": \"C" + i
                        + "\", \"States\": {\"C" + i + "\": {\"Type\": \"Succeed\"}}}], ").append(next).append('}');
                default -> states.append("{\"Type\": \"Map\", \"ItemsPath\": \"$.order.items\", "
                        + "\"MaxConcurrency\": 4, \"ItemSelector\": {\"item.$\": \"$$.Map.Item.Value\"}, "
                        + "\"ItemProcessor\": {\"ProcessorConfig\": {\"Mode\": \"INLINE\"}, \"StartAt\": \"M" + i
                        + "\", \"States\": {\"M" + i + "\": {\"Type\": \"Pass\", \"End\": true}}}, ")
                        .append(next).append('}');
            }
        }
        states.append(",\n\"Failed\": {\"Type\": \"Fail\", \"Error\": \"Order.Failed\", "
                + "\"CausePath\": \"$.error.Cause\"}");
        return "{\"Comment\": \"benchmark\", \"StartAt\": \"S0\", \"States\": {\n" + states + "}}";
    }
}
