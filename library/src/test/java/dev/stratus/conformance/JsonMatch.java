package dev.stratus.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Structural comparison of a recorded AWS value with an actual one, by the corpus READMEs' rules: key order is not
 * significant, numbers compare by value ({@code 1} equals {@code 1.0}), {@code <...>} placeholders inside expected
 * strings match any text, ISO-8601 date-times in actual strings compare as the word {@code date}, a value under a
 * key whose name contains {@code timestamp} recorded as {@code timestamp}/{@code datetime}/{@code date} matches
 * anything, and an actual string holding a JSON object or array is parsed when the expected value is one.
 */
public final class JsonMatch {
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^<>]*>");
    private static final Pattern ISO_DATE_TIME = Pattern.compile(
            "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:?\\d{2})?");

    private JsonMatch() {
    }

    /** Null when {@code actual} matches {@code expected}, else where and how they first differ. */
    public static String mismatch(final JsonNode expected, final JsonNode actual) {
        return mismatch("$", null, expected, actual);
    }

    /** Whether {@code actual} matches the expected string, with placeholders and dates as wildcards. */
    public static boolean stringMatches(final String expected, final String actual) {
        if (expected.equals(actual)) {
            return true;
        }
        String normalized = ISO_DATE_TIME.matcher(actual).replaceAll("date");
        if (expected.equals(normalized)) {
            return true;
        }
        if (!expected.contains("<")) {
            return false;
        }
        StringBuilder regex = new StringBuilder();
        Matcher m = PLACEHOLDER.matcher(expected);
        int last = 0;
        while (m.find()) {
            regex.append(Pattern.quote(expected.substring(last, m.start()))).append("(?s:.*?)");
            last = m.end();
        }
        regex.append(Pattern.quote(expected.substring(last)));
        Pattern pattern = Pattern.compile(regex.toString());
        return pattern.matcher(actual).matches() || pattern.matcher(normalized).matches();
    }

    private static String mismatch(final String path, final String key, final JsonNode expected,
            final JsonNode actual) {
        if (expected == null || expected.isMissingNode()) {
            return actual == null || actual.isMissingNode() ? null : path + ": expected absent, got " + brief(actual);
        }
        if (actual == null || actual.isMissingNode()) {
            return path + ": expected " + brief(expected) + ", got nothing";
        }
        if (key != null && key.toLowerCase(java.util.Locale.ROOT).contains("timestamp") && expected.isTextual()
                && isTimeWord(expected.asText())) {
            return null;
        }
        if (expected.isTextual() && isTimeWord(expected.asText()) && !actual.isContainerNode()
                && !actual.isTextual()) {
            return null;
        }
        if ((expected.isObject() || expected.isArray()) && actual.isTextual()) {
            String text = actual.asText().strip();
            if (text.startsWith("{") || text.startsWith("[")) {
                try {
                    return mismatch(path, key, expected, Json.parse(text));
                } catch (Exception e) {
                    return path + ": expected " + brief(expected) + ", got unparsable string " + brief(actual);
                }
            }
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null
                    : path + ": expected " + expected + ", got " + actual;
        }
        if (expected.isTextual() && actual.isTextual()) {
            return stringMatches(expected.asText(), actual.asText()) ? null
                    : path + ": expected " + brief(expected) + ", got " + brief(actual);
        }
        if (expected.getNodeType() != actual.getNodeType()) {
            return path + ": expected " + brief(expected) + ", got " + brief(actual);
        }
        if (expected.isObject()) {
            TreeSet<String> missing = new TreeSet<>();
            TreeSet<String> extra = new TreeSet<>();
            expected.fieldNames().forEachRemaining(name -> {
                if (!actual.has(name)) {
                    missing.add(name);
                }
            });
            actual.fieldNames().forEachRemaining(name -> {
                if (!expected.has(name)) {
                    extra.add(name);
                }
            });
            if (!missing.isEmpty() || !extra.isEmpty()) {
                return path + ": keys differ, missing " + missing + ", unexpected " + extra;
            }
            for (Map.Entry<String, JsonNode> field : expected.properties()) {
                String diff = mismatch(path + "." + field.getKey(), field.getKey(), field.getValue(),
                        actual.get(field.getKey()));
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            if (expected.size() != actual.size()) {
                return path + ": expected " + expected.size() + " elements, got " + actual.size() + ": "
                        + brief(actual);
            }
            for (int i = 0; i < expected.size(); i++) {
                String diff = mismatch(path + "[" + i + "]", null, expected.get(i), actual.get(i));
                if (diff != null) {
                    return diff;
                }
            }
            return null;
        }
        return expected.equals(actual) ? null : path + ": expected " + brief(expected) + ", got " + brief(actual);
    }

    private static boolean isTimeWord(final String text) {
        return text.equals("timestamp") || text.equals("datetime") || text.equals("date")
                || text.equals("<timestamp>");
    }

    private static String brief(final JsonNode node) {
        String text = node.toString();
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
