package dev.stratus.states;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.Arn;
import dev.stratus.core.Clock;
import dev.stratus.core.ErrorHandler;
import dev.stratus.core.Ids;
import dev.stratus.core.RandomSource;
import dev.stratus.core.internal.Checks;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.AslParser;
import dev.stratus.states.internal.DistributedMapRun;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import dev.stratus.states.internal.Engine;
import dev.stratus.states.internal.ExecutionRun;
import dev.stratus.states.internal.Model;
import dev.stratus.states.internal.StoredRecords;
import dev.stratus.states.internal.TestStateRun;
import dev.stratus.states.internal.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The States engine: defines Amazon States Language state machines and runs their executions in-process with AWS
 * Step Functions' semantics (JSONPath mode), on the builder's clock.
 *
 * <pre>{@code
 * ManualClock clock = ManualClock.at(Instant.parse("2025-01-01T00:00:00Z"));
 * States states = States.builder()
 *         .clock(clock)
 *         .handler("Charge", input -> input)
 *         .build();
 * StateMachine machine = states.define("checkout", aslJson);
 * Execution run = states.start(machine, "{\"orderId\":42}");
 * clock.advance(Duration.ofHours(1));   // waits and retries fire; no thread sleeps
 * run.status();                         // SUCCEEDED
 * }</pre>
 *
 * <p>Thread-safe. An execution runs on whichever thread moves it: the caller of {@code start}, the clock's timer
 * thread, or the thread completing a task; waiting executions hold no thread.
 */
public final class States {
    /** The account used when none is set. */
    public static final String DEFAULT_ACCOUNT = "111111111111";
    /** The region used when none is set. */
    public static final String DEFAULT_REGION = "us-east-1";

    private static final String START_EXECUTION = "arn:aws:states:::states:startExecution";

    /** Finished Standard executions kept findable by ARN when no limit is set. */
    public static final int DEFAULT_RETAINED_EXECUTIONS = 10_000;


    private final Builder settings;
    private final Engine engine;
    private final Ids ids;
    private final ExecutionStore store;
    private boolean restoring;
    private final Map<String, StateMachine> machines = new ConcurrentHashMap<>();
    private final Map<String, Execution> executions = new ConcurrentHashMap<>();
    private final Map<String, String> objects = new ConcurrentHashMap<>();
    /**
     * The ARNs of the last {@code retainedExecutions} finished Standard executions, as a ring: the slot a finishing
     * execution takes held the oldest one, which is forgotten (no node per execution, no lock).
     */
    private final java.util.concurrent.atomic.AtomicReferenceArray<String> finished;
    private final java.util.concurrent.atomic.AtomicLong finishedCount = new java.util.concurrent.atomic.AtomicLong();

    private States(final Builder builder) {
        this.settings = builder.copy();
        this.finished = new java.util.concurrent.atomic.AtomicReferenceArray<>(settings.retainedExecutions);
        RandomSource random = builder.random != null ? builder.random : RandomSource.unseeded();
        this.ids = new Ids(random);
        Map<String, Engine.Invoker> handlers = new ConcurrentHashMap<>();
        for (Map.Entry<String, Engine.Invoker> e : builder.handlers.entrySet()) {
            String key = e.getKey();
            handlers.put(key, e.getValue());
            if (key.startsWith("arn:")) {
                Arn arn = Arn.parse(key);
                if (arn.service().equals("lambda") && arn.resource().startsWith("function:")) {
                    handlers.putIfAbsent(functionName(arn.resource()), e.getValue());
                }
            } else {
                handlers.putIfAbsent("arn:aws:lambda:" + builder.region + ":" + builder.account + ":function:" + key,
                        e.getValue());
            }
        }
        objects.putAll(builder.objects);
        this.engine = new Engine(builder.clock, random, builder.errorHandler, builder.account, builder.region,
                handlers, objects);
        for (String activity : builder.activities) {
            engine.createActivity(activityArn(activity));
        }
        engine.childListener(this::registerChild);
        if (!handlers.containsKey(START_EXECUTION)) {
            handlers.put(START_EXECUTION, in -> startFromTask(in, null, started -> { }));
            handlers.putIfAbsent(START_EXECUTION + ".sync", syncStart(false));
            handlers.putIfAbsent(START_EXECUTION + ".sync:2", syncStart(true));
        }
        this.store = builder.store;
        if (store != null) {
            restore();
        }
    }

