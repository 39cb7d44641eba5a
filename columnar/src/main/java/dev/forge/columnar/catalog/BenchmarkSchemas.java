package dev.forge.columnar.catalog;

import dev.forge.columnar.Schema;
import dev.forge.columnar.generate.SsbGenerator;
import dev.forge.columnar.generate.TpchGenerator;
import java.util.Optional;
import java.util.Set;

/**
 * The column names and types of TPC-H and SSB tables, for {@code .tbl} files, which have no header: a folder holding
 * {@code lineitem} is TPC-H, one holding {@code lineorder} SSB, and their {@code .tbl} tables are read with the
 * benchmark's schema instead of {@code column0..n} and inferred types.
 */
final class BenchmarkSchemas {
    private BenchmarkSchemas() {
    }

    static Optional<Schema> forTable(Set<String> tablesInFolder, String table) {
        if (tablesInFolder.contains("lineorder") && SsbGenerator.TABLES.contains(table)) {
            return Optional.of(new SsbGenerator(1, 1, (task, done, total) -> { }).schema(table));
        }
        if (tablesInFolder.contains("lineitem") && TpchGenerator.TABLES.contains(table)) {
            return Optional.of(new TpchGenerator(1, 1, (task, done, total) -> { }).schema(table));
        }
        return Optional.empty();
    }
}
