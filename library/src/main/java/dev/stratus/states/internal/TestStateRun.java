package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.Model.Catcher;
import dev.stratus.states.internal.Model.Io;
import dev.stratus.states.internal.Model.ResultPath;
import dev.stratus.states.internal.Model.Retrier;
import dev.stratus.states.internal.Model.State;
import dev.stratus.states.internal.Model.Transition;
import java.time.Instant;
import dev.stratus.states.internal.jsonata.Bindings;
import dev.stratus.states.internal.jsonata.Payload;
import dev.stratus.states.internal.jsonata.Variables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The TestState API: one state run once on an input, with an optional mocked task result or error, reporting the
 * status (SUCCEEDED, FAILED, RETRIABLE, CAUGHT_ERROR), output, next state and, at DEBUG and TRACE, the data after
 * each processing step. Nothing is recorded and no time passes.
 */
public final class TestStateRun implements Intrinsic.EvalContext {
    /** The name a lone state gets, as AWS names it in its messages. */
    public static final String LONE_STATE_NAME = "StateName";

    /** The context object fields a caller may supply, with the type of the known scalar ones. */
    private static final Map<String, Map<String, JsonNodeType>> CONTEXT_FIELDS = Map.of(
            "Execution", Map.of("Id", JsonNodeType.STRING, "Name", JsonNodeType.STRING, "RoleArn",
                    JsonNodeType.STRING, "StartTime", JsonNodeType.STRING, "RedriveCount", JsonNodeType.NUMBER),
            "State", Map.of("Name", JsonNodeType.STRING, "EnteredTime", JsonNodeType.STRING, "RetryCount",
                    JsonNodeType.NUMBER),
            "StateMachine", Map.of("Id", JsonNodeType.STRING, "Name", JsonNodeType.STRING),
            "Task", Map.of("Token", JsonNodeType.STRING));
    private static final long HANDLER_TIMEOUT_SECONDS = 300;

    /** What a TestState call returns. */
    public record Result(String status, JsonNode output, String error, String cause, String nextState,
            ObjectNode inspectionData) {
    }

    private final Engine engine;
    private final State state;
    private final JsonNode input;
    private final JsonNode context;
    private final JsonNode mock;
    private final boolean inspect;
    private final int retrierRetryCount;
    private final int mapIterationFailureCount;
    /** The variables the caller supplied (the request's {@code variables}). */
    private final Variables variables;
    /** {@code $$} and the variables, for JSONPath templates and rules. */
    private final JsonPath.Roots roots;
    private final ObjectNode data = Values.NODES.objectNode();

    private TestStateRun(final Engine engine, final State state, final JsonNode input, final JsonNode context,
            final JsonNode mock, final boolean inspect, final int retrierRetryCount,
            final int mapIterationFailureCount, final Variables variables) {
        this.engine = engine;
        this.state = state;
        this.input = input;
        this.context = context;
        this.mock = mock;
        this.inspect = inspect;
        this.retrierRetryCount = retrierRetryCount;
        this.mapIterationFailureCount = mapIterationFailureCount;
        this.variables = variables;
        this.roots = new JsonPath.Roots() {
            @Override
            public JsonNode get() {
                return TestStateRun.this.context;
            }

            @Override
            public JsonNode variable(final String name) {
                return TestStateRun.this.variables.get(name);
            }
        };
    }

