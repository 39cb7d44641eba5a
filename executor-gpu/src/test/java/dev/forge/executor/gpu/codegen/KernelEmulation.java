package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.HostPrograms;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.corpus.ResultComparator;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.executor.gpu.memory.StringDictionaryCache;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.Stage;
import dev.forge.executor.gpu.run.DictionaryCatalog;
import dev.forge.executor.gpu.run.GpuFallbackException;
import dev.forge.executor.gpu.run.GroupReadBackAccess;
import dev.forge.executor.gpu.run.OverlayCatalog;
import dev.forge.executor.gpu.run.StringDictionaries;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.Expr;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Runs the generated kernels of queries on the CPU, compiled by g++ against primitives' CUDA emulation with
 * AddressSanitizer and UndefinedBehaviorSanitizer (see {@link EmulatedPipelinePrograms}), stage by stage as the GPU
 * executor does: each stage's pipeline output is compared with the CPU executor's answer for the plan subtree it
 * computes, finished on the host where the plan says so, and becomes the table (or scalar row) the next stages read;
 * the query's result is compared with the CPU executor's too. It checks the kernels' logic where there is no GPU; the
 * runner's device code is checked by the GPU tests. Skipped where g++ or the emulation headers are missing.
 */
final class KernelEmulation {
    private static final Path PRIMITIVES_EMULATION = Path.of("../primitives/src/test/emulation");

    private KernelEmulation() {
    }

    /**
     * What the emulation made of one query: its result (null after a fallback), or why the GPU executor would have run
     * it on the CPU instead (a kernel's error status, a scalar sub-query with more rows than one, ...).
     */
    record EmulatedQuery(String sql, GpuPlan plan, ResultRows result, String fallback) {
    }

    /** Plans each query, runs its stages on the emulation, and returns the GPU plans (for further checks). */
    static List<GpuPlan> assertKernelsMatchTheCpu(Path folder, TableCatalog catalog, List<String> queries)
            throws IOException, InterruptedException {
        List<String> differences = new ArrayList<>();
        List<EmulatedQuery> emulated = emulate(folder, catalog, queries, differences);
        for (EmulatedQuery query : emulated) {
            if (query.fallback() != null) {
                differences.add(query.sql() + ": the GPU executor would run it on the CPU: " + query.fallback());
            }
        }
        assertThat(differences).as("queries whose emulated kernels disagree with the CPU executor").isEmpty();
        return emulated.stream().map(EmulatedQuery::plan).toList();
    }