    private static String functionName(final String resource) {
        String name = resource.substring("function:".length());
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    /** A builder with the defaults: account {@value #DEFAULT_ACCOUNT}, region {@value #DEFAULT_REGION}, real time. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this engine's settings and handlers, for a variant (machines are not copied). */
    public Builder toBuilder() {
        return settings.copy();
    }

    /** The clock executions run on. */
    public Clock clock() {
        return engine.clock();
    }

    /**
     * Defines a Standard machine with a generated name.
     *
     * @throws StratusException {@code InvalidDefinition} when the definition is not JSON or cannot be compiled
     */
    public StateMachine define(final String definition) {
        return define("StateMachine-" + ids.executionName(), definition, StateMachineType.STANDARD);
    }

    /**
     * Defines a Standard machine.
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     * @throws StratusException {@code InvalidDefinition} when the definition is not JSON or cannot be compiled
     */
    public StateMachine define(final String name, final String definition) {
        return define(name, definition, StateMachineType.STANDARD);
    }

    /**
     * Defines a machine of the given type.
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     * @throws InvalidDefinitionException when AWS would reject the definition, with every finding
     * @throws StratusException {@code InvalidDefinition} when the definition cannot be compiled;
     *     {@code StateMachineAlreadyExists} when the name is taken by a different definition
     */
    public StateMachine define(final String name, final String definition, final StateMachineType type) {
        Ids.checkName("name", name, 80);
        Objects.requireNonNull(definition, "definition");
        Objects.requireNonNull(type, "type");
        JsonNode parsed = DefinitionValidator.requireValid(definition, machineType(type));
        Model.Machine model = AslParser.parse(parsed);
        String arn = "arn:aws:states:" + settings.region + ":" + settings.account + ":stateMachine:" + name;
        StateMachine machine = new StateMachine(name, arn, type, parsed, model);
        StateMachine existing = machines.putIfAbsent(name, machine);
        if (existing != null) {
            if (!existing.definition().equals(parsed) || existing.type() != type) {
                throw new StratusException("StateMachineAlreadyExists", "State Machine Already Exists: '" + arn
                        + "'");
            }
            return existing;
        }
        if (store != null && !restoring) {
            store.append(StoredRecords.machine(name, type.name(), definition));
        }
        return machine;
    }

    /**
     * Defines a Standard machine from a built or parsed {@link Definition}.
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     * @throws StratusException {@code StateMachineAlreadyExists} when the name is taken by a different definition
     */
    public StateMachine define(final String name, final Definition definition) {
        return define(name, definition, StateMachineType.STANDARD);
    }

    /**
     * Defines a machine of the given type from a built or parsed {@link Definition}.
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     * @throws InvalidDefinitionException when the type adds restrictions the definition breaks (an Express
     *     machine cannot run {@code .sync} or {@code .waitForTaskToken} tasks, or a distributed Map)
     * @throws StratusException {@code StateMachineAlreadyExists} when the name is taken by a different definition
     */
    public StateMachine define(final String name, final Definition definition, final StateMachineType type) {
        return define(name, Objects.requireNonNull(definition, "definition").toString(), type);
    }

    // ---------------------------------------------------------------- durable executions

    /**
     * Reads the store back: machines are defined again, Standard executions come back with their histories;
     * RUNNING ones move on from where their history stops once the store receives new events.
     */
    private void restore() {
        store.recoveryReport().ifPresent(report -> engine.errorHandlerOnError(
                new StratusException("JournalTornTail", report)));
        StoredRecords.Contents contents = StoredRecords.read(store.records());
        List<ExecutionRun> toContinue = new ArrayList<>();
        restoring = true;
        try {
            for (StoredRecords.StoredMachine m : contents.machines()) {
                define(m.name(), m.definition(), StateMachineType.valueOf(m.type()));
            }
            for (StoredRecords.StoredExecution stored : contents.executions()) {
                if (stored.machineName().indexOf('/') > 0) {
                    restoreChild(stored).ifPresent(toContinue::add);
                    continue;
                }
                StateMachine machine = machines.get(stored.machineName());
                if (machine == null) {
                    engine.errorHandlerOnError(new StratusException("StateMachineDoesNotExist",
                            "stored execution " + stored.arn() + " names an unknown machine: "
                                    + stored.machineName()));
                    continue;
                }
                ExecutionRun run = ExecutionRun.restore(engine, machine.model(), machine.arn(), machine.name(),
                        stored.arn(), stored.name(), stored.events());
                register(machine, run);
                toContinue.add(run);
            }
        } finally {
            restoring = false;
        }
        engine.sink((run, event) -> store.append(StoredRecords.event(run, event)));
        for (ExecutionRun run : toContinue) {
            run.continueAfterRestore();
        }
    }

    /**
     * A Distributed Map's child execution read back: it goes back to its Map Run in its parent (read before it),
     * so that the parent's Map state does not run it again if it succeeded.
     */
    private Optional<ExecutionRun> restoreChild(final StoredRecords.StoredExecution stored) {
        String machineName = stored.machineName();
        StateMachine parentMachine = machines.get(machineName.substring(0, machineName.indexOf('/')));
        StateMachine childMachine = parentMachine == null ? null
                : parentMachine.mapRunMachine(machineName.substring(machineName.lastIndexOf('/') + 1));
        if (childMachine == null) {
            engine.errorHandlerOnError(new StratusException("StateMachineDoesNotExist", "stored execution "
                    + stored.arn() + " names an unknown machine: " + machineName));
            return Optional.empty();
        }
        ExecutionRun run = ExecutionRun.restore(engine, childMachine.model(), childMachine.arn(), machineName,
                stored.arn(), stored.name(), stored.events());
        Execution parent = run.parentExecutionArn() == null ? null : executions.get(run.parentExecutionArn());
        if (parent == null) {
            engine.errorHandlerOnError(new StratusException("ExecutionDoesNotExist", "stored child execution "
                    + stored.arn() + " names an unknown parent execution: " + run.parentExecutionArn()));
            return Optional.empty();
        }
        register(childMachine, run);
        DistributedMapRun.adoptRestored(parent.run(), DistributedMapRun.find(parentMachine.model(),
                machineName.substring(machineName.lastIndexOf('/') + 1)), run);
        return Optional.of(run);
    }

    /**
     * The {@code states:startExecution} integration: starts {@code StateMachineArn} (a machine of this engine) with
     * {@code Input} (JSON, or a string holding JSON) and the optional {@code Name}. Request-response
     * ({@code sync} null) returns {@code {ExecutionArn, StartDate}}; {@code .sync} waits for the execution and returns
     * DescribeExecution's shape with {@code Input}/{@code Output} as JSON text, {@code .sync:2} ({@code sync} true)
     * as JSON, after reporting the request-response result to {@code submitted} (the TaskSubmitted output). A child
     * that does not succeed fails the task with {@code States.TaskFailed}, the description as cause.
     */
    private java.util.concurrent.CompletionStage<JsonNode> startFromTask(final JsonNode in, final Boolean sync,
            final Consumer<JsonNode> submitted) {
        try {
            String machineArn = in.path("StateMachineArn").asText("");
            String prefix = "arn:aws:states:" + settings.region + ":" + settings.account + ":stateMachine:";
            StateMachine machine = machineArn.startsWith(prefix)
                    ? machines.get(machineArn.substring(prefix.length())) : null;
            if (machine == null) {
                throw new StatesException("StepFunctions.StateMachineDoesNotExistException",
                        "State Machine Does Not Exist: '" + machineArn + "' (Service: AWSStepFunctions; "
                                + "Status Code: 400; Error Code: StateMachineDoesNotExist)");
            }
            JsonNode input = in.path("Input");
            if (input.isMissingNode() || input.isNull()) {
                input = JsonNodeFactory.instance.objectNode();
            } else if (input.isTextual()) {
                try {
                    input = Json.parse(input.asText());
                } catch (JsonProcessingException e) {
                    throw new StatesException("StepFunctions.InvalidExecutionInputException",
                            "Invalid execution input: " + e.getOriginalMessage());
                }
            }
            String name = in.hasNonNull("Name") ? in.get("Name").asText() : ids.executionName();
            Execution child = start(machine, name, input);
            ObjectNode started = JsonNodeFactory.instance.objectNode();
            started.put("ExecutionArn", child.arn());
            started.put("StartDate", child.startDate().toEpochMilli());
            if (sync == null) {
                return CompletableFuture.completedFuture(started);
            }
            submitted.accept(started);
            return child.completion().thenApply(done -> {
                ObjectNode d = syncOutput(done, sync);
                if (done.status() != ExecutionStatus.SUCCEEDED) {
                    throw new StatesException("States.TaskFailed", Json.write(d));
                }
                return d;
            });
        } catch (StratusException e) {
            return CompletableFuture.failedFuture(e instanceof StatesException || e.code().startsWith("States.") ? e
                    : new StatesException("StepFunctions." + e.code() + "Exception", e.getMessage()));
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new StatesException("StepFunctions.InvalidNameException",
                    e.getMessage()));
        }
    }

