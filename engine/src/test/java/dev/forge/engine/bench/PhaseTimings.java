package dev.forge.engine.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Samples of named phases per query, printed as a Markdown table of medians in microseconds (one row per query, one
 * column per phase in the order they were first recorded, and a row of the medians' sums). The host-overhead profiles
 * use it so their tables read alike.
 */
public final class PhaseTimings {
    private final Map<String, Map<String, List<Long>>> samples = new LinkedHashMap<>();
    private final List<String> phases = new ArrayList<>();

    /** Records one sample of {@code phase} for {@code query}. */
    public void add(String query, String phase, long nanos) {
        if (!phases.contains(phase)) {
            phases.add(phase);
        }
        samples.computeIfAbsent(query, ignored -> new LinkedHashMap<>())
                .computeIfAbsent(phase, ignored -> new ArrayList<>()).add(nanos);
    }

    /** The median of {@code query}'s samples of {@code phase} in microseconds, NaN where there are none. */
    public double medianMicros(String query, String phase) {
        List<Long> values = samples.getOrDefault(query, Map.of()).get(phase);
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        long[] sorted = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double nanos = sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return nanos / 1000;
    }

    /** The sum over queries of the medians of {@code phase}, in microseconds. */
    public double totalMicros(String phase) {
        double total = 0;
        for (String query : samples.keySet()) {
            double median = medianMicros(query, phase);
            if (!Double.isNaN(median)) {
                total += median;
            }
        }
        return total;
    }

    public String markdown() {
        StringBuilder text = new StringBuilder("| query |");
        phases.forEach(phase -> text.append(' ').append(phase).append(" |"));
        text.append("\n|---|").append("---:|".repeat(phases.size())).append('\n');
        for (String query : samples.keySet()) {
            text.append("| ").append(query).append(" |");
            for (String phase : phases) {
                double median = medianMicros(query, phase);
                text.append(Double.isNaN(median) ? " - |" : String.format(Locale.ROOT, " %.0f |", median));
            }
            text.append('\n');
        }
        text.append("| **total** |");
        phases.forEach(phase -> text.append(String.format(Locale.ROOT, " **%.0f** |", totalMicros(phase))));
        return text.append('\n').toString();
    }
}
