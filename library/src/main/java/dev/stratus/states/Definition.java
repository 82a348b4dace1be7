package dev.stratus.states;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.validation.AwsDiagnostics;
import dev.stratus.states.internal.validation.DefinitionValidator;
import dev.stratus.states.internal.validation.MachineType;
import java.util.List;
import java.util.Objects;

/**
 * A valid Amazon States Language definition, as a value: parsed from AWS's JSON or built fluently, and written back
 * as AWS's JSON. Immutable and thread-safe; run it with {@link States#define(String, Definition)}.
 *
 * <pre>{@code
 * import static dev.stratus.states.ChoiceRule.*;
 * import static dev.stratus.states.State.*;
 *
 * Definition definition = Definition.builder()
 *         .comment("Charge, then ship or refund")
 *         .startAt("Charge")
 *         .state("Charge", task("arn:aws:lambda:us-east-1:111111111111:function:charge")
 *                 .retry(retrier("States.TaskFailed").maxAttempts(2))
 *                 .next("Paid?"))
 *         .state("Paid?", choice()
 *                 .when(booleanEquals("$.paid", true), "Ship")
 *                 .otherwise("Refund"))
 *         .state("Ship", task("arn:aws:lambda:us-east-1:111111111111:function:ship").end())
 *         .state("Refund", fail("Payment.Declined", "the card was declined"))
 *         .build();                         // validated as AWS validates it
 * String json = definition.toString();      // AWS's JSON
 * Definition same = Definition.parse(json); // equal to definition
 * }</pre>
 *
 * <p>A definition is checked as a Standard machine's; {@link States#define(String, Definition, StateMachineType)}
 * adds the Express restrictions.
 */
public final class Definition {
    private final ObjectNode json;

    private Definition(final ObjectNode json) {
        this.json = json;
    }

    /** The query language of a machine or state: ASL's {@code QueryLanguage} field. */
    public enum QueryLanguage {
        /** {@code "JSONPath"}: paths, templates and intrinsic functions (ASL's default). */
        JSONPATH("JSONPath"),
        /** {@code "JSONata"}: {@code {% ... %}} expressions, {@code Arguments} and {@code Output}. */
        JSONATA("JSONata");

        private final String aslName;

        QueryLanguage(final String aslName) {
            this.aslName = aslName;
        }

        /** The name as ASL writes it. */
        public String aslName() {
            return aslName;
        }

        static QueryLanguage fromAslName(final String name) {
            for (QueryLanguage language : values()) {
                if (language.aslName.equals(name)) {
                    return language;
                }
            }
            return null;
        }
    }

    /**
     * Parses and validates a definition.
     *
     * @throws InvalidDefinitionException with AWS's message and every finding, if the text is not JSON or AWS would
     *     reject the definition
     * @throws NullPointerException if {@code json} is null
     */
    public static Definition parse(final String json) {
        return new Definition((ObjectNode) DefinitionValidator.requireValid(Objects.requireNonNull(json, "json"),
                MachineType.STANDARD));
    }

    /**
     * Validates a parsed definition (which is copied).
     *
     * @throws InvalidDefinitionException with AWS's message and every finding, if AWS would reject the definition
     * @throws NullPointerException if {@code json} is null
     */
    public static Definition parse(final JsonNode json) {
        return requireValid(Objects.requireNonNull(json, "json").deepCopy());
    }

    private static Definition requireValid(final JsonNode json) {
        List<Finding> findings = DefinitionValidator.validate(json, MachineType.STANDARD);
        if (findings.stream().anyMatch(Finding::isError)) {
            throw new InvalidDefinitionException(
                    AwsDiagnostics.createStateMachineMessage(findings, Json.write(json)), findings);
        }
        return new Definition((ObjectNode) json);
    }

    /** A builder of a new definition. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A builder holding this definition, taken apart into the typed state, rule, retrier and catcher builders (the
     * generic {@code field} escape only for what has no typed setter), ready for variants such as
     * {@code toBuilder().state("Ship", ...).build()}.
     */
    public Builder toBuilder() {
        return DefinitionReader.read(json, false);
    }

    /** The definition as AWS's JSON, a copy the caller may change. */
    public JsonNode toJson() {
        return json.deepCopy();
    }

