package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.engine.Engine;
import java.util.List;
import java.util.Optional;

/**
 * The end-to-end pipeline through Forge's Java API: {@code SELECT key, SUM(amount) ... WHERE category < 50 GROUP BY
 * key ORDER BY 2 DESC LIMIT 10} over {@link SqlFacts}' table, the GPU executor ({@code Engine.GPU}) against the CPU
 * executor, with DuckDB on the same data as the peer. Each is timed from the call to the last row read, planning
 * included. Without a GPU (or where the GPU executor cannot run the query, or hands it to the CPU) the GPU side is
 * reported absent, saying why, and the CPU executor and DuckDB are still measured and compared.
 */
public final class PipelineExperiment extends SqlExperiment {

    @Override
    public String name() {
        return "pipeline";
    }

    @Override
    public String description() {
        return "end-to-end SQL (filter, GROUP BY, ORDER BY SUM DESC LIMIT 10) through Forge: GPU engine vs CPU engine,"
                + " DuckDB as the peer";
    }

    @Override
    public List<String> variants() {
        return List.of(SqlQuery.TOP_KEYS.name());
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        SqlFacts facts = SqlFacts.shared(context, size);
        SqlQuery query = SqlQuery.TOP_KEYS;
        SqlSide.ForgeSide cpu = new SqlSide.ForgeSide(facts.forge.session(), Engine.CPU);
        Optional<String> cpuProblem = cpu.tryOnce(query.sql());
        if (cpuProblem.isPresent()) {
            throw new IllegalStateException(cpuProblem.get());
        }
        SqlSide.ForgeSide gpu = null;
        String gpuAbsent = context.gpuAbsentReason();
        if (context.hasGpu()) {
            gpu = new SqlSide.ForgeSide(facts.forge.session(), Engine.GPU);
            Optional<String> gpuProblem = gpu.tryOnce(query.sql());
            if (gpuProblem.isPresent()) {
                gpu = null;
                gpuAbsent = gpuProblem.get();
            }
        }
        return new SqlTrial(query, size, cpu, gpu, gpuAbsent, List.of(new SqlSide.DuckDbSide(facts.duckDb)), "");
    }
}
