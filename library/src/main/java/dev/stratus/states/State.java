package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.util.Objects;

/**
 * One state of a {@link Definition}, built fluently; the static factories here start each state type, and each type
 * offers exactly the ASL fields AWS allows on it, in both query languages. Import them statically:
 *
 * <pre>{@code
 * import static dev.stratus.states.State.*;
 *
 * Definition.builder()
 *         .startAt("Charge")
 *         .state("Charge", task("arn:aws:lambda:us-east-1:111111111111:function:charge")
 *                 .retry(retrier("States.TaskFailed").intervalSeconds(2).maxAttempts(3).backoffRate(2.0))
 *                 .catchError(catcher("States.ALL").resultPath("$.error").next("Refund"))
 *                 .next("Ship"))
 *         ...
 * }</pre>
 *
 * <p>Setters copy their values and only reject nulls; whether the values make sense is checked with the rest of the
 * definition on {@link Definition.Builder#build()}, with AWS's findings. Fields a setter takes as JSON text also take a
 * JSONata expression {@code "{% ... %}"} as it is written in ASL. {@link #field(String, JsonNode)} sets any field.
 *
 * @param <S> the state type, returned by every setter
 */
public abstract class State<S extends State<S>> extends JsonBuilder<S> {

    State(final String type) {
        json.put("Type", type);
    }

    /** Sets {@code Comment}. @throws NullPointerException if {@code comment} is null */
    public S comment(final String comment) {
        return text("Comment", comment);
    }

    /** Sets {@code QueryLanguage}, overriding the machine's. @throws NullPointerException if the argument is null */
    public S queryLanguage(final Definition.QueryLanguage queryLanguage) {
        return text("QueryLanguage", Objects.requireNonNull(queryLanguage, "queryLanguage").aslName());
    }

    // ---------------------------------------------------------------- factories

    /** A {@code Pass} state. */
    public static Pass pass() {
        return new Pass();
    }

    /** A {@code Task} state calling {@code resource}. @throws NullPointerException if {@code resource} is null */
    public static Task task(final String resource) {
        return new Task().resource(resource);
    }

    /** A {@code Choice} state; add rules with {@link Choice#when(ChoiceRule, String)}. */
    public static Choice choice() {
        return new Choice();
    }

    /** A {@code Wait} state of {@code Seconds}. */
    public static Wait waitSeconds(final long seconds) {
        return new Wait().seconds(seconds);
    }

    /** A {@code Wait} state whose {@code Seconds} is a JSONata expression. @throws NullPointerException if null */
    public static Wait waitSeconds(final String expression) {
        return new Wait().seconds(expression);
    }

    /** A {@code Wait} state of {@code SecondsPath}. @throws NullPointerException if {@code path} is null */
    public static Wait waitSecondsPath(final String path) {
        return new Wait().secondsPath(path);
    }

    /**
     * A {@code Wait} state until {@code Timestamp} (ISO 8601, or a JSONata expression).
     *
     * @throws NullPointerException if {@code timestamp} is null
     */
    public static Wait waitUntil(final String timestamp) {
        return new Wait().timestamp(timestamp);
    }

    /** A {@code Wait} state until {@code TimestampPath}. @throws NullPointerException if {@code path} is null */
    public static Wait waitUntilPath(final String path) {
        return new Wait().timestampPath(path);
    }

    /** A {@code Succeed} state. */
    public static Succeed succeed() {
        return new Succeed();
    }

    /** A {@code Fail} state; give it {@link Fail#error(String)} and {@link Fail#cause(String)}. */
    public static Fail fail() {
        return new Fail();
    }

    /** A {@code Fail} state with {@code Error} and {@code Cause}. @throws NullPointerException if one is null */
    public static Fail fail(final String error, final String cause) {
        return new Fail().error(error).cause(cause);
    }