    /**
     * Plans each query and runs its stages on the emulation, round by round (round r runs every query's r-th stage),
     * adding to {@code differences} each stage or result that disagrees with the CPU executor.
     */
    static List<EmulatedQuery> emulate(Path folder, TableCatalog catalog, List<String> queries,
            List<String> differences) throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        assumeTrue(Files.exists(PRIMITIVES_EMULATION.resolve("cuda_blocks_on_cpu.h")), "kernel emulation skipped: no "
                + PRIMITIVES_EMULATION.resolve("cuda_blocks_on_cpu.h") + " beside this module");
        CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
        List<QueryRun> runs = new ArrayList<>();
        try (StringDictionaryCache dictionaries = new StringDictionaryCache(Long.MAX_VALUE);
                StringDictionaries strings = new StringDictionaries(Long.MAX_VALUE)) {
            for (String sql : queries) {
                runs.add(new QueryRun(sql, planner.plan(sql).plan()));
            }
            int rounds = runs.stream().mapToInt(run -> run.gpuPlan.stages().size()).max().orElse(0);
            for (int round = 0; round < rounds; round++) {
                runRound(Files.createDirectories(folder.resolve("round" + round)), round, catalog, runs, dictionaries,
                        strings, differences);
            }
            List<EmulatedQuery> emulated = new ArrayList<>();
            for (QueryRun run : runs) {
                ResultRows result = run.result == null ? null : ResultRows.of(run.result);
                if (result != null) {
                    try (Table expected = new CpuExecutor().execute(run.plan, catalog, () -> false)) {
                        ResultComparator.compare(ResultRows.of(expected), result, false).ifPresent(difference ->
                                differences.add(run.sql + " (the whole query):\n" + difference));
                    }
                }
                emulated.add(new EmulatedQuery(run.sql, run.gpuPlan, result, run.fallback));
            }
            return emulated;
        } finally {
            runs.forEach(QueryRun::close);
        }
    }

    /** One query's plan, kernels and stage results as the emulation runs it. */
    private static final class QueryRun implements AutoCloseable {
        final String sql;
        final PlanNode plan;
        final GpuPlan gpuPlan;
        final Map<Stage, GeneratedKernel> kernels;
        final Map<String, Table> stageResults = new LinkedHashMap<>();
        Table result;
        String fallback;

        QueryRun(String sql, PlanNode plan) {
            this.sql = sql;
            this.plan = plan;
            this.gpuPlan = GpuPlan.of(plan);
            this.kernels = GpuExecutor.kernels(gpuPlan);
        }

        boolean runsIn(int round) {
            return fallback == null && round < gpuPlan.stages().size();
        }

        /** Keeps a stage's result: the query's, or a table for the stages after it. */
        void keep(Stage stage, Table stageResult) {
            if (stage == gpuPlan.result()) {
                result = stageResult;
            } else {
                stageResults.put(stage.tableName(), stageResult);
            }
        }

        @Override
        public void close() {
            stageResults.values().forEach(Table::close);
            if (result != null) {
                result.close();
            }
        }
    }

    private static void runRound(Path folder, int round, TableCatalog catalog, List<QueryRun> runs,
            StringDictionaryCache dictionaries, StringDictionaries dictionariesOf, List<String> differences)
            throws IOException, InterruptedException {
        EmulatedPipelinePrograms program = new EmulatedPipelinePrograms(dictionariesOf);
        List<QueryRun> inRound = new ArrayList<>();
        List<TableCatalog> codedCatalogs = new ArrayList<>();
        for (QueryRun run : runs) {
            if (run.runsIn(round) && run.gpuPlan.stages().get(round).hostOnly()) { // a union: the CPU's part only
                Stage stage = run.gpuPlan.stages().get(round);
                run.keep(stage, new CpuExecutor().execute(stage.hostPlan(), OverlayCatalog.of(catalog,
                        run.stageResults), () -> false));
            } else if (run.runsIn(round)) {
                GeneratedKernel kernel = run.kernels.get(run.gpuPlan.stages().get(round));
                // as the executor does: kernels read plain strings as codes of a dictionary made on first use
                TableCatalog coded = DictionaryCatalog.of(List.of(kernel),
                        OverlayCatalog.of(catalog, run.stageResults), dictionaries::dictionaryEncoded);
                program.add(kernel, coded);
                inRound.add(run);
                codedCatalogs.add(coded);
            }
        }
        if (inRound.isEmpty()) {
            return;
        }
        List<String> output = compileAndRun(folder, program);
        for (int q = 0; q < inRound.size(); q++) {
            QueryRun run = inRound.get(q);
            Stage stage = run.gpuPlan.stages().get(round);
            GeneratedKernel kernel = run.kernels.get(stage);
            List<String> section = section(output, q);
            if (section.getFirst().startsWith("STATUS")) { // a kernel error: the CPU would answer or report it
                run.fallback = "stage " + stage.number() + "'s kernel reported " + section.getFirst();
                continue;
            }
            ResultRows rows;
            Table pipelineResult;
            try {
                TableCatalog coded = codedCatalogs.get(q);
                Function<Expr, ColumnView> stringsOf = strings -> dictionariesOf.dictionary(kernel.pipeline(),
                        strings, coded);
                if (stage.pipeline().sink() instanceof PipelineSink.GroupedAggregation grouped) {
                    // the runner's own read-back of the group words (GroupColumns), whose table the next stage reads
                    pipelineResult = decodedGroups(kernel, grouped, section, stringsOf, false);
                    rows = ResultRows.of(pipelineResult);
                    if (grouped.top() != null) { // as the runner: the host's TopN sees only the groups it can return
                        pipelineResult.close();
                        pipelineResult = decodedGroups(kernel, grouped, section, stringsOf, true);
                    }
                } else {
                    rows = EmulatedResults.read(kernel, section, stringsOf);
                    pipelineResult = EmulatedTables.of(rows, GpuPlan.uniqueNames(stage.pipeline().sink().fields()));
                }
            } catch (GpuFallbackException fallback) {
                run.fallback = "stage " + stage.number() + ": " + fallback.getMessage();
                continue;
            }
            try (Table expected = new CpuExecutor().execute(stage.pipelineSource(), catalog, () -> false)) {
                ResultComparator.compare(ResultRows.of(expected), rows, false).ifPresent(difference ->
                        differences.add(run.sql + " (stage " + stage.number() + "'s pipeline):\n" + difference));
            }
            run.keep(stage, finishOnHost(stage, pipelineResult, catalog));
        }
    }

    /**
     * The compacted groups the emulated kernel printed (a header "groups N W", then W words per group, one a line),
     * read back by the runner's code from host memory as the GPU's copy would leave them: all of them, or only the
     * {@code candidates} for a TopN that follows.
     */
    private static Table decodedGroups(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink,
            List<String> section, Function<Expr, ColumnView> dictionaries, boolean candidates) {
        String[] header = section.getFirst().split(" ");
        long groups = Long.parseLong(header[1]);
        int words = Integer.parseInt(header[2]);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(Math.max(8, groups * words * 8), 8);
            for (long w = 0; w < groups * words; w++) {
                memory.setAtIndex(ValueLayout.JAVA_LONG, w, Long.parseUnsignedLong(section.get((int) (1 + w))));
            }
            return candidates ? GroupReadBackAccess.decodeCandidates(kernel, sink, memory, groups, dictionaries)
                    : GroupReadBackAccess.decodeGroups(kernel, sink, memory, groups, dictionaries);
        }
    }

    /** As the executor: the CPU executor finishes the stage's host part over the pipeline's result. */
    private static Table finishOnHost(Stage stage, Table pipelineResult, TableCatalog catalog) {
        if (stage.hostPlan() == null) {
            return pipelineResult;
        }
        try (pipelineResult) {
            return new CpuExecutor().execute(stage.hostPlan(),
                    OverlayCatalog.of(catalog, GpuPlan.GPU_RESULT_TABLE, pipelineResult), () -> false);
        }
    }

    private static List<String> compileAndRun(Path folder, EmulatedPipelinePrograms program)
            throws IOException, InterruptedException {
        for (Map.Entry<String, String> file : program.files().entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, byte[]> file : program.binaries().entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        Path executable = folder.resolve("pipelines_on_cpu");
        run(List.of("g++", "-std=c++20", "-O1", "-w", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                "-I" + folder, "-Isrc/test/emulation", "-I" + PRIMITIVES_EMULATION, "-Isrc/main/cuda",
                folder.resolve("driver.cpp").toString(), "-o", executable.toString()), null, "compiling the emulation");
        return run(List.of(executable.toString()), folder, "running the kernels on the CPU").lines().toList();
    }

    private static List<String> section(List<String> output, int query) {
        int start = output.indexOf("QUERY " + query);
        assertThat(start).as("output of query " + query + ":\n" + String.join("\n", output)).isGreaterThanOrEqualTo(0);
        int end = output.indexOf("QUERY " + (query + 1));
        return output.subList(start + 1, end < 0 ? output.size() : end);
    }

    private static String run(List<String> command, Path directory, String what)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(600, TimeUnit.SECONDS);
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as(what + " finished").isTrue();
        assertThat(process.exitValue()).as(what + ":\n" + text).isZero();
        return text;
    }
}