    /**
     * Runs one state.
     *
     * @param definition a lone state, or a machine when {@code stateName} is set
     * @param inspectionLevel INFO, DEBUG or TRACE
     * @param mock null, or {@code {"result": "<json text>"}} or {@code {"errorOutput": {"error", "cause"}}}
     * @param context null, or the context object to use
     * @throws StratusException {@code ValidationException} or {@code InvalidDefinition} as AWS rejects the call
     */
    public static Result run(final Engine engine, final JsonNode definition, final String stateName,
            final JsonNode input, final String inspectionLevel, final JsonNode mock, final JsonNode context,
            final int retrierRetryCount, final Integer mapIterationFailureCount, final JsonNode variables,
            final boolean hasRoleArn) {
        State state;
        if (stateName != null) {
            Model.Machine machine = AslParser.parse(definition);
            state = find(machine, stateName);
            if (state == null) {
                throw new StratusException("ValidationException", "State not found in definition");
            }
        } else {
            state = AslParser.parseState(LONE_STATE_NAME, definition);
        }
        if (mock == null && mapIterationFailureCount != null) {
            throw validation("TestState does not support MapIterationFailureCount when a mock is not specified.");
        }
        if (mock == null && (state instanceof Model.MapState || state instanceof Model.Parallel)) {
            throw new StratusException("InvalidDefinition", "TestState API does not support Map or Parallel "
                    + "states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]");
        }
        if (mock != null) {
            checkMock(state, mock, mapIterationFailureCount);
        } else if (state instanceof Model.Task && !hasRoleArn) {
            throw new StratusException("ValidationException", "RoleArn must be specified when testing a Task state");
        }
        if (context != null) {
            checkContext(context);
        }
        JsonNode ctx = context != null ? context : defaultContext(engine, state, input);
        boolean inspect = !"INFO".equals(inspectionLevel);
        Map<String, JsonNode> values = new LinkedHashMap<>();
        if (variables != null) {
            variables.properties().forEach(e -> values.put(e.getKey(), e.getValue()));
        }
        return new TestStateRun(engine, state, input, ctx, mock, inspect, retrierRetryCount,
                mapIterationFailureCount == null ? 0 : mapIterationFailureCount, new Variables(null, values))
                .execute();
    }

