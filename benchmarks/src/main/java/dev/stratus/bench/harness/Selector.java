package dev.stratus.bench.harness;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks one result: {@code Class.method}, in brackets the parameters it must have, and after a colon a secondary
 * metric to read instead of the primary score, e.g. {@code BalancerLookupBenchmark.lookup[impl=SHARD_ROUTE]} or
 * {@code BalancerRingBenchmark.handoff:offer}.
 */
record Selector(String name, Map<String, String> params, String metric) {

    static Selector parse(final String spec) {
        String text = spec;
        String metric = null;
        int colon = text.lastIndexOf(':');
        if (colon > text.lastIndexOf(']')) {
            metric = text.substring(colon + 1);
            text = text.substring(0, colon);
        }
        int bracket = text.indexOf('[');
        if (bracket < 0) {
            return new Selector(text, Map.of(), metric);
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : text.substring(bracket + 1, text.length() - 1).split(",")) {
            String[] kv = pair.split("=", 2);
            params.put(kv[0].trim(), kv[1].trim());
        }
        return new Selector(text.substring(0, bracket), params, metric);
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
        Optional<Result> found = results.stream().filter(this::matches).findFirst();
        return metric == null ? found : found.map(r -> r.secondary().get(metric));
    }

    @Override
    public String toString() {
        return (params.isEmpty() ? name : name + params) + (metric == null ? "" : ":" + metric);
    }
}