    /**
     * A {@code Parallel} state running these branches, each a {@code StartAt} and {@code States} block.
     *
     * @throws NullPointerException if a branch is null
     */
    public static Parallel parallel(final Definition.Builder... branches) {
        Parallel parallel = new Parallel();
        for (Definition.Builder branch : branches) {
            parallel.branch(branch);
        }
        return parallel;
    }

    /** A {@code Map} state; give it an {@link Map#itemProcessor(Definition.Builder)}. */
    public static Map map() {
        return new Map();
    }

    /** A {@code Retry} entry for these error names. @throws NullPointerException if a name is null */
    public static Retrier retrier(final String... errorEquals) {
        return new Retrier().errorEquals(errorEquals);
    }

    /** A {@code Catch} entry for these error names. @throws NullPointerException if a name is null */
    public static Catcher catcher(final String... errorEquals) {
        return new Catcher().errorEquals(errorEquals);
    }

    /** A Map's {@code ItemReader} reading with {@code resource}. @throws NullPointerException if it is null */
    public static ItemReader itemReader(final String resource) {
        return new ItemReader().resource(resource);
    }

    /** A Map's {@code ItemBatcher}. */
    public static ItemBatcher itemBatcher() {
        return new ItemBatcher();
    }

    /** A Map's {@code ResultWriter} writing with {@code resource}. @throws NullPointerException if it is null */
    public static ResultWriter resultWriter(final String resource) {
        return new ResultWriter().resource(resource);
    }

    static ArrayNode strings(final String field, final String... values) {
        Objects.requireNonNull(values, field);
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (String value : values) {
            array.add(Objects.requireNonNull(value, field));
        }
        return array;
    }

    /** The array in {@code field}, created (or replacing a value that is not an array) if need be. */
    static ArrayNode array(final ObjectNode json, final String field) {
        JsonNode existing = json.get(field);
        return existing instanceof ArrayNode ? (ArrayNode) existing : json.putArray(field);
    }

    // ---------------------------------------------------------------- shared field groups

    /**
     * The fields of every state but Fail: {@code InputPath}, {@code OutputPath}, JSONata {@code Output}.
     *
     * @param <S> the state type
     */
    abstract static class Io<S extends Io<S>> extends State<S> {
        Io(final String type) {
            super(type);
        }

        /** Sets {@code InputPath}; null selects no input ({@code {}}), as in ASL. */
        public S inputPath(final String inputPath) {
            return path("InputPath", inputPath);
        }

        /** Sets {@code OutputPath}; null sends no output ({@code {}}), as in ASL. */
        public S outputPath(final String outputPath) {
            return path("OutputPath", outputPath);
        }

        /** Sets JSONata {@code Output}. @throws NullPointerException if {@code output} is null */
        public S output(final JsonNode output) {
            return json("Output", output);
        }

        /**
         * Sets JSONata {@code Output} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code output} is null
         */
        public S output(final String output) {
            return json("Output", output);
        }
    }

    /**
     * States that move on: {@code Next} or {@code End}, and {@code Assign}.
     *
     * @param <S> the state type
     */
    abstract static class Flowing<S extends Flowing<S>> extends Io<S> {
        Flowing(final String type) {
            super(type);
        }

        /** Sets {@code Next}, the state after this one. @throws NullPointerException if {@code next} is null */
        public S next(final String next) {
            return text("Next", next);
        }

        /** Sets {@code End: true}: the machine (or branch) ends after this state. */
        public S end() {
            return set("End", BooleanNode.TRUE);
        }

        /** Sets {@code Assign}, the variables this state sets. @throws NullPointerException if null */
        public S assign(final JsonNode assign) {
            return json("Assign", assign);
        }

        /**
         * Sets {@code Assign} from JSON text (or a JSONata expression).
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code assign} is null
         */
        public S assign(final String assign) {
            return json("Assign", assign);
        }
    }