    private static State find(final Model.Machine machine, final String name) {
        State direct = machine.states().get(name);
        if (direct != null) {
            return direct;
        }
        for (State s : machine.states().values()) {
            State found = null;
            if (s instanceof Model.Parallel p) {
                for (Model.Machine branch : p.branches()) {
                    found = found != null ? found : find(branch, name);
                }
            } else if (s instanceof Model.MapState m) {
                found = find(m.processor(), name);
            }
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static void checkMock(final State state, final JsonNode mock, final Integer mapIterationFailureCount) {
        boolean hasResult = mock.has("result");
        if (hasResult && mock.has("errorOutput")) {
            throw validation("A test mock should have only one of the following fields: [result, errorOutput].");
        }
        if (!(state instanceof Model.Task || state instanceof Model.Parallel || state instanceof Model.MapState)) {
            throw validation("State type '" + state.type() + "' is not supported when a mock is specified");
        }
        if (!hasResult) {
            return;
        }
        JsonNode result = parseMock(mock);
        String mode = mock.path("fieldValidationMode").asText("STRICT");
        if (state instanceof Model.Task t && !"NONE".equals(mode)) {
            ResultShapes.check(t.resource(), result, "STRICT".equals(mode));
        }
        if (state instanceof Model.MapState m) {
            if (m.resultWriter() != null && !result.isObject()) {
                throw validation("Mocked result must be a JSON object.");
            }
            if (m.resultWriter() == null && !result.isArray()) {
                throw validation("Mocked result must be an array.");
            }
            if (mapIterationFailureCount != null && result.isArray() && mapIterationFailureCount > result.size()) {
                throw validation("Map iteration failure count must be less than or equal to the number of Map "
                        + "iterations");
            }
        }
        if (state instanceof Model.Parallel p) {
            if (!result.isArray()) {
                throw validation("Mocked result must be an array.");
            }
            if (result.size() != p.branches().size()) {
                throw validation("Mocked result must contain the same number of items as number of Parallel "
                        + "branches.");
            }
        }
    }

    private static void checkContext(final JsonNode context) {
        if (!context.isObject()) {
            throw invalidContext("the Context object must be a JSON object");
        }
        for (Map.Entry<String, JsonNode> e : context.properties()) {
            if (e.getKey().equals("Map")) {
                throw invalidContext("'Map' field is not supported when mocking a Context object");
            }
            Map<String, JsonNodeType> fields = CONTEXT_FIELDS.get(e.getKey());
            if (fields == null) {
                throw invalidContext("Field '" + e.getKey() + "' is not allowed");
            }
            if (!e.getValue().isObject()) {
                throw invalidContext(e.getKey() + " must be an object");
            }
            for (Map.Entry<String, JsonNode> f : e.getValue().properties()) {
                JsonNodeType type = fields.get(f.getKey());
                if (type != null && f.getValue().getNodeType() != type) {
                    throw invalidContext(e.getKey() + "." + f.getKey() + " must be a "
                            + (type == JsonNodeType.STRING ? "string" : "number"));
                }
            }
        }
    }

    private static StratusException invalidContext(final String problem) {
        return validation("Invalid Context object provided: " + problem);
    }

    private static JsonNode parseMock(final JsonNode mock) {
        try {
            return Json.parse(mock.get("result").asText());
        } catch (Exception e) {
            throw validation("Mocked result must be valid JSON.");
        }
    }

    private static StratusException validation(final String message) {
        return new StratusException("ValidationException", message);
    }

    private static JsonNode defaultContext(final Engine engine, final State state, final JsonNode input) {
        ObjectNode c = Values.NODES.objectNode();
        ObjectNode e = c.putObject("Execution");
        String now = Instant.ofEpochMilli(engine.clock.epochMillis()).toString();
        e.put("Id", "arn:aws:states:" + engine.region + ":" + engine.account + ":express:TestStateMachine:test");
        e.set("Input", input);
        e.put("Name", "test");
        e.put("RoleArn", engine.roleArn);
        e.put("StartTime", now);
        ObjectNode s = c.putObject("State");
        s.put("EnteredTime", now);
        s.put("Name", state.name());
        s.put("RetryCount", 0);
        ObjectNode m = c.putObject("StateMachine");
        m.put("Id", "arn:aws:states:" + engine.region + ":" + engine.account + ":stateMachine:TestStateMachine");
        m.put("Name", "TestStateMachine");
        return c;
    }

    private void put(final String key, final JsonNode value) {
        if (inspect) {
            data.set(key, value);
        }
    }

    private Result execute() {
        put("input", input);
        try {
            return dispatch();
        } catch (AslError e) {
            return failed(e);
        }
    }

    private Result failed(final AslError e) {
        return new Result("FAILED", null, e.error(), e.cause(), null, inspect ? data : null);
    }

    private Result dispatch() {
        if (state.flow().jsonata()) {
            return jsonata();
        }
        if (state instanceof Model.Pass p) {
            JsonNode effective = inputPath(p.io(), input);
            JsonNode result;
            if (p.result() != null) {
                result = p.result();
                put("result", result);
            } else {
                put("afterInputPath", effective);
                effective = template(p.parameters(), effective);
                put("afterParameters", effective);
                result = effective;
            }
            put("afterResultSelector", result);
            return finish(p.io(), p.resultPath(), result, p.transition());
        }
        if (state instanceof Model.Choice c) {
            JsonNode effective = inputPath(c.io(), input);
            put("afterInputPath", effective);
            for (Model.ChoiceBranch b : c.choices()) {
                if (b.rule().test(effective, roots)) {
                    return ok(outputPath(c.io(), effective), b.next());
                }
            }
            if (c.defaultNext() != null) {
                return ok(outputPath(c.io(), effective), c.defaultNext());
            }
            throw new AslError("States.NoChoiceMatched", "No Matches!");
        }
        if (state instanceof Model.Wait w) {
            JsonNode effective = inputPath(w.io(), input);
            put("afterInputPath", effective);
            return ok(outputPath(w.io(), effective), w.transition().end() ? null : w.transition().next());
        }
        if (state instanceof Model.Succeed s) {
            JsonNode effective = inputPath(s.io(), input);
            put("afterInputPath", effective);
            return ok(outputPath(s.io(), effective), null);
        }
        if (state instanceof Model.Fail f) {
            put("afterInputPath", input);
            String err = f.error();
            String why = f.cause();
            if (f.errorPath() instanceof JsonPath p) {
                JsonNode v = p.read(p.isContext() ? context : input);
                err = v == null ? null : v.asText();
            }
            if (f.causePath() instanceof JsonPath p) {
                JsonNode v = p.read(p.isContext() ? context : input);
                why = v == null ? null : v.asText();
            }
            return new Result("FAILED", null, err, why, null, inspect ? data : null);
        }
        if (state instanceof Model.Task t) {
            return task(t);
        }
        if (state instanceof Model.Parallel p) {
            JsonNode effective = inputPath(p.io(), input);
            effective = template(p.parameters(), effective);
            return mocked(p.io(), p.resultSelector(), p.resultPath(), p.retriers(), p.catchers(), p.transition(),
                    effective);
        }
        Model.MapState m = (Model.MapState) state;
        JsonNode effective = inputPath(m.io(), input);
        put("afterInputPath", effective);
        JsonNode items = effective;
        if (m.itemsPath() != null) {
            items = m.itemsPath().read(m.itemsPath().isContext() ? context : effective);
            if (items == null || !items.isArray()) {
                throw AslError.runtime("Reference path \"" + (m.itemsPath().isContext()
                        ? m.itemsPath().text().substring(1) : m.itemsPath().text()) + "\" must point to array.")
                        .withoutPrefix();
            }
        }
        put("afterItemsPath", items);
        if (m.maxConcurrency() != null && m.maxConcurrency().value() != null) {
            put("maxConcurrency", Values.NODES.numberNode(m.maxConcurrency().value()));
        } else {
            put("maxConcurrency", Values.NODES.numberNode(0));
        }
        if (m.toleratedFailureCount() != null && m.toleratedFailureCount().value() != null) {
            put("toleratedFailureCount", Values.NODES.numberNode(m.toleratedFailureCount().value()));
        }
        JsonNode percentage = literal(m.toleratedFailurePercentage());
        if (percentage != null) {
            put("toleratedFailurePercentage", Values.NODES.numberNode(percentage.asDouble()));
        }
        return mocked(m.io(), m.resultSelector(), m.resultPath(), m.retriers(), m.catchers(), m.transition(),
                effective);
    }

    // ---------------------------------------------------------------- JSONata

    private Bindings bindings() {
        return Bindings.of(variables, input, () -> context, engine.random);
    }

    private Result jsonata() {
        Model.Flow flow = state.flow();
        Bindings b = bindings();
        if (state instanceof Model.Choice c) {
            for (Model.ChoiceBranch branch : c.choices()) {
                JsonNode holds = evaluate(branch.flow().field("Condition"), b, "Condition");
                if (holds.isBoolean() && holds.booleanValue()) {
                    return output(branch.flow(), b, input, branch.next());
                }
            }
            if (c.defaultNext() != null) {
                return output(flow, b, input, c.defaultNext());
            }
            throw new AslError("States.NoChoiceMatched", "No Matches!");
        }
        if (state instanceof Model.Fail f) {
            JsonNode err = flow.field("Error") == null ? null : evaluate(flow.field("Error"), b, "Error");
            JsonNode why = flow.field("Cause") == null ? null : evaluate(flow.field("Cause"), b, "Cause");
            return new Result("FAILED", null, err != null ? err.asText() : f.error(),
                    why != null ? why.asText() : f.cause(), null, inspect ? data : null);
        }
        String next = state instanceof Model.Pass p ? nextOf(p.transition())
                : state instanceof Model.Wait w ? nextOf(w.transition())
                : state instanceof Model.Task t ? nextOf(t.transition())
                : state instanceof Model.Parallel p2 ? nextOf(p2.transition())
                : state instanceof Model.MapState m ? nextOf(m.transition()) : null;
        if (!(state instanceof Model.Task || state instanceof Model.Parallel || state instanceof Model.MapState)) {
            return output(flow, b, input, next);
        }
        if (state instanceof Model.Task) {
            put("afterArguments", flow.arguments() == null ? input : evaluate(flow.arguments(), b, "Arguments"));
        } else if (state instanceof Model.MapState m) {
            put("maxConcurrency", jsonataCount(flow, b, "MaxConcurrency", m.maxConcurrency(), 0L));
            JsonNode tolerated = jsonataCount(flow, b, "ToleratedFailureCount", m.toleratedFailureCount(), null);
            if (tolerated != null) {
                put("toleratedFailureCount", tolerated);
            }
            JsonNode percentage = jsonataCount(flow, b, "ToleratedFailurePercentage",
                    m.toleratedFailurePercentage(), null);
            if (percentage != null) {
                put("toleratedFailurePercentage", Values.NODES.numberNode(percentage.asDouble()));
            }
        }
        List<Retrier> retriers = state instanceof Model.Task t ? t.retriers()
                : state instanceof Model.Parallel p ? p.retriers() : ((Model.MapState) state).retriers();
        List<Catcher> catchers = state instanceof Model.Task t ? t.catchers()
                : state instanceof Model.Parallel p ? p.catchers() : ((Model.MapState) state).catchers();
        if (mock == null) {
            throw new StratusException("ValidationException", "A " + state.type()
                    + " state in JSONata can only be tested with a mock");
        }
        if (mock.has("errorOutput")) {
            return error(mock.get("errorOutput").path("error").asText(null),
                    mock.get("errorOutput").path("cause").asText(null), retriers, catchers, Io.DEFAULT);
        }
        JsonNode result = parseMock(mock);
        if (state instanceof Model.Task) {
            put("result", result);
        }
        if (state instanceof Model.MapState m && exceedsTolerance(result,
                jsonataCount(flow, b, "ToleratedFailureCount", m.toleratedFailureCount(), null),
                jsonataCount(flow, b, "ToleratedFailurePercentage", m.toleratedFailurePercentage(), null))) {
            return toleranceExceeded(retriers, catchers, Io.DEFAULT);
        }
        return output(flow, b.withResult(result), result, next);
    }

    /**
     * Whether the mocked iteration failures ({@code mapIterationFailureCount}) exceed the Map state's tolerated
     * failure count or percentage; AWS applies no threshold when the state sets neither.
     */
    private boolean exceedsTolerance(final JsonNode result, final JsonNode count, final JsonNode percentage) {
        if (mapIterationFailureCount == 0 || !result.isArray()) {
            return false;
        }
        if (count != null && count.isNumber() && mapIterationFailureCount > count.asDouble()) {
            return true;
        }
        return percentage != null && percentage.isNumber()
                && mapIterationFailureCount * 100.0 / result.size() > percentage.asDouble();
    }

    private Result toleranceExceeded(final List<Retrier> retriers, final List<Catcher> catchers, final Io io) {
        return error("States.ExceedToleratedFailureThreshold", "The specified tolerated failure threshold was exceeded",
                retriers, catchers, io);
    }

    private static JsonNode literal(final Model.NumberSpec spec) {
        if (spec == null) {
            return null;
        }
        return spec.value() != null ? Values.NODES.numberNode(spec.value())
                : spec.decimal() != null ? Values.NODES.numberNode(spec.decimal()) : null;
    }

    /** A Map count field in JSONata mode: an expression, a literal, or the default (null: absent). */
    private static JsonNode jsonataCount(final Model.Flow flow, final Bindings b, final String field,
            final Model.NumberSpec literal, final Long dflt) {
        if (flow.field(field) != null) {
            return evaluate(flow.field(field), b, field);
        }
        JsonNode value = literal(literal);
        if (value != null) {
            return value;
        }
        return dflt == null ? null : Values.NODES.numberNode(dflt);
    }

    private Result output(final Model.Flow flow, final Bindings b, final JsonNode dflt, final String next) {
        if (flow.assign() != null) {
            put("variables", evaluate(flow.assign(), b, "Assign"));
        }
        return ok(flow.output() == null ? dflt : evaluate(flow.output(), b, "Output"), next);
    }

    private static JsonNode evaluate(final Payload p, final Bindings b, final String field) {
        try {
            return p.apply(b, field);
        } catch (AslError e) {
            throw e.withoutPrefix();
        }
    }

    private static String nextOf(final Transition t) {
        return t.end() ? null : t.next();
    }

    private Result mocked(final Io io, final Template resultSelector, final ResultPath resultPath,
            final List<Retrier> retriers, final List<Catcher> catchers, final Transition transition,
            final JsonNode effective) {
        if (mock.has("errorOutput")) {
            return error(mock.get("errorOutput").path("error").asText(null),
                    mock.get("errorOutput").path("cause").asText(null), retriers, catchers, io);
        }
        JsonNode result = parseMock(mock);
        if (state instanceof Model.MapState m && exceedsTolerance(result, literal(m.toleratedFailureCount()),
                literal(m.toleratedFailurePercentage()))) {
            return toleranceExceeded(retriers, catchers, io);
        }
        JsonNode selected = template(resultSelector, result);
        put("afterResultSelector", selected);
        return finish(io, resultPath, selected, transition);
    }

    private Result task(final Model.Task t) {
        JsonNode effective = inputPath(t.io(), input);
        put("afterInputPath", effective);
        effective = template(t.parameters(), effective);
        put("afterParameters", effective);
        if (mock != null) {
            if (mock.has("errorOutput")) {
                return error(mock.get("errorOutput").path("error").asText(null),
                        mock.get("errorOutput").path("cause").asText(null), t.retriers(), t.catchers(), t.io());
            }
            JsonNode result = parseMock(mock);
            put("result", result);
            JsonNode selected = template(t.resultSelector(), result);
            put("afterResultSelector", selected);
            return finish(t.io(), t.resultPath(), selected, t.transition());
        }
        TaskCall call = TaskCall.of(t.resource(), effective, engine);
        Engine.Invoker invoker = call.invoker;
        if (invoker == null) {
            return error("States.Runtime", "No TaskHandler is registered for the resource '" + t.resource() + "'",
                    t.retriers(), t.catchers(), t.io());
        }
        JsonNode result;
        try {
            CompletionStage<JsonNode> stage = invoker.apply(call.payload(effective));
            result = call.wrap(stage.toCompletableFuture().get(HANDLER_TIMEOUT_SECONDS, TimeUnit.SECONDS), engine);
        } catch (ExecutionException e) {
            String[] ec = ExecutionRun.errorOf(e.getCause() != null ? e.getCause() : e);
            return error(ec[0], call.cause(ec[1]), t.retriers(), t.catchers(), t.io());
        } catch (TimeoutException e) {
            return error("States.Timeout", null, t.retriers(), t.catchers(), t.io());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error("States.Runtime", "interrupted", t.retriers(), t.catchers(), t.io());
        }
        put("result", result);
        JsonNode selected = template(t.resultSelector(), result);
        put("afterResultSelector", selected);
        return finish(t.io(), t.resultPath(), selected, t.transition());
    }

    private Result error(final String err, final String why, final List<Retrier> retriers,
            final List<Catcher> catchers, final Io io) {
        if (!"States.Runtime".equals(err)) {
            for (int i = 0; i < retriers.size(); i++) {
                Retrier r = retriers.get(i);
                if (matches(r.errorEquals(), err)) {
                    if (retrierRetryCount < r.maxAttempts()) {
                        ObjectNode details = Values.NODES.objectNode();
                        details.put("retryIndex", i);
                        details.put("retryBackoffIntervalSeconds", (long) (r.intervalSeconds()
                                * Math.pow(r.backoffRate(), retrierRetryCount)));
                        put("errorDetails", details);
                        return new Result("RETRIABLE", null, err, why, null, inspect ? data : null);
                    }
                    ObjectNode details = Values.NODES.objectNode();
                    details.put("retryIndex", i);
                    put("errorDetails", details);
                    break;
                }
            }
            for (int i = 0; i < catchers.size(); i++) {
                Catcher c = catchers.get(i);
                if (matches(c.errorEquals(), err)) {
                    ObjectNode errorOutput = Values.NODES.objectNode();
                    errorOutput.put("Error", err);
                    errorOutput.put("Cause", why);
                    ObjectNode details = Values.NODES.objectNode();
                    details.put("catchIndex", i);
                    put("errorDetails", details);
                    JsonNode out = !c.flow().jsonata() ? resultPath(c.resultPath(), input, errorOutput)
                            : c.flow().output() == null ? errorOutput
                            : evaluate(c.flow().output(), bindings().withErrorOutput(errorOutput), "Output");
                    return new Result("CAUGHT_ERROR", out, err, why, c.next(), inspect ? data : null);
                }
            }
        }
        return new Result("FAILED", null, err, why, null, inspect ? data : null);
    }

    private static boolean matches(final List<String> names, final String err) {
        for (String n : names) {
            if (n.equals(err) || (n.equals("States.ALL") && !"States.Runtime".equals(err))
                    || (n.equals("States.TaskFailed") && err != null && !err.startsWith("States."))) {
                return true;
            }
        }
        return false;
    }

    private Result finish(final Io io, final ResultPath rp, final JsonNode result, final Transition transition) {
        JsonNode afterResultPath = resultPath(rp, input, result);
        put("afterResultPath", afterResultPath);
        return ok(outputPath(io, afterResultPath), transition.end() ? null : transition.next());
    }

    private Result ok(final JsonNode output, final String next) {
        return new Result("SUCCEEDED", output, null, null, next, inspect ? data : null);
    }

    private JsonNode inputPath(final Io io, final JsonNode raw) {
        if (io.inputNull()) {
            return Values.NODES.objectNode();
        }
        return io.inputPath() == null ? raw : read(io.inputPath(), raw);
    }

    private JsonNode outputPath(final Io io, final JsonNode out) {
        if (io.outputNull()) {
            return Values.NODES.objectNode();
        }
        return io.outputPath() == null ? out : read(io.outputPath(), out);
    }

    private JsonNode read(final JsonPath path, final JsonNode value) {
        JsonNode v = path.read(path.isContext() ? context : value);
        if (v == null) {
            throw AslError.runtime("Invalid path '" + path.text() + "' : No results for path: " + path.normalized())
                    .withoutPrefix();
        }
        return v;
    }

    private JsonNode template(final Template t, final JsonNode in) {
        if (t == null) {
            return in;
        }
        try {
            return t.apply(in, roots, this);
        } catch (AslError e) {
            throw e.withoutPrefix();
        }
    }

    private static JsonNode resultPath(final ResultPath rp, final JsonNode raw, final JsonNode result) {
        if (rp.discard()) {
            return raw;
        }
        if (rp.steps().isEmpty()) {
            return result;
        }
        JsonNode out = Values.setAt(raw, rp.steps(), 0, result);
        if (out == null) {
            throw new AslError("States.ResultPathMatchFailure", "Unable to apply ReferencePath " + rp.text()
                    + " to input " + Json.write(raw));
        }
        return out;
    }

    @Override
    public UUID uuid() {
        return engine.random.uuid();
    }

    @Override
    public int randomInt(final int startInclusive, final int endExclusive) {
        return startInclusive + engine.random.nextInt(endExclusive - startInclusive);
    }

    @Override
    public AslError pathNotFound(final String path, final JsonNode in) {
        return AslError.runtime("The JSONPath '" + path + "' could not be found in the input '" + Json.write(in)
                + "'");
    }
}
