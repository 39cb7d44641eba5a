package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;

/** What the SQL experiments share: sizes are fact rows, and their memory is the tables' (see {@link SqlFacts}). */
abstract class SqlExperiment implements Experiment {

    @Override
    public String sizeUnit() {
        return "rows";
    }

    @Override
    public long deviceBytes(String variant, long size) {
        // the fact columns with room for the GPU executor's intermediates
        return 3 * SqlQuery.factBytes(size) + (256 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        // Forge's columns, DuckDB's copy, the CSV text on its way there and the executors' working memory
        return 6 * SqlQuery.factBytes(size);
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub("a SQL query has no CUB counterpart");
    }
}
