package dev.stratus.bench.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks one result: {@code Class.method} and, in brackets, the parameters it must have, e.g.
 * {@code BalancerLookupBenchmark.lookup[impl=STRATUS,flows=1000000]}.
 */
record Selector(String name, Map<String, String> params) {

    static Selector parse(final String text) {
        int bracket = text.indexOf('[');
        if (bracket < 0) {
            return new Selector(text, Map.of());
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.substring(bracket + 1, text.length() - 1).split(",")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0].trim(), kv[1].trim());
        }
        return new Selector(text.substring(0, bracket), params);
    }

    boolean matches(final Result result) {
        if (!result.benchmark().endsWith("." + name)) {
            return false;
        }
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (!param.getValue().equals(result.params().get(param.getKey()))) {
                return false;
            }
        }
        return true;
    }

    Optional<Result> find(final List<Result> results) {
        return results.stream().filter(this::matches).findFirst();
    }

    @Override
    public String toString() {
        return params.isEmpty() ? name : name + params;
    }
}
