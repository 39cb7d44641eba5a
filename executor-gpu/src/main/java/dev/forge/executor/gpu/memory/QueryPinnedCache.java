package dev.forge.executor.gpu.memory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * A host-side cache of values made for GPU queries, least recently used first out once it holds more than its byte
 * budget, but never a value the running query has asked for: those stay until {@link #releaseAll()}, which the
 * executor calls when the query ends. Evicted values are closed. Keys compare by {@code equals} (a {@code Column}
 * key, which does not override it, by identity). Not thread-safe: the GPU executor runs one query at a time.
 */
public final class QueryPinnedCache<K, V> implements AutoCloseable {
    private final long budgetBytes;
    private final ToLongFunction<V> bytes;
    private final Consumer<V> closer;
    private final Map<K, V> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<K> inUse = new HashSet<>();
    private long heldBytes;

    public QueryPinnedCache(long budgetBytes, ToLongFunction<V> bytes, Consumer<V> closer) {
        this.budgetBytes = budgetBytes;
        this.bytes = bytes;
        this.closer = closer;
    }

    /** The value of {@code key}, made by {@code make} when it is not held; kept at least until {@link #releaseAll}. */
    public V get(K key, Function<K, V> make) {
        inUse.add(key);
        V known = entries.get(key);
        if (known != null) {
            return known;
        }
        V made = make.apply(key);
        entries.put(key, made);
        heldBytes += bytes.applyAsLong(made);
        evictOverBudget();
        return made;
    }

    /** Ends the current query's claim on its values: they may be closed again. */
    public void releaseAll() {
        inUse.clear();
        evictOverBudget();
    }

    /** Closes and drops the value of {@code key}, in use or not, after {@code beforeClose} has seen it. */
    public void remove(K key, Consumer<V> beforeClose) {
        inUse.remove(key);
        V value = entries.remove(key);
        if (value != null) {
            heldBytes -= bytes.applyAsLong(value);
            try {
                beforeClose.accept(value);
            } finally {
                closer.accept(value);
            }
        }
    }

    /** Closes and drops the values whose keys {@code which} accepts, in use or not. */
    public void removeIf(Predicate<K> which) {
        Iterator<Map.Entry<K, V>> held = entries.entrySet().iterator();
        while (held.hasNext()) {
            Map.Entry<K, V> entry = held.next();
            if (which.test(entry.getKey())) {
                drop(entry);
                inUse.remove(entry.getKey());
                held.remove();
            }
        }
    }

    public long heldBytes() {
        return heldBytes;
    }

    public int size() {
        return entries.size();
    }

    private void evictOverBudget() {
        Iterator<Map.Entry<K, V>> held = entries.entrySet().iterator();
        while (heldBytes > budgetBytes && held.hasNext()) {
            Map.Entry<K, V> eldest = held.next();
            if (!inUse.contains(eldest.getKey())) {
                drop(eldest);
                held.remove();
            }
        }
    }

    private void drop(Map.Entry<K, V> entry) {
        heldBytes -= bytes.applyAsLong(entry.getValue());
        closer.accept(entry.getValue());
    }

    @Override
    public void close() {
        List<V> all = new ArrayList<>(entries.values());
        entries.clear();
        inUse.clear();
        heldBytes = 0;
        all.forEach(closer);
    }
}
