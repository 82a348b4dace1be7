package dev.stratus.states.internal.jsonata;

import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.stratus.core.internal.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * AWS's additions to JSONata: {@code $partition}, {@code $range}, {@code $hash}, {@code $random}, {@code $uuid},
 * {@code $parse}.
 */
final class Functions {
    private static final List<String> HASHES = List.of("MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512");
    private static final int MAX_RANGE_ITEMS = 1000;

    private Functions() {
    }

    static void bind(final Jsonata.Frame frame, final String name, final Scope scope) {
        switch (name) {
            case "partition" -> frame.bind(name, Jsonata.function(name, (Jsonata.Fn2<Object, Object, Object>)
                    Functions::partition, null));
            case "range" -> frame.bind(name, Jsonata.function(name, (Jsonata.Fn3<Object, Object, Object, Object>)
                    Functions::range, null));
            case "hash" -> frame.bind(name, Jsonata.function(name, (Jsonata.Fn2<Object, Object, Object>)
                    Functions::hash, null));
            case "random" -> frame.bind(name, Jsonata.function(name, (Jsonata.FnVarArgs<Object>)
                    args -> random(args, scope), null));
            case "uuid" -> frame.bind(name, Jsonata.function(name, (Jsonata.Fn0<Object>)
                    () -> scope.uuid().toString(), null));
            case "parse" -> frame.bind(name, Jsonata.function(name, (Jsonata.Fn1<Object, Object>)
                    Functions::parse, null));
            default -> throw new IllegalArgumentException("not an AWS JSONata function: $" + name);
        }
    }

    private static Object partition(final Object array, final Object size) {
        if (!(array instanceof List<?> list)) {
            throw new IllegalArgumentException("The first argument of $partition must be an array");
        }
        int n = integer(size, "$partition", "size");
        if (n <= 0) {
            throw new IllegalArgumentException("The size argument of $partition must be positive: " + size);
        }
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += n) {
            out.add(new ArrayList<>(list.subList(i, Math.min(list.size(), i + n))));
        }
        return out;
    }

    private static Object range(final Object start, final Object end, final Object step) {
        long from = integer(start, "$range", "start");
        long to = integer(end, "$range", "end");
        long by = integer(step, "$range", "step");
        if (by == 0) {
            throw new IllegalArgumentException("The step argument of $range must not be zero");
        }
        List<Object> out = new ArrayList<>();
        for (long v = from; by > 0 ? v <= to : v >= to; v += by) {
            if (out.size() == MAX_RANGE_ITEMS) {
                throw new IllegalArgumentException("$range cannot return more than " + MAX_RANGE_ITEMS + " items");
            }
            out.add(v);
        }
        return out;
    }

    private static Object hash(final Object value, final Object algorithm) {
        if (!(value instanceof String text)) {
            throw new IllegalArgumentException("The first argument of $hash must be a string");
        }
        if (!(algorithm instanceof String name) || !HASHES.contains(name)) {
            throw new IllegalArgumentException("The hash algorithm of $hash must be one of " + HASHES + ": "
                    + algorithm);
        }
        try {
            byte[] digest = MessageDigest.getInstance(name).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    private static Object random(final List<?> args, final Scope scope) {
        if (args.isEmpty() || args.get(0) == null) {
            return scope.random();
        }
        return new Random(integer(args.get(0), "$random", "seed")).nextDouble();
    }

    private static Object parse(final Object text) {
        if (!(text instanceof String s)) {
            throw new IllegalArgumentException("The argument of $parse must be a string");
        }
        JsonNode parsed;
        try {
            parsed = Json.parse(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("The argument of $parse is not valid JSON: " + s);
        }
        return Views.of(parsed);
    }

    private static int integer(final Object value, final String function, final String argument) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                || Math.abs(n.doubleValue()) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("The " + argument + " argument of " + function
                    + " must be an integer: " + value);
        }
        return n.intValue();
    }
}
