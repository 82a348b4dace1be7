package dev.stratus.bus;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

/**
 * Differential test against Amazon's event-ruler, the matcher SNS runs: generated body-scope policies and messages
 * where SNS semantics equal Ruler's, compared decision by decision.
 */
class FilterPolicyDifferentialTest {
    private static final String[] KEYS = {"a", "b", "c"};
    private static final String[] STRINGS = {"red", "Red", "green", "greenery", "", "10.0.0.7", "blue-x"};
    private static final String[] NUMBERS = {"0", "5", "10", "10.5", "-3", "1000000"};

    @Test
    void shouldDecideGeneratedMessagesAsEventRulerDoes() throws Exception {
        SplittableRandom random = new SplittableRandom(6);
        List<String> mismatches = new ArrayList<>();
        int compared = 0;
        for (int p = 0; p < 400; p++) {
            String policyText = policy(random);
            Machine machine = Machine.builder().build();
            machine.addRule("r", policyText);
            FilterPolicy policy = FilterPolicy.parse(policyText, FilterPolicyScope.MESSAGE_BODY);
            for (int m = 0; m < 25; m++) {
                String message = message(random);
                boolean expected = !machine.rulesForJSONEvent(message).isEmpty();
                boolean actual = policy.matches(Map.of(), message);
                compared++;
                if (expected != actual && mismatches.size() < 20) {
                    mismatches.add(policyText + " on " + message + ": ruler=" + expected + " stratus=" + actual);
                }
            }
        }
        assertEquals(List.of(), mismatches, "compared " + compared);
    }

    @Test
    void shouldMatchNestedArraysOfObjectsWithRulerArrayConsistency() throws Exception {
        SplittableRandom random = new SplittableRandom(61);
        List<String> mismatches = new ArrayList<>();
        for (int p = 0; p < 200; p++) {
            String policyText = "{\"x\": {\"a\": [" + condition(random) + "], \"b\": [" + condition(random)
                    + "]}" + (random.nextBoolean() ? ", \"x.c\": [" + condition(random) + "]" : "") + "}";
            Machine machine = Machine.builder().build();
            machine.addRule("r", policyText);
            FilterPolicy policy = FilterPolicy.parse(policyText, FilterPolicyScope.MESSAGE_BODY);
            for (int m = 0; m < 25; m++) {
                StringBuilder message = new StringBuilder("{\"x\": [");
                int elements = 1 + random.nextInt(3);
                for (int e = 0; e < elements; e++) {
                    message.append(e == 0 ? "" : ", ").append("{\"a\": ").append(value(random))
                            .append(", \"b\": ").append(value(random));
                    if (random.nextBoolean()) {
                        message.append(", \"c\": [").append(value(random)).append(", ").append(value(random))
                                .append(']');
                    }
                    message.append('}');
                }
                String text = message.append("]}").toString();
                boolean expected = !machine.rulesForJSONEvent(text).isEmpty();
                boolean actual = policy.matches(Map.of(), text);
                if (expected != actual && mismatches.size() < 20) {
                    mismatches.add(policyText + " on " + text + ": ruler=" + expected + " stratus=" + actual);
                }
            }
        }
        assertEquals(List.of(), mismatches);
    }

    private static String policy(final SplittableRandom random) {
        int keys = 1 + random.nextInt(3);
        StringBuilder text = new StringBuilder("{");
        for (int k = 0; k < keys; k++) {
            text.append(k == 0 ? "" : ", ").append('"').append(KEYS[k]).append("\": [");
            int conditions = 1 + random.nextInt(2);
            for (int c = 0; c < conditions; c++) {
                text.append(c == 0 ? "" : ", ").append(condition(random));
            }
            text.append(']');
        }
        if (random.nextInt(4) == 0) {
            text.append(", \"$or\": [{\"d\": [").append(condition(random)).append("]}, {\"e\": [")
                    .append(condition(random)).append("]}]");
        }
        return text.append('}').toString();
    }

    private static String condition(final SplittableRandom random) {
        String s = STRINGS[random.nextInt(STRINGS.length)];
        String n = NUMBERS[random.nextInt(NUMBERS.length)];
        switch (random.nextInt(12)) {
            case 0: return '"' + s + '"';
            case 1: return n;
            case 2: return "{\"prefix\": \"" + s.substring(0, Math.min(2, s.length())) + "\"}";
            case 3: return "{\"suffix\": \"" + s.substring(Math.max(0, s.length() - 2)) + "\"}";
            case 4: return "{\"equals-ignore-case\": \"" + s.toUpperCase(java.util.Locale.ROOT) + "\"}";
            case 5: return "{\"anything-but\": \"" + s + "\"}";
            case 6: return "{\"anything-but\": [" + n + ", 5]}";
            case 7: return "{\"anything-but\": {\"prefix\": \"gr\"}}";
            case 8: return "{\"numeric\": [\">\", " + n + "]}";
            case 9: return "{\"numeric\": [\">=\", -3, \"<\", " + (Double.parseDouble(n) + 1) + "]}";
            case 10: return "{\"exists\": " + random.nextBoolean() + "}";
            default: return random.nextBoolean() ? "null" : "true";
        }
    }

    private static String message(final SplittableRandom random) {
        StringBuilder text = new StringBuilder("{");
        boolean first = true;
        for (String key : new String[] {"a", "b", "c", "d", "e"}) {
            if (random.nextInt(3) == 0) {
                continue;
            }
            text.append(first ? "" : ", ").append('"').append(key).append("\": ");
            first = false;
            if (random.nextInt(4) == 0) {
                text.append('[').append(value(random)).append(", ").append(value(random)).append(']');
            } else {
                text.append(value(random));
            }
        }
        return text.append('}').toString();
    }

    private static String value(final SplittableRandom random) {
        switch (random.nextInt(5)) {
            case 0: return NUMBERS[random.nextInt(NUMBERS.length)];
            case 1: return random.nextBoolean() ? "null" : "true";
            default: return '"' + STRINGS[random.nextInt(STRINGS.length)] + '"';
        }
    }
}
