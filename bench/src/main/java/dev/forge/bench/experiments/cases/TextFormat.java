package dev.forge.bench.experiments.cases;

import java.util.Locale;

/** The text formats the parse experiment reads: its variants, and the GPU kernel that parses each. */
enum TextFormat {
    /** Comma-separated, no header, no quoting. */
    CSV("text_parse_csv", ".csv"),
    /** One flat JSON object per line. */
    NDJSON("text_parse_ndjson", ".ndjson");

    private final String kernel;
    private final String fileSuffix;

    TextFormat(String kernel, String fileSuffix) {
        this.kernel = kernel;
        this.fileSuffix = fileSuffix;
    }

    String kernel() {
        return kernel;
    }

    String fileSuffix() {
        return fileSuffix;
    }

    /** "csv" or "ndjson": the variant's name. */
    String variant() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TextFormat ofVariant(String variant) {
        for (TextFormat format : values()) {
            if (format.variant().equals(variant)) {
                return format;
            }
        }
        throw new IllegalArgumentException("no parse variant '" + variant + "': use csv or ndjson");
    }
}
