package dev.forge.bench.experiments;

import java.util.List;
import java.util.Locale;

/**
 * How much a run measures: quick (1M, 3 timed runs), standard (1M and 10M, 10 timed runs after 3 warm-ups) and
 * thorough (adds 100M and then larger sizes, 1-2-5 steps up to 2G, while the trial fits the GPU's free memory and the
 * host's, 30 timed runs). Quick warms up once, thorough three times as standard does.
 */
public enum Profile {
    QUICK(List.of(1_000_000L), 3, 1, false),
    STANDARD(List.of(1_000_000L, 10_000_000L), 10, 3, false),
    THOROUGH(List.of(1_000_000L, 10_000_000L, 100_000_000L), 30, 3, true);

    private final List<Long> sizes;
    private final int runs;
    private final int warmups;
    private final boolean growsToMemory;

    Profile(List<Long> sizes, int runs, int warmups, boolean growsToMemory) {
        this.sizes = sizes;
        this.runs = runs;
        this.warmups = warmups;
        this.growsToMemory = growsToMemory;
    }

    public List<Long> sizes() {
        return sizes;
    }

    public int runs() {
        return runs;
    }

    public int warmups() {
        return warmups;
    }

    /** Whether sizes beyond the listed ones are added while they fit the machine. */
    public boolean growsToMemory() {
        return growsToMemory;
    }

    public static Profile parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("'" + text + "' is not a profile: use quick, standard or thorough");
        }
    }

    public String displayName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
