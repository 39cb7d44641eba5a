package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.columnar.Table;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.corpus.ResultComparator;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.memory.StringDictionaryCache;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.run.DictionaryCatalog;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the generated kernels of queries on the CPU, compiled by g++ against primitives' CUDA emulation with
 * AddressSanitizer and UndefinedBehaviorSanitizer (see {@link EmulatedPipelinePrograms}), and compares what each
 * pipeline wrote with the CPU executor's answer for the same plan node. It checks the kernels' logic where there is no
 * GPU; the runner's device code is checked by the GPU tests. Skipped where g++ or the emulation headers are missing.
 */
final class KernelEmulation {
    private KernelEmulation() {
    }

    /** Plans each query, runs its pipeline on the emulation, and returns the GPU plans (for further checks). */
    static List<GpuPlan> assertKernelsMatchTheCpu(Path folder, TableCatalog catalog, List<String> queries)
            throws IOException, InterruptedException {
        assumeTrue(onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        Path primitivesEmulation = Path.of("../primitives/src/test/emulation");
        assumeTrue(Files.exists(primitivesEmulation.resolve("cuda_blocks_on_cpu.h")), "kernel emulation skipped: no "
                + primitivesEmulation.resolve("cuda_blocks_on_cpu.h") + " beside this module");
        CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
        List<GpuPlan> plans = new ArrayList<>();
        List<GeneratedKernel> roots = new ArrayList<>();
        List<PlanNode> pipelineRoots = new ArrayList<>();
        for (String sql : queries) {
            PlanNode node = planner.plan(sql).plan();
            GpuPlan plan = GpuPlan.of(node);
            while (plan.hostPlan() != null && !(node instanceof HashAggregate)) {
                node = node.inputs().getFirst(); // the host finishes what is above the aggregate
            }
            plans.add(plan);
            pipelineRoots.add(node);
            roots.add(KernelGenerator.generate(plan.pipeline()));
        }
        try (StringDictionaryCache dictionaries = new StringDictionaryCache(Long.MAX_VALUE)) {
            // as the executor does: kernels read plain strings as codes of a dictionary made on first use
            TableCatalog coded = DictionaryCatalog.of(roots, catalog, dictionaries::dictionaryEncoded);
            compareWithTheCpu(folder, catalog, coded, queries, roots, pipelineRoots);
        }
        return plans;
    }

    private static void compareWithTheCpu(Path folder, TableCatalog catalog, TableCatalog coded, List<String> queries,
            List<GeneratedKernel> roots, List<PlanNode> pipelineRoots) throws IOException, InterruptedException {
        Path primitivesEmulation = Path.of("../primitives/src/test/emulation");
        EmulatedPipelinePrograms program = new EmulatedPipelinePrograms(coded);
        roots.forEach(program::add);
        for (Map.Entry<String, String> file : program.files().entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, byte[]> file : program.binaries().entrySet()) {
            Files.write(folder.resolve(file.getKey()), file.getValue());
        }
        Path executable = folder.resolve("pipelines_on_cpu");
        run(List.of("g++", "-std=c++20", "-O1", "-w", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                "-I" + folder, "-Isrc/test/emulation", "-I" + primitivesEmulation, "-Isrc/main/cuda",
                folder.resolve("driver.cpp").toString(), "-o", executable.toString()), null, "compiling the emulation");
        List<String> output = run(List.of(executable.toString()), folder, "running the kernels on the CPU").lines()
                .toList();
        List<String> differences = new ArrayList<>();
        for (int index = 0; index < queries.size(); index++) {
            int q = index;
            List<String> section = section(output, q);
            if (section.getFirst().startsWith("STATUS")) { // a kernel error: the CPU would answer or report it
                differences.add(queries.get(q) + ": the kernel reported " + section.getFirst());
                continue;
            }
            ResultRows actual = EmulatedResults.read(roots.get(q), section, coded);
            try (Table expected = new CpuExecutor().execute(pipelineRoots.get(q), catalog, () -> false)) {
                ResultComparator.compare(ResultRows.of(expected), actual, false)
                        .ifPresent(difference -> differences.add(queries.get(q) + ":\n" + difference));
            }
        }
        assertThat(differences).as("queries whose emulated kernels disagree with the CPU executor").isEmpty();
    }

    private static List<String> section(List<String> output, int query) {
        int start = output.indexOf("QUERY " + query);
        assertThat(start).as("output of query " + query + ":\n" + String.join("\n", output)).isGreaterThanOrEqualTo(0);
        int end = output.indexOf("QUERY " + (query + 1));
        return output.subList(start + 1, end < 0 ? output.size() : end);
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
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
