package dev.stratus.states;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.StratusException;
import dev.stratus.core.internal.Json;
import java.util.Objects;

/**
 * A TestState call: one state (or one state of a machine) run once on an input, optionally with a mocked task
 * result or error.
 *
 * <pre>{@code
 * TestStateResult r = states.testState(TestStateRequest.builder()
 *         .definition("{\"Type\":\"Pass\",\"Result\":1,\"End\":true}")
 *         .input("{}")
 *         .inspectionLevel("DEBUG")
 *         .build());
 * }</pre>
 */
public final class TestStateRequest {
    private final Builder b;

    private TestStateRequest(final Builder builder) {
        this.b = builder.copy();
    }

    /** A builder: input {@code {}}, inspection level INFO, no mock, a role ARN. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this request's settings. */
    public Builder toBuilder() {
        return b.copy();
    }

    JsonNode definition() {
        return b.definition;
    }

    String stateName() {
        return b.stateName;
    }

    JsonNode input() {
        return b.input;
    }

    String inspectionLevel() {
        return b.inspectionLevel;
    }

    JsonNode mock() {
        return b.mock;
    }

    JsonNode context() {
        return b.context;
    }

    int retrierRetryCount() {
        return b.retrierRetryCount;
    }

    boolean hasRoleArn() {
        return b.roleArn;
    }

    Integer mapIterationFailureCount() {
        return b.mapIterationFailureCount;
    }

    JsonNode variables() {
        return b.variables;
    }

    /** Settings for a {@link TestStateRequest}. */
    public static final class Builder {
        private JsonNode definition;
        private String stateName;
        private JsonNode input = JsonNodeFactory.instance.objectNode();
        private String inspectionLevel = "INFO";
        private JsonNode mock;
        private JsonNode context;
        private int retrierRetryCount;
        private boolean roleArn = true;
        private Integer mapIterationFailureCount;
        private JsonNode variables;

        private Builder() {
        }

        private Builder copy() {
            Builder c = new Builder();
            c.definition = definition;
            c.stateName = stateName;
            c.input = input;
            c.inspectionLevel = inspectionLevel;
            c.mock = mock;
            c.context = context;
            c.retrierRetryCount = retrierRetryCount;
            c.roleArn = roleArn;
            c.mapIterationFailureCount = mapIterationFailureCount;
            c.variables = variables;
            return c;
        }

        /**
         * The state (or, with {@link #stateName(String)}, the machine) as ASL JSON.
         *
         * @throws StratusException {@code InvalidDefinition} when it is not JSON
         */
        public Builder definition(final String definition) {
            this.definition = parse(definition, "definition", "InvalidDefinition");
            return this;
        }

        /**
         * The state of the machine to test.
         *
         * @throws IllegalArgumentException if empty
         */
        public Builder stateName(final String stateName) {
            Objects.requireNonNull(stateName, "stateName");
            if (stateName.isEmpty()) {
                throw new IllegalArgumentException("stateName must not be empty: stateName=");
            }
            this.stateName = stateName;
            return this;
        }

        /**
         * The state input as JSON text.
         *
         * @throws StratusException {@code InvalidExecutionInput} when it is not JSON
         */
        public Builder input(final String input) {
            this.input = parse(input, "input", "InvalidExecutionInput");
            return this;
        }

        /** The state input as a JSON value. */
        public Builder input(final JsonNode input) {
            this.input = Objects.requireNonNull(input, "input");
            return this;
        }

        /**
         * INFO, DEBUG or TRACE.
         *
         * @throws IllegalArgumentException for any other value
         */
        public Builder inspectionLevel(final String inspectionLevel) {
            Objects.requireNonNull(inspectionLevel, "inspectionLevel");
            if (!inspectionLevel.equals("INFO") && !inspectionLevel.equals("DEBUG")
                    && !inspectionLevel.equals("TRACE")) {
                throw new IllegalArgumentException("inspectionLevel must be INFO, DEBUG or TRACE: inspectionLevel="
                        + inspectionLevel);
            }
            this.inspectionLevel = inspectionLevel;
            return this;
        }

        /** The mock as the API takes it: {@code {"result": "<json>"}} or {@code {"errorOutput": {...}}}. */
        public Builder mock(final JsonNode mock) {
            this.mock = Objects.requireNonNull(mock, "mock");
            return this;
        }

        /** Mocks the task result with JSON text. */
        public Builder mockResult(final String resultJson) {
            ObjectNode m = mock != null && mock.isObject() ? ((ObjectNode) mock).deepCopy()
                    : JsonNodeFactory.instance.objectNode();
            m.put("result", Objects.requireNonNull(resultJson, "resultJson"));
            this.mock = m;
            return this;
        }

        /** Mocks a task error. */
        public Builder mockError(final String error, final String cause) {
            ObjectNode m = mock != null && mock.isObject() ? ((ObjectNode) mock).deepCopy()
                    : JsonNodeFactory.instance.objectNode();
            ObjectNode e = m.putObject("errorOutput");
            e.put("error", Objects.requireNonNull(error, "error"));
            e.put("cause", cause);
            this.mock = m;
            return this;
        }

        /**
         * The variables the state sees, as the API takes them: a JSON object of name to value.
         *
         * @throws StratusException {@code ValidationException} if the text is not a JSON object
         */
        public Builder variables(final String variables) {
            JsonNode parsed = parse(variables, "variables", "ValidationException");
            if (!parsed.isObject()) {
                throw new StratusException("ValidationException", "Invalid variables: must be a JSON object, got "
                        + variables);
            }
            this.variables = parsed;
            return this;
        }

        /** The context object to evaluate {@code $$} against. */
        public Builder context(final JsonNode context) {
            this.context = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * How many retries already happened ({@code stateConfiguration.retrierRetryCount}).
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder retrierRetryCount(final int count) {
            if (count < 0) {
                throw new IllegalArgumentException("retrierRetryCount must not be negative: retrierRetryCount="
                        + count);
            }
            this.retrierRetryCount = count;
            return this;
        }

        /**
         * How many iterations of the tested Map state fail ({@code stateConfiguration.mapIterationFailureCount}):
         * with a mocked result, a count above the state's tolerated failure threshold fails the state with
         * {@code States.ExceedToleratedFailureThreshold}.
         *
         * @throws IllegalArgumentException if negative
         */
        public Builder mapIterationFailureCount(final int count) {
            if (count < 0) {
                throw new IllegalArgumentException("mapIterationFailureCount must not be negative: "
                        + "mapIterationFailureCount=" + count);
            }
            this.mapIterationFailureCount = count;
            return this;
        }

        /** Whether the call names an execution role (AWS requires one to test a Task without a mock). */
        public Builder roleArn(final boolean present) {
            this.roleArn = present;
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalStateException if no definition was set
         */
        public TestStateRequest build() {
            if (definition == null) {
                throw new IllegalStateException("definition is required: definition=null");
            }
            return new TestStateRequest(this);
        }

        private static JsonNode parse(final String text, final String field, final String code) {
            Objects.requireNonNull(text, field);
            try {
                return Json.parse(text);
            } catch (JsonProcessingException e) {
                throw new StratusException(code, "Invalid " + field + ": " + e.getOriginalMessage());
            }
        }
    }
}