    /**
     * States that shape their result: {@code Parameters} and {@code ResultPath}.
     *
     * @param <S> the state type
     */
    abstract static class Shaping<S extends Shaping<S>> extends Flowing<S> {
        Shaping(final String type) {
            super(type);
        }

        /** Sets {@code Parameters}, the JSONPath payload template. @throws NullPointerException if null */
        public S parameters(final JsonNode parameters) {
            return json("Parameters", parameters);
        }

        /**
         * Sets {@code Parameters} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code parameters} is null
         */
        public S parameters(final String parameters) {
            return json("Parameters", parameters);
        }

        /** Sets {@code ResultPath}; null discards the result and keeps the input, as in ASL. */
        public S resultPath(final String resultPath) {
            return path("ResultPath", resultPath);
        }
    }

    /**
     * States that can fail and recover: {@code ResultSelector}, {@code Retry} and {@code Catch}.
     *
     * @param <S> the state type
     */
    abstract static class Fallible<S extends Fallible<S>> extends Shaping<S> {
        Fallible(final String type) {
            super(type);
        }

        /** Sets {@code ResultSelector}. @throws NullPointerException if {@code resultSelector} is null */
        public S resultSelector(final JsonNode resultSelector) {
            return json("ResultSelector", resultSelector);
        }

        /**
         * Sets {@code ResultSelector} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code resultSelector} is null
         */
        public S resultSelector(final String resultSelector) {
            return json("ResultSelector", resultSelector);
        }

        /**
         * Appends {@code Retry} entries (copies), tried in order; with none, writes an empty {@code Retry}.
         *
         * @throws NullPointerException if a retrier is null
         */
        public S retry(final Retrier... retriers) {
            ArrayNode array = array(json, "Retry");
            for (Retrier retrier : Objects.requireNonNull(retriers, "retriers")) {
                array.add(Objects.requireNonNull(retrier, "retrier").toJson());
            }
            return set("Retry", array);
        }

        /**
         * Appends {@code Catch} entries (copies), tried in order; with none, writes an empty {@code Catch}.
         *
         * @throws NullPointerException if a catcher is null
         */
        public S catchError(final Catcher... catchers) {
            ArrayNode array = array(json, "Catch");
            for (Catcher catcher : Objects.requireNonNull(catchers, "catchers")) {
                array.add(Objects.requireNonNull(catcher, "catcher").toJson());
            }
            return set("Catch", array);
        }
    }

    // ---------------------------------------------------------------- state types

    /** A {@code Pass} state: passes its input on, or a fixed {@code Result}. */
    public static final class Pass extends Shaping<Pass> {
        Pass() {
            super("Pass");
        }

        /** Sets {@code Result}. @throws NullPointerException if {@code result} is null */
        public Pass result(final JsonNode result) {
            return json("Result", result);
        }

        /**
         * Sets {@code Result} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code result} is null
         */
        public Pass result(final String result) {
            return json("Result", result);
        }
    }

    /** A {@code Task} state: calls a resource (a Lambda function, an activity, a service integration). */
    public static final class Task extends Fallible<Task> {
        Task() {
            super("Task");
        }

        /** Sets {@code Resource}. @throws NullPointerException if {@code resource} is null */
        public Task resource(final String resource) {
            return text("Resource", resource);
        }

        /** Sets JSONata {@code Arguments}. @throws NullPointerException if {@code arguments} is null */
        public Task arguments(final JsonNode arguments) {
            return json("Arguments", arguments);
        }

        /**
         * Sets JSONata {@code Arguments} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code arguments} is null
         */
        public Task arguments(final String arguments) {
            return json("Arguments", arguments);
        }

        /** Sets {@code TimeoutSeconds}. */
        public Task timeoutSeconds(final long timeoutSeconds) {
            return number("TimeoutSeconds", timeoutSeconds);
        }

        /** Sets {@code TimeoutSeconds} to a JSONata expression. @throws NullPointerException if it is null */
        public Task timeoutSeconds(final String expression) {
            return text("TimeoutSeconds", expression);
        }

