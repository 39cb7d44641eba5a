package dev.forge.columnar.generate;

import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.file.ForgeFileWriter;
import dev.forge.columnar.io.DelimitedFormat;
import dev.forge.columnar.io.DelimitedWriter;
import dev.forge.columnar.io.ParquetTableWriter;
import dev.forge.columnar.io.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** A generated benchmark data set (TPC-H or SSB) at one scale factor, which can be written to a folder. */
public sealed interface Benchmark {
    List<String> tables();

    Schema schema(String table);

    long estimatedRows(String table);

    Table generate(String table) throws IOException;

    static Benchmark of(String name, double scaleFactor, int threads, ProgressListener progress) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "tpch", "tpc-h" -> new Tpch(new TpchGenerator(scaleFactor, threads, progress));
            case "ssb" -> new Ssb(new SsbGenerator(scaleFactor, threads, progress));
            default -> throw new IllegalArgumentException("unknown benchmark '" + name + "': use tpch or ssb");
        };
    }

    /**
     * Writes every table to {@code folder/<table>.<extension>}, creating the folder; returns the files in table order.
     * TPC-H text is streamed straight from the generator; other outputs go through an in-memory table.
     */
    default List<Path> writeTo(Path folder, OutputFormat format) throws IOException {
        Files.createDirectories(folder);
        if (!Files.isWritable(folder)) {
            throw new IOException("cannot write to " + folder);
        }
        for (String table : tables()) {
            Path file = folder.resolve(table + "." + format.extension);
            if (format == OutputFormat.CSV && this instanceof Tpch tpch) {
                tpch.generator.writeTbl(table, file);
                continue;
            }
            try (Table generated = generate(table)) {
                switch (format) {
                    case FORGE -> ForgeFileWriter.withDefaults().write(generated, file);
                    case CSV -> DelimitedWriter.of(DelimitedFormat.tbl()).write(generated, file);
                    case PARQUET -> ParquetTableWriter.write(generated, file);
                }
            }
        }
        return tables().stream().map(table -> folder.resolve(table + "." + format.extension)).toList();
    }

    /** TPC-H's eight tables. */
    record Tpch(TpchGenerator generator) implements Benchmark {
        public List<String> tables() {
            return TpchGenerator.TABLES;
        }

        public Schema schema(String table) {
            return generator.schema(table);
        }

        public long estimatedRows(String table) {
            return generator.estimatedRows(table);
        }

        public Table generate(String table) throws IOException {
            return generator.generate(table);
        }
    }

    /** SSB's lineorder and four dimensions. */
    record Ssb(SsbGenerator generator) implements Benchmark {
        public List<String> tables() {
            return SsbGenerator.TABLES;
        }

        public Schema schema(String table) {
            return generator.schema(table);
        }

        public long estimatedRows(String table) {
            return generator.estimatedRows(table);
        }

        public Table generate(String table) throws IOException {
            return generator.generate(table);
        }
    }
}
