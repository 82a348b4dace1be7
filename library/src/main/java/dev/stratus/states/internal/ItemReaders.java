package dev.stratus.states.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Map's ItemReader over the engine's in-memory object store: s3:getObject (JSON, JSONL, CSV) and listObjectsV2. */
final class ItemReaders {
    private ItemReaders() {
    }

    static JsonNode read(final Model.ItemReader reader, final JsonNode parameters, final Engine engine,
            final Intrinsic.EvalContext env, final JsonNode effective) {
        String bucket = parameters == null ? null : parameters.path("Bucket").asText(null);
        long maxItems = Long.MAX_VALUE;
        if (reader.maxItems() != null) {
            long v;
            if (reader.maxItems().value() != null) {
                v = reader.maxItems().value();
            } else {
                JsonPath path = reader.maxItems().path();
                JsonNode n = Values.integerText(env instanceof JsonPath.Roots roots ? path.read(effective, roots)
                        : path.read(effective));
                if (n == null || !n.canConvertToExactIntegral()) {
                    throw AslError.runtime("The MaxItemsPath field refers to an invalid value: "
                            + reader.maxItems().path().text());
                }
                v = n.asLong();
            }
            if (v > 0) {
                maxItems = v;
            }
        }
        ArrayNode items;
        if (reader.resource().endsWith(":s3:listObjectsV2")) {
            items = list(engine, bucket, parameters == null ? "" : parameters.path("Prefix").asText(""));
        } else if (reader.resource().endsWith(":s3:getObject")) {
            String key = parameters == null ? null : parameters.path("Key").asText(null);
            String body = engine.objects.get(Engine.objectKey(bucket, key));
            if (body == null) {
                throw new AslError("States.ItemReaderFailed", "The specified key does not exist. (Service: S3, "
                        + "Status Code: 404, Error Code: NoSuchKey, Bucket: " + bucket + ", Key: " + key + ")");
            }
            String type = reader.inputType() == null ? "JSON" : reader.inputType();
            items = switch (type) {
                case "CSV" -> csv(body, reader);
                case "JSONL" -> jsonLines(body);
                case "MANIFEST" -> manifest(body);
                default -> json(body);
            };
        } else {
            throw new AslError("States.ItemReaderFailed", "Unsupported ItemReader resource: " + reader.resource());
        }
        if (items.size() > maxItems) {
            ArrayNode cut = Values.NODES.arrayNode();
            for (int i = 0; i < maxItems; i++) {
                cut.add(items.get(i));
            }
            return cut;
        }
        return items;
    }

    private static ArrayNode json(final String body) {
        JsonNode parsed;
        try {
            parsed = Json.parse(body);
        } catch (Exception e) {
            throw new AslError("States.ItemReaderFailed", "The object content is not valid JSON.");
        }
        if (!parsed.isArray()) {
            throw new AslError("States.ItemReaderFailed", "Attempting to map over non-iterable node.");
        }
        return (ArrayNode) parsed;
    }

    private static ArrayNode jsonLines(final String body) {
        ArrayNode out = Values.NODES.arrayNode();
        for (String line : body.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            try {
                out.add(Json.parse(line));
            } catch (Exception e) {
                throw new AslError("States.ItemReaderFailed", "The object content is not valid JSON Lines.");
            }
        }
        return out;
    }

    private static ArrayNode manifest(final String body) {
        return json(body);
    }

    private static ArrayNode csv(final String body, final Model.ItemReader reader) {
        char delimiter = switch (reader.csvDelimiter()) {
            case "SEMICOLON" -> ';';
            case "PIPE" -> '|';
            case "TAB" -> '\t';
            case "SPACE" -> ' ';
            default -> ',';
        };
        List<List<String>> rows = new ArrayList<>();
        for (String line : body.split("\r?\n", -1)) {
            if (line.isEmpty()) {
                continue;
            }
            rows.add(splitCsv(line, delimiter));
        }
        List<String> headers;
        int first = 0;
        if ("GIVEN".equals(reader.csvHeaderLocation())) {
            headers = reader.csvHeaders();
        } else {
            if (rows.isEmpty()) {
                return Values.NODES.arrayNode();
            }
            headers = rows.get(0);
            first = 1;
        }
        ArrayNode out = Values.NODES.arrayNode();
        for (int r = first; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            // AWS builds each row in a java.util.HashMap: its iteration order is the order AWS emits the keys in
            Map<String, String> fields = new HashMap<>();
            for (int i = 0; i < headers.size(); i++) {
                fields.put(headers.get(i), i < row.size() ? row.get(i) : "");
            }
            ObjectNode item = Values.NODES.objectNode();
            fields.forEach(item::put);
            out.add(item);
        }
        return out;
    }

    private static List<String> splitCsv(final String line, final char delimiter) {
        List<String> fields = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    current.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    current.append(c);
                }
            } else if (c == '"' && current.length() == 0) {
                quoted = true;
            } else if (c == delimiter) {
                fields.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        fields.add(current.toString());
        return fields;
    }

    private static ArrayNode list(final Engine engine, final String bucket, final String prefix) {
        TreeMap<String, String> sorted = new TreeMap<>();
        String start = Engine.objectKey(bucket, prefix);
        for (Map.Entry<String, String> e : engine.objects.entrySet()) {
            if (e.getKey().startsWith(start)) {
                sorted.put(e.getKey().substring(bucket.length() + 1), e.getValue());
            }
        }
        ArrayNode out = Values.NODES.arrayNode();
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            ObjectNode item = out.addObject();
            item.put("Etag", "\"" + Integer.toHexString(e.getValue().hashCode()) + "\"");
            item.put("Key", e.getKey());
            item.put("LastModified", "2024-01-01T00:00:00Z");
            item.put("Size", e.getValue().getBytes(StandardCharsets.UTF_8).length);
            item.put("StorageClass", "STANDARD");
        }
        return out;
    }
}