        /** Sets {@code TimeoutSecondsPath}. @throws NullPointerException if {@code path} is null */
        public Task timeoutSecondsPath(final String path) {
            return text("TimeoutSecondsPath", path);
        }

        /** Sets {@code HeartbeatSeconds}. */
        public Task heartbeatSeconds(final long heartbeatSeconds) {
            return number("HeartbeatSeconds", heartbeatSeconds);
        }

        /** Sets {@code HeartbeatSeconds} to a JSONata expression. @throws NullPointerException if it is null */
        public Task heartbeatSeconds(final String expression) {
            return text("HeartbeatSeconds", expression);
        }

        /** Sets {@code HeartbeatSecondsPath}. @throws NullPointerException if {@code path} is null */
        public Task heartbeatSecondsPath(final String path) {
            return text("HeartbeatSecondsPath", path);
        }

        /** Sets {@code Credentials}, e.g. {@code {"RoleArn": "..."}}. @throws NullPointerException if null */
        public Task credentials(final JsonNode credentials) {
            return json("Credentials", credentials);
        }

        /**
         * Sets {@code Credentials} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code credentials} is null
         */
        public Task credentials(final String credentials) {
            return json("Credentials", credentials);
        }
    }

    /** A {@code Choice} state: the first matching rule picks the next state, else {@code Default}. */
    public static final class Choice extends Io<Choice> {
        Choice() {
            super("Choice");
        }

        /**
         * Appends a rule to {@code Choices}: when it matches, go to {@code next}.
         *
         * @throws NullPointerException if an argument is null
         */
        public Choice when(final ChoiceRule rule, final String next) {
            Objects.requireNonNull(rule, "rule");
            ObjectNode entry = rule.toJson();
            entry.put("Next", Objects.requireNonNull(next, "next"));
            array(json, "Choices").add(entry);
            return this;
        }

        /** Sets {@code Default}, the state when no rule matches. @throws NullPointerException if it is null */
        public Choice otherwise(final String defaultState) {
            return text("Default", defaultState);
        }

        /** Sets {@code Assign}. @throws NullPointerException if {@code assign} is null */
        public Choice assign(final JsonNode assign) {
            return json("Assign", assign);
        }

        /**
         * Sets {@code Assign} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code assign} is null
         */
        public Choice assign(final String assign) {
            return json("Assign", assign);
        }
    }

    /** A {@code Wait} state: for some seconds or until a timestamp, each fixed or read from the input. */
    public static final class Wait extends Flowing<Wait> {
        Wait() {
            super("Wait");
        }

        /** Sets {@code Seconds}. */
        public Wait seconds(final long seconds) {
            return number("Seconds", seconds);
        }

        /** Sets {@code Seconds} to a JSONata expression. @throws NullPointerException if it is null */
        public Wait seconds(final String expression) {
            return text("Seconds", expression);
        }

        /** Sets {@code SecondsPath}. @throws NullPointerException if {@code path} is null */
        public Wait secondsPath(final String path) {
            return text("SecondsPath", path);
        }

        /** Sets {@code Timestamp}. @throws NullPointerException if {@code timestamp} is null */
        public Wait timestamp(final String timestamp) {
            return text("Timestamp", timestamp);
        }

        /** Sets {@code TimestampPath}. @throws NullPointerException if {@code path} is null */
        public Wait timestampPath(final String path) {
            return text("TimestampPath", path);
        }
    }

    /** A {@code Succeed} state: ends the machine (or branch) successfully. */
    public static final class Succeed extends Io<Succeed> {
        Succeed() {
            super("Succeed");
        }
    }

    /** A {@code Fail} state: ends the execution with an error and cause, fixed or read from the input. */
    public static final class Fail extends State<Fail> {
        Fail() {
            super("Fail");
        }

