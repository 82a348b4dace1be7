package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.states.internal.jsonata.Payload;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The immutable model of a state machine, compiled once from its ASL definition. */
public final class Model {
    private Model() {
    }

    /** A {@code StartAt} + {@code States} block: the machine itself, a Parallel branch or a Map processor. */
    public static final class Machine {
        private final String startAt;
        private final Map<String, State> states;
        private final Long timeoutSeconds;
        /**
         * The states by name for {@link #state}, in open addressing: every transition looks its next state up, and
         * definition strings are interned, so the name a transition holds is the very key (found by identity).
         */
        private final String[] names;
        private final State[] byName;

        public Machine(final String startAt, final Map<String, State> states, final Long timeoutSeconds) {
            this.startAt = startAt;
            this.states = Collections.unmodifiableMap(new LinkedHashMap<>(states));
            this.timeoutSeconds = timeoutSeconds;
            int capacity = Integer.highestOneBit(Math.max(1, states.size()) * 2) * 2;
            names = new String[capacity];
            byName = new State[capacity];
            states.forEach((name, state) -> {
                int i = name.hashCode() & (capacity - 1);
                while (names[i] != null) {
                    i = (i + 1) & (capacity - 1);
                }
                names[i] = name;
                byName[i] = state;
            });
        }

        public String startAt() {
            return startAt;
        }

        /** The states in definition order. */
        public Map<String, State> states() {
            return states;
        }

        public Long timeoutSeconds() {
            return timeoutSeconds;
        }

