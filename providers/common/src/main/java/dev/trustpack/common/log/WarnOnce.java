package dev.trustpack.common.log;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which problems were already logged, so a misconfiguration read on every login is logged once, not at
 * every request. Bounded: when full it forgets everything and may log a problem again, rather than grow without end.
 * A factory owns one and hands it to its providers.
 */
public final class WarnOnce {

    private final int capacity;
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    public WarnOnce(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    /** True the first time a key is seen (since the last reset): the caller logs then. */
    public boolean first(String key) {
        if (seen.size() >= capacity) {
            seen.clear();
        }
        return seen.add(key);
    }
}