    private Engine.Invoker syncStart(final boolean parsed) {
        return new Engine.Invoker() {
            @Override
            public java.util.concurrent.CompletionStage<JsonNode> apply(final JsonNode in) {
                return startFromTask(in, parsed, started -> { });
            }

            @Override
            public java.util.concurrent.CompletionStage<JsonNode> apply(final JsonNode in,
                    final Consumer<JsonNode> submitted) {
                return startFromTask(in, parsed, submitted);
            }
        };
    }

    private static ObjectNode syncOutput(final Execution done, final boolean parsed) {
        ObjectNode d = JsonNodeFactory.instance.objectNode();
        d.put("ExecutionArn", done.arn());
        if (parsed) {
            d.set("Input", done.input());
        } else {
            d.put("Input", Json.write(done.input()));
        }
        d.putObject("InputDetails").put("Included", true);
        d.put("Name", done.name());
        done.output().ifPresent(o -> {
            if (parsed) {
                d.set("Output", o);
            } else {
                d.put("Output", Json.write(o));
            }
            d.putObject("OutputDetails").put("Included", true);
        });
        done.error().ifPresent(e -> d.put("Error", e));
        done.cause().ifPresent(c -> d.put("Cause", c));
        ObjectNode described = done.describe();
        if (described.has("redriveCount")) {
            d.put("RedriveCount", described.get("redriveCount").asInt());
            d.put("RedriveStatus", described.get("redriveStatus").asText());
            if (described.has("redriveStatusReason")) {
                d.put("RedriveStatusReason", described.get("redriveStatusReason").asText());
            }
        }
        d.put("StartDate", done.startDate().toEpochMilli());
        d.put("StateMachineArn", done.stateMachine().arn());
        d.put("Status", done.status().name());
        done.stopDate().ifPresent(s -> d.put("StopDate", s.toEpochMilli()));
        return d;
    }

