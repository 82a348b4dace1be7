package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.StratusException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Output shapes of the service integrations that TestState checks mocked results against (field validation modes
 * STRICT and PRESENT): types, lengths, ranges and enums of the fields the mock gives, in AWS's wording. Only a few
 * APIs are described; a result for any other resource passes unchecked.
 */
final class ResultShapes {
    private static final Set<String> STORAGE_CLASSES = Set.of("STANDARD", "REDUCED_REDUNDANCY", "STANDARD_IA",
            "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER", "DEEP_ARCHIVE", "OUTPOSTS", "GLACIER_IR", "SNOW",
            "EXPRESS_ONEZONE");

    /** A field's shape: type, and for strings/blobs a minimum length, for numbers a range, or an enum. */
    private record Shape(String type, long min, long max, Set<String> values, Map<String, Shape> members,
            Shape element) {
        static Shape string() {
            return new Shape("string", Long.MIN_VALUE, Long.MAX_VALUE, null, null, null);
        }

        static Shape blob() {
            return new Shape("blob", 1, Long.MAX_VALUE, null, null, null);
        }

        static Shape integer(final long min, final long max) {
            return new Shape("number", min, max, null, null, null);
        }

        static Shape enumeration(final Set<String> values) {
            return new Shape("string", Long.MIN_VALUE, Long.MAX_VALUE, values, null, null);
        }

        static Shape structure(final Map<String, Shape> members) {
            return new Shape("object", 0, 0, null, members, null);
        }

        static Shape list(final Shape element) {
            return new Shape("array", 0, 0, null, null, element);
        }
    }

    private static final Map<String, Shape> SHAPES = Map.of(
            "arn:aws:states:::aws-sdk:kms:encrypt", Shape.structure(Map.of("CiphertextBlob", Shape.blob(),
                    "KeyId", Shape.string(), "EncryptionAlgorithm", Shape.string())),
            "arn:aws:states:::aws-sdk:lambda:getFunction", Shape.structure(Map.of("Configuration",
                    Shape.structure(Map.of("MemorySize", Shape.integer(128, 10240), "FunctionName", Shape.string(),
                            "Timeout", Shape.integer(1, Long.MAX_VALUE))))),
            "arn:aws:states:::aws-sdk:s3:getObject", Shape.structure(Map.of("StorageClass",
                    Shape.enumeration(STORAGE_CLASSES), "ContentLength", Shape.integer(Long.MIN_VALUE,
                            Long.MAX_VALUE), "ContentType", Shape.string(), "ETag", Shape.string())),
            "arn:aws:states:::events:putEvents", Shape.structure(Map.of("Entries", Shape.list(Shape.structure(
                    Map.of("EventId", Shape.string(), "ErrorCode", Shape.string(), "ErrorMessage",
                            Shape.string()))), "FailedEntryCount", Shape.integer(Long.MIN_VALUE, Long.MAX_VALUE))),
            "arn:aws:states:::states:startExecution", Shape.structure(Map.of("ExecutionArn", Shape.string(),
                    "StartDate", Shape.string())),
            "arn:aws:states:::lambda:invoke", Shape.structure(Map.of("StatusCode", Shape.integer(Long.MIN_VALUE,
                    Long.MAX_VALUE), "ExecutedVersion", Shape.string(), "FunctionError", Shape.string(),
                    "LogResult", Shape.string())));

    /** The top-level fields a result must have in STRICT mode, in the order AWS reports them. */
    private static final Map<String, List<String>> REQUIRED = Map.of(
            "arn:aws:states:::states:startExecution", List.of("ExecutionArn", "StartDate"));

    private ResultShapes() {
    }

    /**
     * Checks a mocked result against the resource's output shape.
     *
     * @param strict STRICT mode (required fields must be present) rather than PRESENT (only given fields checked)
     * @throws StratusException {@code ValidationException} naming the first field that does not fit
     */
    static void check(final String resource, final JsonNode result, final boolean strict) {
        Shape shape = SHAPES.get(resource);
        if (shape == null) {
            return;
        }
        if (strict && result.isObject()) {
            for (String name : REQUIRED.getOrDefault(resource, List.of())) {
                if (!result.has(name)) {
                    throw new StratusException("ValidationException", "Mock result schema validation error: "
                            + "Required field '" + name + "' is missing");
                }
            }
        }
        check("", shape, result);
    }

    private static void check(final String field, final Shape shape, final JsonNode value) {
        switch (shape.type()) {
            case "object" -> {
                if (!value.isObject()) {
                    throw error(field, "must be an object");
                }
                for (Map.Entry<String, Shape> m : shape.members().entrySet()) {
                    JsonNode v = value.get(m.getKey());
                    if (v != null && !v.isNull()) {
                        check(m.getKey(), m.getValue(), v);
                    }
                }
            }
            case "array" -> {
                if (!value.isArray()) {
                    throw error(field, "must be an array");
                }
                for (JsonNode item : value) {
                    check(field, shape.element(), item);
                }
            }
            case "number" -> {
                if (!value.isNumber()) {
                    throw error(field, "must be a number");
                }
                if (value.asLong() < shape.min()) {
                    throw error(field, "is less than the minimum value");
                }
                if (value.asLong() > shape.max()) {
                    throw error(field, "exceeds the maximum value");
                }
            }
            default -> {
                if (!value.isTextual()) {
                    throw error(field, "must be a string");
                }
                if (value.asText().length() < shape.min()) {
                    throw error(field, "is smaller than the minimum length");
                }
                if (shape.values() != null && !shape.values().contains(value.asText())) {
                    throw error(field, "is not an expected value");
                }
            }
        }
    }

    private static StratusException error(final String field, final String problem) {
        return new StratusException("ValidationException", "Mock result schema validation error: Field '" + field
                + "' " + problem);
    }
}
