package dev.stratus.states.internal.jsonata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import dev.stratus.states.internal.AslError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ExpressionTest {
    private static JsonNode json(final String text) throws Exception {
        return Json.parse(text.replace('\'', '"'));
    }

    private static Scope scope(final Map<String, JsonNode> values) {
        return new Scope() {
            @Override
            public JsonNode lookup(final String name) {
                return values.get(name);
            }

            @Override
            public UUID uuid() {
                return new UUID(0x4000L, 0x8000000000000000L);
            }

            @Override
            public double random() {
                return 0.25;
            }
        };
    }

    private static JsonNode eval(final String expr, final String states) throws Exception {
        Map<String, JsonNode> values = new HashMap<>();
        values.put("states", json(states));
        return Expression.compile(expr).evaluate(scope(values), "Output");
    }

    @Test
    void shouldReadStatesAndKeepIntegersIntegral() throws Exception {
        assertEquals(json("{'sum':6,'half':1.5,'name':'a'}"),
                eval("{'sum': $sum($states.input.n), 'half': 3/2, 'name': $states.input.s}",
                        "{'input':{'n':[1,2,3],'s':'a'}}"));
        assertEquals(json("{'n':[1,2,3],'s':'a'}"), eval("$states.input", "{'input':{'n':[1,2,3],'s':'a'}}"));
        assertEquals(json("true"), eval("$states.input.a = 1.0", "{'input':{'a':1}}"));
        assertEquals(json("null"), eval("$states.input.a", "{'input':{'a':null}}"));
    }

    @Test
    void shouldReturnNullForUndefinedAndFailWhenRequired() throws Exception {
        assertNull(eval("$states.input.missing", "{'input':{}}"));
        AslError e = assertThrows(AslError.class, () -> Expression.compile("$doesNotExist")
                .evaluateDefined(scope(Map.of()), "Arguments/FunctionName"));
        assertEquals("States.QueryEvaluationError", e.error());
        assertEquals("The JSONata expression '$doesNotExist' specified for the field 'Arguments/FunctionName' "
                + "returned nothing (undefined).", e.cause());
        assertEquals("Arguments/FunctionName", e.location());
    }

    @Test
    void shouldReportEvaluationErrorsWithTheEngineCode() {
        AslError e = assertThrows(AslError.class, () -> Expression.compile("$nope(1)")
                .evaluate(scope(Map.of()), "Output/FunctionResult"));
        assertEquals("The JSONata expression '$nope(1)' specified for the field 'Output/FunctionResult' threw an "
                + "error during evaluation. T1006: Attempted to invoke a non-function", e.cause());
        AslError fn = assertThrows(AslError.class, () -> Expression.compile("$fn := function($x){$x}")
                .evaluate(scope(Map.of()), "Items"));
        assertEquals("The JSONata expression '$fn := function($x){$x}' specified for the field 'Items' returned an "
                + "unsupported result type.", fn.cause());
    }

    @Test
    void shouldRejectWhatAwsRejects() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.compile("$eval('1+1')"))
                .getMessage().contains("$eval"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.compile("$a ?? 1"))
                .getMessage().contains("??"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.compile("$a ?: 1"))
                .getMessage().contains("?:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Expression.compile("1 +"))
                .getMessage().startsWith("The JSONata expression '1 +' is not valid"));
        // inside strings they are just text
        Expression.compile("'?? and $eval'");
    }

    @Test
    void shouldOfferAwsFunctions() throws Exception {
        assertEquals(json("[[1,2],[3,4],[5]]"), eval("$partition([1,2,3,4,5], 2)", "{}"));
        assertEquals(json("[0,2,4,6]"), eval("$range(0, 6, 2)", "{}"));
        assertEquals(json("[6,3,0]"), eval("$range(6, 0, -3)", "{}"));
        assertEquals(json("'5d41402abc4b2a76b9719d911017c592'"), eval("$hash('hello', 'MD5')", "{}"));
        assertEquals(json("0.25"), eval("$random()", "{}"));
        assertEquals(eval("$random(7)", "{}"), eval("$random(7)", "{}"));
        assertEquals(json("'00000000-0000-4000-8000-000000000000'"), eval("$uuid()", "{}"));
        assertEquals(json("{'a':[1,true,null]}"), eval("$parse('{\"a\":[1,true,null]}')", "{}"));
    }

    @Test
    void shouldSeeVariablesButNotOtherNames() throws Exception {
        Map<String, JsonNode> values = new HashMap<>();
        values.put("x", json("5"));
        values.put("states", json("{'input':{}}"));
        assertEquals(json("{'x':42,'was':5}"), Expression.compile("{'x': 42, 'was': $x}")
                .evaluate(scope(values), "Assign"));
        assertNull(Expression.compile("$y").evaluate(scope(values), "Assign"));
    }

    @Test
    void shouldRecurseAndReportTooDeepRecursionAsAnEvaluationError() throws Exception {
        String f = "($f := function($n){$n = 0 ? 0 : 1 + $f($n - 1)}; $f(%d))";
        assertEquals(json("300"), eval(String.format(f, 300), "{}"));
        AslError e = assertThrows(AslError.class, () -> eval(String.format(f, 1_000_000), "{}"));
        assertEquals("States.QueryEvaluationError", e.error());
        assertTrue(e.cause().endsWith("Stack overflow: recursion too deep"), e.cause());
    }

    /** reference/states.md section 6: one cached expression, 100,000 evaluations, equal to fresh compiles. */
    @Test
    void shouldEvaluateOneCachedExpression100000TimesOnOneThread() throws Exception {
        String text = "{'total': $sum($states.input.items.(price * qty)), 'n': $count($states.input.items),"
                + " 'tag': $x & '-' & $string($states.input.i)}";
        Expression cached = Expression.compile(text);
        for (int i = 0; i < 100_000; i++) {
            Map<String, JsonNode> values = new HashMap<>();
            values.put("states", json("{'input':{'i':" + i + ",'items':[{'price':2,'qty':" + i
                    + "},{'price':1.5,'qty':2}]}}"));
            values.put("x", json("'v'"));
            JsonNode got = cached.evaluate(scope(values), "Output");
            if (i % 10_000 == 0 || i == 99_999) {
                assertEquals(Expression.compile(text).evaluate(scope(values), "Output"), got);
            }
            assertEquals(2L * i + 3, got.get("total").asLong());
        }
    }

    @Test
    void shouldEvaluateOneCachedExpressionFromSeveralThreads() throws Exception {
        String text = "$states.input.a * 2 + $count($states.input.b) + ($f := function($n){$n * $k}; $f($k))";
        Expression cached = Expression.compile(text);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 25_000; i++) {
                        Map<String, JsonNode> values = new HashMap<>();
                        int a = thread * 100_000 + i;
                        values.put("states", json("{'input':{'a':" + a + ",'b':[1,2," + thread + "]}}"));
                        values.put("k", json(String.valueOf(thread + 1)));
                        long want = 2L * a + 3 + (long) (thread + 1) * (thread + 1);
                        assertEquals(want, cached.evaluate(scope(values), "Output").asLong());
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }
}