        /** Sets {@code Error} (or a JSONata expression). @throws NullPointerException if {@code error} is null */
        public Fail error(final String error) {
            return text("Error", error);
        }

        /** Sets {@code ErrorPath}. @throws NullPointerException if {@code path} is null */
        public Fail errorPath(final String path) {
            return text("ErrorPath", path);
        }

        /** Sets {@code Cause} (or a JSONata expression). @throws NullPointerException if {@code cause} is null */
        public Fail cause(final String cause) {
            return text("Cause", cause);
        }

        /** Sets {@code CausePath}. @throws NullPointerException if {@code path} is null */
        public Fail causePath(final String path) {
            return text("CausePath", path);
        }
    }

    /** A {@code Parallel} state: runs its branches on the same input and collects their outputs in order. */
    public static final class Parallel extends Fallible<Parallel> {
        Parallel() {
            super("Parallel");
        }

        /**
         * Appends a branch to {@code Branches}: the branch's {@code StartAt}, {@code States} (and {@code Comment},
         * {@code QueryLanguage}) as they are now.
         *
         * @throws NullPointerException if {@code branch} is null
         */
        public Parallel branch(final Definition.Builder branch) {
            array(json, "Branches").add(Objects.requireNonNull(branch, "branch").toJson());
            return this;
        }

        /** Sets JSONata {@code Arguments}. @throws NullPointerException if {@code arguments} is null */
        public Parallel arguments(final JsonNode arguments) {
            return json("Arguments", arguments);
        }

        /**
         * Sets JSONata {@code Arguments} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code arguments} is null
         */
        public Parallel arguments(final String arguments) {
            return json("Arguments", arguments);
        }
    }

    /** A {@code Map} state: runs its item processor on every item, inline or as a distributed Map Run. */
    public static final class Map extends Fallible<Map> {
        Map() {
            super("Map");
        }

        /**
         * Sets {@code ItemProcessor} to the processor's {@code StartAt} and {@code States} as they are now, keeping
         * a {@link #processorConfig(String, String)} given before unless the processor has its own.
         *
         * @throws NullPointerException if {@code processor} is null
         */
        public Map itemProcessor(final Definition.Builder processor) {
            return processor("ItemProcessor", Objects.requireNonNull(processor, "processor"));
        }

        /**
         * Sets the legacy {@code Iterator} (the older name of {@code ItemProcessor}).
         *
         * @throws NullPointerException if {@code iterator} is null
         */
        public Map iterator(final Definition.Builder iterator) {
            return processor("Iterator", Objects.requireNonNull(iterator, "iterator"));
        }

        private Map processor(final String field, final Definition.Builder processor) {
            ObjectNode block = processor.toJson();
            JsonNode config = json.path(field).get("ProcessorConfig");
            if (config != null && !block.has("ProcessorConfig")) {
                block.set("ProcessorConfig", config);
            }
            return set(field, block);
        }

        /**
         * Sets the processor's {@code ProcessorConfig}: {@code Mode} {@code INLINE} or {@code DISTRIBUTED} and, for
         * a distributed Map, the children's {@code ExecutionType} {@code STANDARD} or {@code EXPRESS}; a null leaves
         * that field out. It goes into {@code ItemProcessor} (or the legacy {@code Iterator} when only that is set).
         */
        public Map processorConfig(final String mode, final String executionType) {
            ObjectNode config = Json.MAPPER.createObjectNode();
            if (mode != null) {
                config.put("Mode", mode);
            }
            if (executionType != null) {
                config.put("ExecutionType", executionType);
            }
            String field = !json.has("ItemProcessor") && json.path("Iterator").isObject() ? "Iterator"
                    : "ItemProcessor";
            JsonNode block = json.get(field);
            (block instanceof ObjectNode ? (ObjectNode) block : json.putObject(field)).set("ProcessorConfig", config);
            return this;
        }