        /** The state named {@code name}, or null. */
        public State state(final String name) {
            int mask = names.length - 1;
            for (int i = name.hashCode() & mask; names[i] != null; i = (i + 1) & mask) {
                if (names[i] == name || names[i].equals(name)) {
                    return byName[i];
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "Machine[startAt=" + startAt + ", states=" + states.keySet() + "]";
        }
    }

    /** InputPath and OutputPath; a null path with {@code *Null} set means the field was JSON null. */
    public record Io(JsonPath inputPath, boolean inputNull, JsonPath outputPath, boolean outputNull) {
        static final Io DEFAULT = new Io(null, false, null, false);
    }

    /** ResultPath: {@code discard} for null, else the steps to place the result at (empty for {@code $}). */
    public record ResultPath(List<Object> steps, boolean discard, String text) {
        static final ResultPath ROOT = new ResultPath(List.of(), false, "$");
    }

    /**
     * What a state, Catch entry or Choice rule has beyond JSONPath processing: whether it is in JSONata mode, its
     * JSONata {@code Arguments} and {@code Output}, its {@code Assign} (JSONata or, with {@code .$} keys, JSONPath),
     * and its other JSONata-valued fields by name ({@code Condition}, {@code Items}, {@code Seconds}, ...).
     */
    public record Flow(boolean jsonata, Payload arguments, Payload output, Payload assign, Template assignPath,
            Map<String, Payload> fields) {
        /** A JSONPath state without Assign. */
        public static final Flow JSONPATH = new Flow(false, null, null, null, null, Map.of());

        public Flow {
            fields = Map.copyOf(fields);
        }

        /** A JSONata-valued field, or null. */
        public Payload field(final String name) {
            // most states have none; an empty immutable map still hashes and probes
            return fields.isEmpty() ? null : fields.get(name);
        }

        /** Whether there is an {@code Assign}. */
        public boolean assigns() {
            return assign != null || assignPath != null;
        }
    }

    /** Next or End. */
    public record Transition(String next, boolean end) {
    }

    /** One Retry entry. */
    public record Retrier(List<String> errorEquals, double intervalSeconds, int maxAttempts, double backoffRate,
            Long maxDelaySeconds, boolean fullJitter) {
        public Retrier {
            errorEquals = List.copyOf(errorEquals);
        }
    }

    /** One Catch entry. */
    public record Catcher(List<String> errorEquals, String next, ResultPath resultPath, Flow flow) {
        public Catcher {
            errorEquals = List.copyOf(errorEquals);
        }
    }

    /** A number given literally or by a reference path. */
    public record NumberSpec(Long value, JsonPath path, Double decimal) {
    }

    /** One of the eight state types. */
    public sealed interface State permits Pass, Task, Choice, Wait, Succeed, Fail, Parallel, MapState {
        String name();

        /** The AWS type name, as in event types ({@code PassStateEntered}). */
        String type();

        /** JSONata mode, Assign and JSONata-valued fields. */
        Flow flow();
    }

    /** A Pass state. */
    public record Pass(String name, Io io, Template parameters, JsonNode result, ResultPath resultPath,
            Transition transition, Flow flow) implements State {
        @Override
        public String type() {
            return "Pass";
        }
    }

    /** A Task state. */
    public record Task(String name, Io io, Template parameters, Template resultSelector, ResultPath resultPath,
            String resource, NumberSpec timeoutSeconds, NumberSpec heartbeatSeconds, List<Retrier> retriers,
            List<Catcher> catchers, Transition transition, Flow flow, boolean callback) implements State {
        /** A Task; {@code callback} (a task token or an activity worker completes it) follows from the resource. */
        public Task(final String name, final Io io, final Template parameters, final Template resultSelector,
                final ResultPath resultPath, final String resource, final NumberSpec timeoutSeconds,
                final NumberSpec heartbeatSeconds, final List<Retrier> retriers, final List<Catcher> catchers,
                final Transition transition, final Flow flow) {
            this(name, io, parameters, resultSelector, resultPath, resource, timeoutSeconds, heartbeatSeconds,
                    retriers, catchers, transition, flow,
                    resource.endsWith(".waitForTaskToken") || resource.contains(":activity:"));
        }

        @Override
        public String type() {
            return "Task";
        }
    }

    /** A Choice branch: a rule and where it goes. */
    public record ChoiceBranch(ChoiceRule rule, String next, Flow flow) {
    }

    /** A Choice state. */
    public record Choice(String name, Io io, List<ChoiceBranch> choices, String defaultNext, Flow flow)
            implements State {
        @Override
        public String type() {
            return "Choice";
        }
    }

    /** A Wait state: exactly one of the four forms is set. */
    public record Wait(String name, Io io, Long seconds, JsonPath secondsPath, String timestamp,
            JsonPath timestampPath, Transition transition, Flow flow) implements State {
        @Override
        public String type() {
            return "Wait";
        }
    }

    /** A Succeed state. */
    public record Succeed(String name, Io io, Flow flow) implements State {
        @Override
        public String type() {
            return "Succeed";
        }
    }

    /** A Fail state; the path forms take a path or an intrinsic. */
    public record Fail(String name, String error, String cause, Object errorPath, Object causePath, Flow flow)
            implements State {
        @Override
        public String type() {
            return "Fail";
        }
    }

    /** A Parallel state. */
    public record Parallel(String name, Io io, Template parameters, Template resultSelector, ResultPath resultPath,
            List<Machine> branches, List<Retrier> retriers, List<Catcher> catchers, Transition transition,
            Flow flow) implements State {
        @Override
        public String type() {
            return "Parallel";
        }
    }

    /** Map's ItemReader. */
    public record ItemReader(String resource, Template parameters, String inputType, String csvHeaderLocation,
            List<String> csvHeaders, String csvDelimiter, NumberSpec maxItems) {
    }

    /** Map's ItemBatcher. */
    public record ItemBatcher(NumberSpec maxItemsPerBatch, NumberSpec maxInputBytesPerBatch, Template batchInput) {
    }

    /**
     * Map's ResultWriter: {@code resource} null when only a WriterConfig is given; {@code outputType} JSON or JSONL,
     * {@code transformation} NONE, COMPACT or FLATTEN.
     */
    public record ResultWriter(String resource, Template parameters, String outputType, String transformation) {
    }

    /**
     * A Map state, inline or distributed ({@code expressChildren}: a distributed Map's ExecutionType is EXPRESS).
     */
    public record MapState(String name, Io io, JsonPath itemsPath, Template itemSelector, Template resultSelector,
            ResultPath resultPath, Machine processor, boolean distributed, boolean expressChildren,
            NumberSpec maxConcurrency, NumberSpec toleratedFailureCount, NumberSpec toleratedFailurePercentage,
            ItemReader itemReader, ItemBatcher itemBatcher, String label, ResultWriter resultWriter,
            List<Retrier> retriers, List<Catcher> catchers, Transition transition, Flow flow) implements State {
        @Override
        public String type() {
            return "Map";
        }
    }
}
