package dev.forge.bench.primitives;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The families of primitives {@code forge bench primitives} measures, in the order it runs them; {@code --only} names
 * some of them by {@link #optionName}, so that one family can be measured again without the others.
 */
public enum PrimitiveFamily {
    REDUCE("reduce"),
    SCAN("scan"),
    RUN_LENGTH("run-length"),
    SEGMENTED("segmented"),
    SORT("sort"),
    HISTOGRAM("histogram"),
    SELECT("select"),
    HASH_PROBE("hash-probe"),
    GROUP_BY("group-by"),
    TOP_K("top-k");

    private final String optionName;

    PrimitiveFamily(String optionName) {
        this.optionName = optionName;
    }

    /** The name {@code --only} takes and the tables show. */
    public String optionName() {
        return optionName;
    }

    /** Every family's option name, comma-separated, for messages. */
    public static String optionNames() {
        return Arrays.stream(values()).map(PrimitiveFamily::optionName).collect(Collectors.joining(", "));
    }

    /**
     * The families named in {@code list} (comma-separated option names, case and spaces ignored); throws, naming the
     * valid names, on an unknown or missing one.
     */
    public static Set<PrimitiveFamily> parseList(String list) {
        EnumSet<PrimitiveFamily> families = EnumSet.noneOf(PrimitiveFamily.class);
        for (String name : list.split(",", -1)) {
            String wanted = name.strip().toLowerCase(Locale.ROOT);
            PrimitiveFamily family = Arrays.stream(values()).filter(f -> f.optionName.equals(wanted)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("--only: '" + name.strip() + "' is not a family of"
                            + " primitives; choose from " + optionNames() + " (comma-separated)"));
            families.add(family);
        }
        return families;
    }
}