        /** Sets {@code ItemsPath}, where the items are in the input. */
        public Map itemsPath(final String itemsPath) {
            return path("ItemsPath", itemsPath);
        }

        /** Sets JSONata {@code Items}. @throws NullPointerException if {@code items} is null */
        public Map items(final JsonNode items) {
            return json("Items", items);
        }

        /**
         * Sets JSONata {@code Items} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code items} is null
         */
        public Map items(final String items) {
            return json("Items", items);
        }

        /** Sets {@code ItemSelector}, the template of each item's input. @throws NullPointerException if null */
        public Map itemSelector(final JsonNode itemSelector) {
            return json("ItemSelector", itemSelector);
        }

        /**
         * Sets {@code ItemSelector} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code itemSelector} is null
         */
        public Map itemSelector(final String itemSelector) {
            return json("ItemSelector", itemSelector);
        }

        /** Sets {@code ItemReader} (a copy). @throws NullPointerException if {@code itemReader} is null */
        public Map itemReader(final ItemReader itemReader) {
            return set("ItemReader", Objects.requireNonNull(itemReader, "itemReader").toJson());
        }

        /** Sets {@code ItemBatcher} (a copy). @throws NullPointerException if {@code itemBatcher} is null */
        public Map itemBatcher(final ItemBatcher itemBatcher) {
            return set("ItemBatcher", Objects.requireNonNull(itemBatcher, "itemBatcher").toJson());
        }

        /** Sets {@code ResultWriter} (a copy). @throws NullPointerException if {@code resultWriter} is null */
        public Map resultWriter(final ResultWriter resultWriter) {
            return set("ResultWriter", Objects.requireNonNull(resultWriter, "resultWriter").toJson());
        }

        /** Sets {@code Label}, the Map Run's name prefix. @throws NullPointerException if {@code label} is null */
        public Map label(final String label) {
            return text("Label", label);
        }

        /** Sets {@code MaxConcurrency}; 0 means no limit. */
        public Map maxConcurrency(final long maxConcurrency) {
            return number("MaxConcurrency", maxConcurrency);
        }

        /** Sets {@code MaxConcurrency} to a JSONata expression. @throws NullPointerException if it is null */
        public Map maxConcurrency(final String expression) {
            return text("MaxConcurrency", expression);
        }

        /** Sets {@code MaxConcurrencyPath}. @throws NullPointerException if {@code path} is null */
        public Map maxConcurrencyPath(final String path) {
            return text("MaxConcurrencyPath", path);
        }

        /** Sets {@code ToleratedFailureCount}. */
        public Map toleratedFailureCount(final long count) {
            return number("ToleratedFailureCount", count);
        }

        /** Sets {@code ToleratedFailureCount} to a JSONata expression. @throws NullPointerException if null */
        public Map toleratedFailureCount(final String expression) {
            return text("ToleratedFailureCount", expression);
        }

        /** Sets {@code ToleratedFailureCountPath}. @throws NullPointerException if {@code path} is null */
        public Map toleratedFailureCountPath(final String path) {
            return text("ToleratedFailureCountPath", path);
        }

        /** Sets {@code ToleratedFailurePercentage}. */
        public Map toleratedFailurePercentage(final double percentage) {
            return number("ToleratedFailurePercentage", percentage);
        }

        /** Sets {@code ToleratedFailurePercentage} to a JSONata expression. @throws NullPointerException if null */
        public Map toleratedFailurePercentage(final String expression) {
            return text("ToleratedFailurePercentage", expression);
        }

        /** Sets {@code ToleratedFailurePercentagePath}. @throws NullPointerException if {@code path} is null */
        public Map toleratedFailurePercentagePath(final String path) {
            return text("ToleratedFailurePercentagePath", path);
        }
    }

    // ---------------------------------------------------------------- parts of states

    /** One {@code Retry} entry: which errors to retry, how often and how far apart. */
    public static final class Retrier extends JsonBuilder<Retrier> {
        Retrier() {
        }

