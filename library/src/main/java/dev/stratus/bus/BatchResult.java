package dev.stratus.bus;

import dev.stratus.core.StratusException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The outcome of a batch call, entry by entry, keyed by the caller's entry ids.
 *
 * @param <T> the per-entry success result
 * @param successful results of the entries that succeeded
 * @param failed errors of the entries that failed, each with AWS's code and message
 */
public record BatchResult<T>(Map<String, T> successful, Map<String, StratusException> failed) {

    /** Copies the maps, keeping entry order. */
    public BatchResult {
        successful = Collections.unmodifiableMap(new LinkedHashMap<>(successful));
        failed = Collections.unmodifiableMap(new LinkedHashMap<>(failed));
    }
}
