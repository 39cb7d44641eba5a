package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.engine.Engine;
import java.util.List;
import java.util.Optional;

/**
 * Forge against DuckDB, the same SQL on the same data in the same process, DuckDB on all cores: a filtered sum, a
 * GROUP BY over 10,000 keys, the top-10 pipeline and a join with GROUP BY. Forge runs on the GPU executor where it
 * can run the query on the GPU, else on the CPU executor, and the report names which. DuckDB is the baseline here, so
 * the speed-up is Forge's over DuckDB.
 */
public final class DuckDbExperiment extends SqlExperiment {

    @Override
    public String name() {
        return "duckdb";
    }

    @Override
    public String description() {
        return "the same SQL on the same data, Forge (GPU engine where it can, else CPU) vs DuckDB in-process on all"
                + " cores: filter+sum, GROUP BY, top 10, join+GROUP BY";
    }

    @Override
    public List<String> variants() {
        return SqlQuery.DUCKDB_COMPARISON.stream().map(SqlQuery::name).toList();
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        SqlFacts facts = SqlFacts.shared(context, size);
        SqlQuery query = SqlQuery.named(SqlQuery.DUCKDB_COMPARISON, variant);
        SqlSide.ForgeSide forge = null;
        String whyNotGpu = context.gpuAbsentReason();
        if (context.hasGpu()) {
            forge = new SqlSide.ForgeSide(facts.forge.session(), Engine.GPU);
            Optional<String> problem = forge.tryOnce(query.sql());
            if (problem.isPresent()) {
                forge = null;
                whyNotGpu = problem.get();
            }
        }
        if (forge == null) {
            forge = new SqlSide.ForgeSide(facts.forge.session(), Engine.CPU);
            Optional<String> problem = forge.tryOnce(query.sql());
            if (problem.isPresent()) {
                return new SqlTrial(query, size, new SqlSide.DuckDbSide(facts.duckDb), null,
                        "neither Forge engine runs it: " + whyNotGpu + "; " + problem.get(), List.of(), "");
            }
            return new SqlTrial(query, size, new SqlSide.DuckDbSide(facts.duckDb), forge, "", List.of(),
                    "Forge ran on the CPU engine (" + whyNotGpu + ")");
        }
        return new SqlTrial(query, size, new SqlSide.DuckDbSide(facts.duckDb), forge, "", List.of(), "");
    }
}