        /** Sets {@code ErrorEquals}. @throws NullPointerException if a name is null */
        public Retrier errorEquals(final String... errorEquals) {
            return set("ErrorEquals", strings("errorEquals", errorEquals));
        }

        /** Sets {@code IntervalSeconds}, the first delay (AWS's default 1). */
        public Retrier intervalSeconds(final long intervalSeconds) {
            return number("IntervalSeconds", intervalSeconds);
        }

        /** Sets {@code MaxAttempts} (AWS's default 3; 0 never retries). */
        public Retrier maxAttempts(final long maxAttempts) {
            return number("MaxAttempts", maxAttempts);
        }

        /** Sets {@code BackoffRate}, the delay's multiplier (AWS's default 2.0). */
        public Retrier backoffRate(final double backoffRate) {
            return number("BackoffRate", backoffRate);
        }

        /** Sets {@code MaxDelaySeconds}, the cap on a delay. */
        public Retrier maxDelaySeconds(final long maxDelaySeconds) {
            return number("MaxDelaySeconds", maxDelaySeconds);
        }

        /** Sets {@code JitterStrategy}: {@code FULL} or {@code NONE}. @throws NullPointerException if null */
        public Retrier jitterStrategy(final String jitterStrategy) {
            return text("JitterStrategy", jitterStrategy);
        }

        /** Sets {@code Comment}. @throws NullPointerException if {@code comment} is null */
        public Retrier comment(final String comment) {
            return text("Comment", comment);
        }
    }

    /** One {@code Catch} entry: which errors to catch and where to go with the error output. */
    public static final class Catcher extends JsonBuilder<Catcher> {
        Catcher() {
        }

        /** Sets {@code ErrorEquals}. @throws NullPointerException if a name is null */
        public Catcher errorEquals(final String... errorEquals) {
            return set("ErrorEquals", strings("errorEquals", errorEquals));
        }

        /** Sets {@code Next}, the state that handles the error. @throws NullPointerException if it is null */
        public Catcher next(final String next) {
            return text("Next", next);
        }

        /** Sets {@code ResultPath}, where the error output goes; null discards it. */
        public Catcher resultPath(final String resultPath) {
            return path("ResultPath", resultPath);
        }

        /** Sets JSONata {@code Output}. @throws NullPointerException if {@code output} is null */
        public Catcher output(final JsonNode output) {
            return json("Output", output);
        }

        /**
         * Sets JSONata {@code Output} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code output} is null
         */
        public Catcher output(final String output) {
            return json("Output", output);
        }

        /** Sets {@code Assign}. @throws NullPointerException if {@code assign} is null */
        public Catcher assign(final JsonNode assign) {
            return json("Assign", assign);
        }

        /**
         * Sets {@code Assign} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code assign} is null
         */
        public Catcher assign(final String assign) {
            return json("Assign", assign);
        }

        /** Sets {@code Comment}. @throws NullPointerException if {@code comment} is null */
        public Catcher comment(final String comment) {
            return text("Comment", comment);
        }
    }

    /**
     * The shared fields of a Map's {@code ItemReader} and {@code ResultWriter}: {@code Resource},
     * {@code Parameters}, JSONata {@code Arguments}.
     *
     * @param <S> the part type
     */
    abstract static class Resourced<S extends Resourced<S>> extends JsonBuilder<S> {
        Resourced() {
        }

        /** Sets {@code Resource}. @throws NullPointerException if {@code resource} is null */
        public S resource(final String resource) {
            return text("Resource", resource);
        }

        /** Sets {@code Parameters}. @throws NullPointerException if {@code parameters} is null */
        public S parameters(final JsonNode parameters) {
            return json("Parameters", parameters);
        }

        /**
         * Sets {@code Parameters} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code parameters} is null
         */
        public S parameters(final String parameters) {
            return json("Parameters", parameters);
        }

