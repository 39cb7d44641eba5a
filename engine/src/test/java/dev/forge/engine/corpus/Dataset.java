package dev.forge.engine.corpus;

import java.util.Locale;

/**
 * The data a corpus case runs on: {@code features} (the hand-written tables of {@code corpus/data/features.tables}),
 * or TPC-H or SSB generated at {@code scaleFactor} (0 for the feature tables, which have no scale).
 */
public record Dataset(String name, double scaleFactor) {
    public static final String FEATURES = "features";
    public static final String TPCH = "tpch";
    public static final String SSB = "ssb";

    public Dataset {
        name = name.toLowerCase(Locale.ROOT);
        switch (name) {
            case FEATURES -> scaleFactor = 0;
            case TPCH, SSB -> {
                if (scaleFactor <= 0) {
                    throw new IllegalArgumentException(name + " needs a scale factor > 0");
                }
            }
            default -> throw new IllegalArgumentException("unknown dataset '" + name + "': use features, tpch or ssb");
        }
    }

    /** The dataset a case names, at the scale factor of the run. */
    public static Dataset of(String name, double scaleFactor) {
        return new Dataset(name, scaleFactor);
    }

    @Override
    public String toString() {
        return scaleFactor == 0 ? name : name + " SF " + scaleFactor;
    }
}