    /** Makes a Standard child execution of a Distributed Map findable by its ARN, like any execution. */
    private void registerChild(final ExecutionRun child) {
        Execution parent = executions.get(child.parentExecutionArn());
        String machineName = child.machineName();
        StateMachine childMachine = parent == null ? null : parent.stateMachine().mapRunMachine(
                machineName.substring(machineName.lastIndexOf('/') + 1));
        if (childMachine == null || childMachine.type() != StateMachineType.STANDARD) {
            return;
        }
        if (executions.containsKey(child.arn())) {
            return;
        }
        register(childMachine, child);
    }

    /** The Standard executions (of every machine) with that status, in no particular order. */
    public List<Execution> executions(final ExecutionStatus status) {
        Objects.requireNonNull(status, "status");
        List<Execution> out = new ArrayList<>();
        for (Execution e : executions.values()) {
            if (e.status() == status) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Validates a definition as ValidateStateMachineDefinition does: every finding at once, each with its
     * JSON-pointer path, AWS's code and message; an empty list means AWS would accept it.
     *
     * @throws NullPointerException if an argument is null
     */
    public List<Finding> validate(final String definition, final StateMachineType type) {
        return DefinitionValidator.validate(definition, machineType(Objects.requireNonNull(type, "type")));
    }

    private static MachineType machineType(final StateMachineType type) {
        return type == StateMachineType.EXPRESS ? MachineType.EXPRESS : MachineType.STANDARD;
    }

    /** The machine of that name, if defined. */
    public Optional<StateMachine> stateMachine(final String name) {
        return Optional.ofNullable(machines.get(Objects.requireNonNull(name, "name")));
    }

    /**
     * Starts an execution with a generated name.
     *
     * @throws StratusException {@code InvalidExecutionInput} for malformed or too deep JSON,
     *     {@code States.DataLimitExceeded} above 256 KiB
     */
    public Execution start(final StateMachine machine, final String input) {
        return start(machine, ids.executionName(), input);
    }

    /**
     * Starts a named execution. It runs on this thread until it finishes or waits (on the clock, a task, a callback).
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     * @throws StratusException {@code InvalidExecutionInput} for malformed or too deep JSON,
     *     {@code States.DataLimitExceeded} above 256 KiB, {@code ExecutionAlreadyExists} for a reused name
     */
    public Execution start(final StateMachine machine, final String name, final String input) {
        Objects.requireNonNull(input, "input");
        JsonNode parsed;
        try {
            parsed = Json.parse(input);
        } catch (JsonProcessingException e) {
            throw new StratusException("InvalidExecutionInput", "Invalid execution input: "
                    + e.getOriginalMessage());
        }
        return start(machine, name, parsed, input);
    }

    /**
     * Starts a named execution with a JSON value (not copied: do not mutate it afterwards).
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     * @throws StratusException {@code InvalidExecutionInput} for input nested deeper than 1,000 levels,
     *     {@code States.DataLimitExceeded} above 256 KiB, {@code ExecutionAlreadyExists} for a reused name
     */
    public Execution start(final StateMachine machine, final String name, final JsonNode input) {
        return start(machine, name, input, null, null, null);
    }

    /**
     * Starts a new execution of a machine at one of its top-level states instead of {@code StartAt} (beyond AWS);
     * the input is that state's input and the execution's. The ExecutionStarted event's details record
     * {@code resumedFrom: {stateName, path}}. To resume inside a Parallel branch or a Map iterator, use
     * {@link #resume(Execution, String, JsonNode)}, which takes the enclosing states' inputs from an execution.
     *
     * @throws StratusException {@code ValidationException} naming {@code stateName} when it is not a top-level
     *     state of the machine; as {@link #start(StateMachine, String, JsonNode)} for a bad input
     */
    public Execution startAt(final StateMachine machine, final String stateName, final JsonNode input) {
        Objects.requireNonNull(machine, "machine");
        Objects.requireNonNull(stateName, "stateName");
        Objects.requireNonNull(input, "input");
        if (!machine.model().states().containsKey(stateName)) {
            List<String> path = ExecutionRun.pathTo(machine.model(), stateName);
            throw new StratusException("ValidationException", path == null ? unknownState(stateName)
                    : "Value '" + stateName + "' at 'stateName' names a state inside '" + path.get(0)
                    + "': resume it from an earlier execution, which gives the enclosing states their inputs");
        }
        ObjectNode from = JsonNodeFactory.instance.objectNode();
        from.put("stateName", stateName);
        from.putArray("path").add(stateName);
        return start(machine, ids.executionName(), input, null,
                new ExecutionRun.ResumePoint(stateName, input, null, null), from);
    }

    /**
     * Starts a new execution of {@code earlier}'s machine that resumes at any of its states (beyond AWS), with
     * {@code input} or, if null, the input that state last had in {@code earlier}. The new execution's input is
     * that state's input; the ExecutionStarted event's details record
     * {@code resumedFrom: {executionArn, stateName, path}} (path: the enclosing Parallel and Map states, outermost
     * first, then the state).
     *
     * <p>A state inside a Parallel branch or a Map iterator: the enclosing states run again with the inputs they had
     * in {@code earlier}. In a Parallel, the branch holding the state resumes at it; every other branch is taken
     * from {@code earlier} as it was if it succeeded there (not re-run, no events), else runs from its start. In a
     * Map, the iterations that succeeded in {@code earlier} are taken as they were; each other iteration resumes at
     * the state (with {@code input} if given, else the input it had there) if it reached it, else runs from its
     * start.
     *
     * @throws StratusException {@code ValidationException} naming {@code stateName} when the machine has no such
     *     state, or when {@code input} is null and the state (or an enclosing one) never ran in {@code earlier},
     *     or when {@code earlier} is still running; as {@link #start(StateMachine, String, JsonNode)} for a bad input
     */
    public Execution resume(final Execution earlier, final String stateName, final JsonNode input) {
        Objects.requireNonNull(earlier, "earlier");
        Objects.requireNonNull(stateName, "stateName");
        if (!earlier.isDone()) {
            throw new StratusException("ValidationException", "Value '" + earlier.arn()
                    + "' at 'earlier' is still RUNNING: resume from a finished execution");
        }
        StateMachine machine = earlier.stateMachine();
        List<String> path = ExecutionRun.pathTo(machine.model(), stateName);
        if (path == null) {
            throw new StratusException("ValidationException", unknownState(stateName));
        }
        ExecutionRun.ResumePoint point = earlier.run().planAt(path, input);
        if (point == null) {
            throw new StratusException("ValidationException", "Value '" + stateName + "' at 'stateName' names a "
                    + "state that never ran in execution " + earlier.arn() + ": give its input");
        }
        JsonNode stateInput = input != null ? input : inputOf(point, path.size());
        ObjectNode from = JsonNodeFactory.instance.objectNode();
        from.put("executionArn", earlier.arn());
        from.put("stateName", stateName);
        var pathNode = from.putArray("path");
        path.forEach(pathNode::add);
        return start(machine, ids.executionName(), stateInput == null ? point.input() : stateInput, null, point,
                from);
    }

    /** The target's recorded input: the first resumed child at each level down the path. */
    private static JsonNode inputOf(final ExecutionRun.ResumePoint point, final int depth) {
        ExecutionRun.ResumePoint p = point;
        for (int level = 1; level < depth; level++) {
            ExecutionRun.ResumePoint next = null;
            for (ExecutionRun.ChildPlan c : p.children()) {
                if (c.resume() != null) {
                    next = c.resume();
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            p = next;
        }
        return p.input();
    }

    private static String unknownState(final String stateName) {
        return "1 validation error detected: Value '" + stateName + "' at 'stateName' failed to satisfy constraint: "
                + "Member must name a state of the state machine";
    }

    private Execution start(final StateMachine machine, final String name, final JsonNode input,
            final String inputText) {
        return start(machine, name, input, inputText, null, null);
    }

    private Execution start(final StateMachine machine, final String name, final JsonNode input,
            final String inputText, final ExecutionRun.ResumePoint point, final ObjectNode resumedFrom) {
        Objects.requireNonNull(machine, "machine");
        Ids.checkName("name", name, 80);
        Objects.requireNonNull(input, "input");
        long size = inputText != null ? Values.utf8Size(inputText) : Values.jsonSize(input, Json.MAX_NESTING_DEPTH);
        if (size < 0) {
            throw new StratusException("InvalidExecutionInput", "Invalid execution input: nested deeper than "
                    + Json.MAX_NESTING_DEPTH + " levels");
        }
        if (size > Values.MAX_PAYLOAD_BYTES) {
            throw new StratusException("States.DataLimitExceeded", "The execution input exceeds the maximum size of "
                    + Values.MAX_PAYLOAD_BYTES + " bytes: inputBytes=" + size);
        }
        ExecutionRun run = machine.type() == StateMachineType.EXPRESS
                ? new ExecutionRun(engine, machine.model(), machine.arn(), machine.name(), ids.requestUuid(), name,
                        input, inputText)
                : new ExecutionRun(engine, machine.model(), machine.arn(), machine.name(), "arn:aws:states:"
                        + settings.region + ":" + settings.account + ":execution:" + machine.name() + ":" + name,
                        name, input, inputText, true);
        if (inputText == null) {
            run.inputBytes(size);
        }
        if (machine.type() == StateMachineType.STANDARD) {
            run.expectHistory(machine.lastHistorySize());
        }
        Execution execution = register(machine, run);
        if (point == null) {
            run.start();
        } else {
            run.startResumed(point, resumedFrom);
        }
        return execution;
    }

    private Execution register(final StateMachine machine, final ExecutionRun run) {
        Execution execution = new Execution(machine, run);
        if (machine.type() == StateMachineType.STANDARD) {
            String arn = run.arn();
            if (executions.putIfAbsent(arn, execution) != null) {
                throw new StratusException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'");
            }
            run.onFinish(() -> {
                machine.lastHistorySize(run.eventCount());
                retire(execution);
            });
            execution.onRedrive = () -> {
                executions.putIfAbsent(arn, execution);
                run.onFinish(() -> retire(execution));
            };
        }
        return execution;
    }

    private void retire(final Execution execution) {
        // the oldest finished executions are forgotten beyond the retention limit, so a long-lived engine is bounded
        String arn = execution.arn();
        if (settings.retainedExecutions == 0) {
            executions.remove(arn, execution);
            return;
        }
        long seq = finishedCount.getAndIncrement();
        execution.retiredAt = seq;
        String oldest = finished.getAndSet((int) (seq % settings.retainedExecutions), arn);
        Execution forgotten = oldest == null ? null : executions.get(oldest);
        // one redriven since then runs again or finished again (a newer slot): it stays
        if (forgotten != null && forgotten.retiredAt == seq - settings.retainedExecutions
                && forgotten.status() != ExecutionStatus.RUNNING) {
            executions.remove(oldest, forgotten);
        }
    }

    /** The Standard execution with that ARN, if any (running, or among the most recent finished ones). */
    public Optional<Execution> execution(final String executionArn) {
        return Optional.ofNullable(executions.get(Objects.requireNonNull(executionArn, "executionArn")));
    }

    /** The Standard executions of a machine, in no particular order. */
    public List<Execution> executions(final StateMachine machine) {
        Objects.requireNonNull(machine, "machine");
        List<Execution> out = new ArrayList<>();
        for (Execution e : executions.values()) {
            if (e.stateMachine().arn().equals(machine.arn())) {
                out.add(e);
            }
        }
        return out;
    }

    /**
     * Completes the callback task (or activity task) holding {@code taskToken} with an output.
     *
     * @throws StratusException {@code TaskDoesNotExist} for an unknown or finished token,
     *     {@code InvalidOutput} for malformed JSON
     */
    public void sendTaskSuccess(final String taskToken, final String output) {
        Objects.requireNonNull(output, "output");
        JsonNode parsed;
        try {
            parsed = Json.parse(output);
        } catch (JsonProcessingException e) {
            throw new StratusException("InvalidOutput", "Invalid output: " + e.getOriginalMessage());
        }
        waiter(taskToken).succeed(parsed);
    }

    /**
     * Fails the callback task (or activity task) holding {@code taskToken}.
     *
     * @throws StratusException {@code TaskDoesNotExist} for an unknown or finished token
     */
    public void sendTaskFailure(final String taskToken, final String error, final String cause) {
        waiter(taskToken).fail(error, cause);
    }

    /**
     * Restarts the heartbeat timeout of the task holding {@code taskToken}.
     *
     * @throws StratusException {@code TaskDoesNotExist} for an unknown or finished token
     */
    public void sendTaskHeartbeat(final String taskToken) {
        waiter(taskToken).heartbeat();
    }

    private Engine.TokenWaiter waiter(final String taskToken) {
        Objects.requireNonNull(taskToken, "taskToken");
        Engine.TokenWaiter waiter = engine.waiter(taskToken);
        if (waiter == null) {
            throw new StratusException("TaskDoesNotExist", "Task Token does not exist or has completed: taskToken="
                    + taskToken);
        }
        return waiter;
    }

    /**
     * Declares an activity and returns its ARN; tasks whose Resource is that ARN wait for a worker.
     *
     * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
     */
    public String createActivity(final String name) {
        Ids.checkName("name", name, 80);
        String arn = activityArn(name);
        engine.createActivity(arn);
        return arn;
    }

    private String activityArn(final String name) {
        return "arn:aws:states:" + settings.region + ":" + settings.account + ":activity:" + name;
    }

    /**
     * Takes the oldest waiting task of an activity (GetActivityTask without the long poll).
     *
     * @throws StratusException {@code ActivityDoesNotExist} for an undeclared activity
     */
    public Optional<ActivityTask> pollActivity(final String activityArn, final String workerName) {
        Objects.requireNonNull(activityArn, "activityArn");
        Objects.requireNonNull(workerName, "workerName");
        if (!engine.hasActivity(activityArn)) {
            throw new StratusException("ActivityDoesNotExist", "Activity does not exist: activityArn="
                    + activityArn);
        }
        Engine.ActivityWork work = engine.pollActivity(activityArn);
        if (work == null) {
            return Optional.empty();
        }
        ExecutionRun.activityStarted(work, workerName);
        return Optional.of(new ActivityTask(work.token(), work.input()));
    }

    /**
     * Runs one state once (the TestState API): no history, no waiting, tasks mocked or run through their handlers.
     *
     * @throws StratusException {@code ValidationException} or {@code InvalidDefinition} as AWS rejects the call
     */
    public TestStateResult testState(final TestStateRequest request) {
        Objects.requireNonNull(request, "request");
        TestStateRun.Result r = TestStateRun.run(engine, request.definition(), request.stateName(), request.input(),
                request.inspectionLevel(), request.mock(), request.context(), request.retrierRetryCount(),
                request.mapIterationFailureCount(), request.variables(), request.hasRoleArn());
        return new TestStateResult(r.status(), r.output(), r.error(), r.cause(), r.nextState(), r.inspectionData());
    }

    /**
     * Stores an object that a Map state's ItemReader ({@code s3:getObject}, {@code s3:listObjectsV2}) can read.
     *
     * @throws IllegalArgumentException if {@code bucket} or {@code key} is empty
     */
    public void putObject(final String bucket, final String key, final String body) {
        checkNotEmpty(bucket, "bucket");
        checkNotEmpty(key, "key");
        objects.put(bucket + "/" + key, Objects.requireNonNull(body, "body"));
    }

    /**
     * An object of the in-memory object store: one put with {@link #putObject}, or one a Map state's ResultWriter
     * ({@code s3:putObject}) wrote.
     *
     * @throws IllegalArgumentException if {@code bucket} or {@code key} is empty
     */
    public Optional<String> object(final String bucket, final String key) {
        checkNotEmpty(bucket, "bucket");
        checkNotEmpty(key, "key");
        return Optional.ofNullable(objects.get(bucket + "/" + key));
    }

    private static void checkNotEmpty(final String value, final String field) {
        Objects.requireNonNull(value, field);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(field + " must not be empty: " + field + "=");
        }
    }

    @Override
    public String toString() {
        return "States[account=" + settings.account + ", region=" + settings.region + ", machines="
                + machines.size() + "]";
    }

    /** Settings for a {@link States}; each setter checks its argument at once, {@link #build()} may be repeated. */
    public static final class Builder {
        private String account = DEFAULT_ACCOUNT;
        private String region = DEFAULT_REGION;
        private Clock clock = Clock.system();
        private RandomSource random;
        private ErrorHandler errorHandler = ErrorHandler.logging();
        private final Map<String, Engine.Invoker> handlers = new LinkedHashMap<>();
        private final Map<String, String> objects = new LinkedHashMap<>();
        private final List<String> activities = new ArrayList<>();
        private int retainedExecutions = DEFAULT_RETAINED_EXECUTIONS;
        private ExecutionStore store;

        private Builder() {
        }

        /**
         * Keeps machine definitions and Standard execution histories in {@code store}; building an engine over a
         * store that has records brings them back (see {@link ExecutionStore}). Default: none (in memory only).
         */
        public Builder store(final ExecutionStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * How many finished Standard executions {@link States#execution(String)} still finds; older ones are
         * forgotten (their {@link Execution} objects stay usable). Default {@value #DEFAULT_RETAINED_EXECUTIONS}.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder retainedExecutions(final int retainedExecutions) {
            if (retainedExecutions < 0) {
                throw new IllegalArgumentException("retainedExecutions must not be negative: retainedExecutions="
                        + retainedExecutions);
            }
            this.retainedExecutions = retainedExecutions;
            return this;
        }

        private Builder copy() {
            Builder b = new Builder();
            b.account = account;
            b.region = region;
            b.clock = clock;
            b.random = random;
            b.errorHandler = errorHandler;
            b.handlers.putAll(handlers);
            b.objects.putAll(objects);
            b.activities.addAll(activities);
            b.retainedExecutions = retainedExecutions;
            b.store = store;
            return b;
        }

        /**
         * The account id in ARNs.
         *
         * @throws IllegalArgumentException if not 12 digits
         */
        public Builder account(final String account) {
            this.account = Checks.account(account);
            return this;
        }

        /**
         * The region in ARNs.
         *
         * @throws IllegalArgumentException if it does not look like {@code us-east-1}
         */
        public Builder region(final String region) {
            this.region = Checks.region(region);
            return this;
        }

        /** The clock for waits, timeouts and retries; a {@link dev.stratus.core.ManualClock} makes runs instant. */
        public Builder clock(final Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The random source for jitter, ids, tokens and {@code States.UUID}. Default: unseeded. */
        public Builder random(final RandomSource random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /** Where handler errors and internal failures go. Default: logging. */
        public Builder errorHandler(final ErrorHandler errorHandler) {
            this.errorHandler = Objects.requireNonNull(errorHandler, "errorHandler");
            return this;
        }

        /**
         * Registers a synchronous task handler under a Lambda function name or ARN (reachable both ways, and via
         * {@code arn:aws:states:::lambda:invoke}) or under an integration ARN such as
         * {@code arn:aws:states:::sns:publish}.
         *
         * @throws IllegalArgumentException if {@code nameOrArn} is empty or a malformed ARN
         */
        public Builder handler(final String nameOrArn, final TaskHandler handler) {
            checkKey(nameOrArn);
            Objects.requireNonNull(handler, "handler");
            handlers.put(nameOrArn, (Engine.SyncInvoker) handler::handle);
            return this;
        }

        /**
         * Registers an asynchronous task handler, as {@link #handler(String, TaskHandler)}.
         *
         * @throws IllegalArgumentException if {@code nameOrArn} is empty or a malformed ARN
         */
        public Builder asyncHandler(final String nameOrArn, final AsyncTaskHandler handler) {
            checkKey(nameOrArn);
            Objects.requireNonNull(handler, "handler");
            handlers.put(nameOrArn, input -> {
                var stage = handler.handle(input);
                if (stage == null) {
                    return CompletableFuture.failedFuture(new NullPointerException(
                            "AsyncTaskHandler returned null: handler=" + nameOrArn));
                }
                return stage;
            });
            return this;
        }

        /**
         * Declares an activity by name, so that Task states can name its ARN.
         *
         * @throws IllegalArgumentException if {@code name} breaks AWS's naming rules
         */
        public Builder activity(final String name) {
            Ids.checkName("name", name, 80);
            activities.add(name);
            return this;
        }

        /**
         * Puts an object into the in-memory object store that Map's ItemReader reads.
         *
         * @throws IllegalArgumentException if {@code bucket} or {@code key} is empty
         */
        public Builder object(final String bucket, final String key, final String body) {
            checkNotEmpty(bucket, "bucket");
            checkNotEmpty(key, "key");
            objects.put(bucket + "/" + key, Objects.requireNonNull(body, "body"));
            return this;
        }

        private static void checkKey(final String nameOrArn) {
            Objects.requireNonNull(nameOrArn, "nameOrArn");
            if (nameOrArn.isEmpty()) {
                throw new IllegalArgumentException("nameOrArn must not be empty: nameOrArn=");
            }
            if (nameOrArn.startsWith("arn:")) {
                Arn.parse(nameOrArn);
            }
        }

        /** Builds a new engine; the builder is left as it was. */
        public States build() {
            return new States(this);
        }
    }
}