    /** Definitions are equal when their JSON is equal (field order aside). */
    @Override
    public boolean equals(final Object o) {
        return o instanceof Definition && ((Definition) o).json.equals(json);
    }

    @Override
    public int hashCode() {
        return json.hashCode();
    }

    /** The definition as AWS's JSON text, compact. */
    @Override
    public String toString() {
        return Json.write(json);
    }

    /**
     * Builds a {@link Definition}, or a block nested in one: a Parallel branch or a Map's item processor (which take
     * only {@code StartAt}, {@code States}, {@code Comment} and {@code QueryLanguage}). Fields come out in AWS's
     * order: {@code Comment}, {@code StartAt}, {@code States}, then the rest as set. Last write wins for every
     * setter, and {@link #state(String, State)} replaces a state of the same name in place.
     */
    public static final class Builder extends JsonBuilder<Builder> {
        private final ObjectNode states = Json.MAPPER.createObjectNode();

        Builder() {
        }

        /** Sets {@code Comment}. @throws NullPointerException if {@code comment} is null */
        public Builder comment(final String comment) {
            return text("Comment", comment);
        }

        /** Sets {@code StartAt}, the first state. @throws NullPointerException if {@code startAt} is null */
        public Builder startAt(final String startAt) {
            return text("StartAt", startAt);
        }

        /**
         * Adds a state to {@code States} as the state builder is now (later changes to it do not show), or
         * replaces the state of that name.
         *
         * @throws IllegalArgumentException if {@code name} is blank
         * @throws NullPointerException if an argument is null
         */
        public Builder state(final String name, final State<?> state) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(state, "state");
            if (name.isBlank()) {
                throw new IllegalArgumentException("state name must not be blank: name='" + name + "'");
            }
            states.set(name, state.toJson());
            return this;
        }

        /**
         * {@inheritDoc} Setting {@code States} replaces every state added so far.
         */
        @Override
        public Builder field(final String name, final JsonNode value) {
            super.field(name, value);
            if (name.equals("States")) {
                states.removeAll();
                if (value.isObject()) {
                    states.setAll((ObjectNode) value.deepCopy());
                }
            }
            return this;
        }

        /** Sets the machine's {@code QueryLanguage}. @throws NullPointerException if the argument is null */
        public Builder queryLanguage(final QueryLanguage queryLanguage) {
            return text("QueryLanguage", Objects.requireNonNull(queryLanguage, "queryLanguage").aslName());
        }

        /** Sets {@code TimeoutSeconds}, the execution's time limit (a whole machine only). */
        public Builder timeoutSeconds(final long timeoutSeconds) {
            return number("TimeoutSeconds", timeoutSeconds);
        }

        /** Sets {@code Version} (a whole machine only). @throws NullPointerException if {@code version} is null */
        public Builder version(final String version) {
            return text("Version", version);
        }

        /**
         * Validates the definition as AWS does and returns it; the builder is left as it is and can build again.
         *
         * @throws InvalidDefinitionException with AWS's message and every finding (JSON-pointer paths), the same
         *     as {@link Definition#parse(String)} of the built JSON would give, if AWS would reject it
         */
        public Definition build() {
            return requireValid(toJson());
        }

        /** The JSON built so far, unvalidated, fields in AWS's order. */
        @Override
        ObjectNode toJson() {
            ObjectNode out = Json.MAPPER.createObjectNode();
            copy("Comment", out);
            copy("StartAt", out);
            if (states.isEmpty()) {
                copy("States", out);
            } else {
                out.set("States", states.deepCopy());
            }
            for (var entry : json.properties()) {
                if (!out.has(entry.getKey())) {
                    out.set(entry.getKey(), entry.getValue().deepCopy());
                }
            }
            return out;
        }

        private void copy(final String name, final ObjectNode out) {
            JsonNode value = json.get(name);
            if (value != null) {
                out.set(name, value.deepCopy());
            }
        }

        /** A state taken apart by {@link DefinitionReader} when its name cannot go through {@link #state}. */
        void rawState(final String name, final JsonNode state) {
            states.set(name, state.deepCopy());
        }
    }
}
