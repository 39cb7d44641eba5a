package dev.forge.columnar.catalog;

import dev.forge.columnar.io.DelimitedFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The data file formats a folder catalog reads, detected from a file's first bytes, else from its extension. */
public enum FileFormat {
    FORGE, PARQUET, CSV, TSV, TBL, NDJSON;

    private static final byte[] PARQUET_MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FORGE_MAGIC = "FORGECOL".getBytes(StandardCharsets.US_ASCII);

    /** The format of {@code file}, or empty when it is not a data file Forge reads. */
    public static Optional<FileFormat> detect(Path file) throws IOException {
        byte[] head = new byte[8];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        if (read >= 4 && Arrays.equals(head, 0, 4, PARQUET_MAGIC, 0, 4)) {
            return Optional.of(PARQUET);
        }
        if (read == 8 && Arrays.equals(head, FORGE_MAGIC)) {
            return Optional.of(FORGE);
        }
        return fromExtension(file);
    }

    static Optional<FileFormat> fromExtension(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
        return switch (extension) {
            case "forge" -> Optional.of(FORGE);
            case "parquet", "pq" -> Optional.of(PARQUET);
            case "csv" -> Optional.of(CSV);
            case "tsv", "tab" -> Optional.of(TSV);
            case "tbl" -> Optional.of(TBL);
            case "ndjson", "jsonl", "json" -> Optional.of(NDJSON);
            default -> Optional.empty();
        };
    }

    /** The delimited format for CSV, TSV and TBL. */
    DelimitedFormat delimited() {
        return switch (this) {
            case CSV -> DelimitedFormat.csv();
            case TSV -> DelimitedFormat.tsv();
            case TBL -> DelimitedFormat.tbl();
            case FORGE, PARQUET, NDJSON -> throw new IllegalStateException(this + " is not delimited text");
        };
    }

    /** Whether loading it pays for a {@code .forge} cache: everything that is not already one. */
    boolean cacheable() {
        return this != FORGE;
    }
}
