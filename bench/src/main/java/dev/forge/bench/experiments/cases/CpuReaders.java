package dev.forge.bench.experiments.cases;

import dev.forge.columnar.Schema;
import dev.forge.columnar.io.DelimitedFormat;
import dev.forge.columnar.io.DelimitedReader;
import dev.forge.columnar.io.HeaderMode;
import dev.forge.columnar.io.NdjsonReader;
import dev.forge.columnar.io.ReadResult;
import java.io.IOException;
import java.nio.file.Path;

/**
 * columnar's text readers as the parse experiment runs them: the schema given (no inference), CSV without a header,
 * a bad row fails the read.
 */
final class CpuReaders {
    private CpuReaders() {
    }

    static ReadResult read(TextFormat format, Path file, Schema schema, int threads) throws IOException {
        return switch (format) {
            case CSV -> DelimitedReader.of(DelimitedFormat.csv().withHeader(HeaderMode.ABSENT)).schema(schema)
                    .threads(threads).read(file);
            case NDJSON -> NdjsonReader.create().schema(schema).threads(threads).read(file);
        };
    }

    static String name(TextFormat format) {
        return switch (format) {
            case CSV -> "DelimitedReader";
            case NDJSON -> "NdjsonReader";
        };
    }
}
