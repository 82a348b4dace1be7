package dev.stratus.bench.bus;

import dev.stratus.bus.MessageAttribute;
import dev.stratus.bus.internal.Attributes;
import dev.stratus.bus.internal.BodyFields;
import dev.stratus.bus.internal.CompiledPolicy;
import dev.stratus.bus.internal.FilterIndex;
import dev.stratus.bus.internal.PolicyCompiler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.event.ruler.Machine;

/**
 * Which of N subscriptions' filter policies match a message: Stratus's topic filter index against Amazon's
 * event-ruler {@code Machine}, on the same corpus-style policies and messages (goals G2: attribute scope at least
 * 5x Ruler with 100 policies; G3: body scope at least 1x; G4: 1,000 policies cost at most 1.5x 10).
 *
 * <p>Stratus gets what SNS has: typed message attributes (attribute scope) or the JSON body text (body scope).
 * Ruler gets the equivalent JSON text, which is how SNS's attribute matching is reproduced with it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterPolicyMatchBenchmark {
    private static final int MESSAGES = 1024;
    private static final int MASK = MESSAGES - 1;

    /** The matcher under test. */
    public enum Impl { STRATUS, EVENT_RULER }

    /** The subscriptions' FilterPolicyScope. */
    public enum Scope { ATTRIBUTES, BODY }

    @Param({"STRATUS", "EVENT_RULER"})
    public Impl impl;

    @Param({"ATTRIBUTES", "BODY"})
    public Scope scope;

    @Param({"10", "100", "1000"})
    public int policies;

    private FilterIndex index;
    private long[] matched;
    private Machine machine;
    private List<Map<String, MessageAttribute>> attributeMessages;
    private String[] jsonMessages;
    private int next;

    @Setup
    public void setUp() throws Exception {
        SplittableRandom random = new SplittableRandom(42);
        boolean body = scope == Scope.BODY;
        String[] policyTexts = new String[policies];
        for (int i = 0; i < policies; i++) {
            policyTexts[i] = policy(i, body);
        }
        attributeMessages = new ArrayList<>(MESSAGES);
        jsonMessages = new String[MESSAGES];
        for (int m = 0; m < MESSAGES; m++) {
            Map<String, MessageAttribute> attributes = new LinkedHashMap<>();
            attributes.put("store", MessageAttribute.string("store-" + random.nextInt(policies * 2)));
            attributes.put("event", MessageAttribute.string(random.nextBoolean() ? "order_placed" : "order_shipped"));
            attributes.put("price", MessageAttribute.number(random.nextInt(1000)));
            attributes.put("region", MessageAttribute.string("region-" + random.nextInt(8)));
            attributes.put("customer", MessageAttribute.string("c" + random.nextInt(100) + "-x"));
            attributeMessages.add(attributes);
            String fields = "\"store\": \"" + attributes.get("store").stringValue() + "\", \"event\": \""
                    + attributes.get("event").stringValue() + "\", \"price\": " + attributes.get("price").stringValue()
                    + ", \"region\": \"" + attributes.get("region").stringValue() + "\", \"customer\": \""
                    + attributes.get("customer").stringValue() + "\"";
            jsonMessages[m] = body ? "{\"source\": \"shop\", \"detail\": {" + fields + "}}" : "{" + fields + "}";
        }
        CompiledPolicy[] compiled = new CompiledPolicy[policies];
        machine = Machine.builder().build();
        for (int i = 0; i < policies; i++) {
            compiled[i] = PolicyCompiler.compile(policyTexts[i], body);
            machine.addRule("p" + i, policyTexts[i]);
        }
        index = new FilterIndex(compiled, new boolean[policies]);
        matched = index.newMatchSet();
        // fail fast if the two matchers disagree on what they are asked to do
        for (int m = 0; m < MESSAGES; m++) {
            int ruler = machine.rulesForJSONEvent(jsonMessages[m]).size();
            Arrays.fill(matched, 0);
            index.match(body ? BodyFields.parse(jsonMessages[m]) : Attributes.fields(attributeMessages.get(m)),
                    matched);
            int stratus = 0;
            for (long word : matched) {
                stratus += Long.bitCount(word);
            }
            if (ruler != stratus) {
                throw new IllegalStateException("matchers disagree on " + jsonMessages[m] + ": ruler=" + ruler
                        + ", stratus=" + stratus);
            }
        }
    }

    /** Corpus-style policies: exact values plus numeric, prefix and anything-but conditions. */
    private static String policy(final int i, final boolean body) {
        String inner;
        switch (i % 4) {
            case 0:
                inner = "\"store\": [\"store-" + i + "\"], \"event\": [\"order_placed\", \"order_cancelled\"]";
                break;
            case 1:
                inner = "\"store\": [\"store-" + i + "\"], \"price\": [{\"numeric\": [\">\", 10, \"<=\", 500]}]";
                break;
            case 2:
                inner = "\"store\": [\"store-" + i + "\", \"store-" + (i + 1) + "\"], \"customer\": [{\"prefix\": \"c"
                        + (i % 100) + "-\"}]";
                break;
            default:
                inner = "\"store\": [\"store-" + i + "\"], \"region\": [{\"anything-but\": [\"region-0\"]}], "
                        + "\"event\": [{\"exists\": true}]";
                break;
        }
        return body ? "{\"detail\": {" + inner + "}}" : "{" + inner + "}";
    }

    @Benchmark
    public int match() throws Exception {
        int m = next++ & MASK;
        if (impl == Impl.EVENT_RULER) {
            return machine.rulesForJSONEvent(jsonMessages[m]).size();
        }
        Arrays.fill(matched, 0);
        if (scope == Scope.BODY) {
            index.match(BodyFields.parse(jsonMessages[m]), matched);
        } else {
            index.match(Attributes.fields(attributeMessages.get(m)), matched);
        }
        return (int) matched[0];
    }
}