        /** Sets JSONata {@code Arguments}. @throws NullPointerException if {@code arguments} is null */
        public S arguments(final JsonNode arguments) {
            return json("Arguments", arguments);
        }

        /**
         * Sets JSONata {@code Arguments} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code arguments} is null
         */
        public S arguments(final String arguments) {
            return json("Arguments", arguments);
        }
    }

    /** A Map's {@code ItemReader}: where a distributed Map reads its items (an S3 object, listing, manifest). */
    public static final class ItemReader extends Resourced<ItemReader> {
        ItemReader() {
        }

        /** Sets {@code ReaderConfig}, e.g. {@code InputType}. @throws NullPointerException if it is null */
        public ItemReader readerConfig(final JsonNode readerConfig) {
            return json("ReaderConfig", readerConfig);
        }

        /**
         * Sets {@code ReaderConfig} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code readerConfig} is null
         */
        public ItemReader readerConfig(final String readerConfig) {
            return json("ReaderConfig", readerConfig);
        }
    }

    /** A Map's {@code ResultWriter}: where a distributed Map writes its children's results. */
    public static final class ResultWriter extends Resourced<ResultWriter> {
        ResultWriter() {
        }

        /** Sets {@code WriterConfig}, e.g. {@code OutputType}. @throws NullPointerException if it is null */
        public ResultWriter writerConfig(final JsonNode writerConfig) {
            return json("WriterConfig", writerConfig);
        }

        /**
         * Sets {@code WriterConfig} from JSON text.
         *
         * @throws IllegalArgumentException if the text is not JSON
         * @throws NullPointerException if {@code writerConfig} is null
         */
        public ResultWriter writerConfig(final String writerConfig) {
            return json("WriterConfig", writerConfig);
        }
    }

    /** A Map's {@code ItemBatcher}: groups items into batches, each processed by one child. */
    public static final class ItemBatcher extends JsonBuilder<ItemBatcher> {
        ItemBatcher() {
        }

        /** Sets {@code MaxItemsPerBatch}. */
        public ItemBatcher maxItemsPerBatch(final long maxItems) {
            return number("MaxItemsPerBatch", maxItems);
        }

        /** Sets {@code MaxItemsPerBatch} to a JSONata expression. @throws NullPointerException if it is null */
        public ItemBatcher maxItemsPerBatch(final String expression) {
            return text("MaxItemsPerBatch", expression);
        }

        /** Sets {@code MaxItemsPerBatchPath}. @throws NullPointerException if {@code path} is null */
        public ItemBatcher maxItemsPerBatchPath(final String path) {
            return text("MaxItemsPerBatchPath", path);
        }

        /** Sets {@code MaxInputBytesPerBatch}. */
        public ItemBatcher maxInputBytesPerBatch(final long maxBytes) {
            return number("MaxInputBytesPerBatch", maxBytes);
        }

        /** Sets {@code MaxInputBytesPerBatch} to a JSONata expression. @throws NullPointerException if it is null */
        public ItemBatcher maxInputBytesPerBatch(final String expression) {
            return text("MaxInputBytesPerBatch", expression);
        }

        /** Sets {@code MaxInputBytesPerBatchPath}. @throws NullPointerException if {@code path} is null */
        public ItemBatcher maxInputBytesPerBatchPath(final String path) {
            return text("MaxInputBytesPerBatchPath", path);
        }

        /** Sets {@code BatchInput}, fixed input added to every batch. @throws NullPointerException if null */
        public ItemBatcher batchInput(final JsonNode batchInput) {
            return json("BatchInput", batchInput);
        }

        /**
         * Sets {@code BatchInput} from JSON text or a {@code {% ... %}} expression.
         *
         * @throws IllegalArgumentException if the text is neither
         * @throws NullPointerException if {@code batchInput} is null
         */
        public ItemBatcher batchInput(final String batchInput) {
            return json("BatchInput", batchInput);
        }
    }
}
