package dev.forge.engine.corpus;

import dev.forge.columnar.Table;
import dev.forge.columnar.generate.SsbGenerator;
import dev.forge.columnar.generate.TpchGenerator;
import dev.forge.columnar.io.ProgressListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each dataset's tables, generated (or parsed) once per JVM and kept for the rest of it: every corpus test, engine and
 * oracle of the run reads the same tables. They are never closed; the JVM's exit frees them.
 */
public final class Datasets {
    private static final Map<Dataset, Map<String, Table>> CACHE = new ConcurrentHashMap<>();

    private Datasets() {
    }

    public static Map<String, Table> tables(Dataset dataset) {
        return CACHE.computeIfAbsent(dataset, Datasets::create);
    }

    private static Map<String, Table> create(Dataset dataset) {
        int threads = Runtime.getRuntime().availableProcessors();
        try {
            return switch (dataset.name()) {
                case Dataset.FEATURES -> Collections.unmodifiableMap(FeatureTables.load("corpus/data/features.tables"));
                case Dataset.TPCH -> {
                    TpchGenerator generator = new TpchGenerator(dataset.scaleFactor(), threads, ProgressListener.NONE);
                    yield generate(TpchGenerator.TABLES, generator::generate);
                }
                case Dataset.SSB -> {
                    SsbGenerator generator = new SsbGenerator(dataset.scaleFactor(), threads, ProgressListener.NONE);
                    yield generate(SsbGenerator.TABLES, generator::generate);
                }
                default -> throw new IllegalArgumentException("unknown dataset " + dataset);
            };
        } catch (IOException e) {
            throw new UncheckedIOException("generating " + dataset, e);
        }
    }

    private interface Generator {
        Table generate(String table) throws IOException;
    }

    private static Map<String, Table> generate(List<String> names, Generator generator) throws IOException {
        Map<String, Table> tables = new LinkedHashMap<>();
        for (String name : names) {
            tables.put(name, generator.generate(name));
        }
        return Collections.unmodifiableMap(tables);
    }
}
