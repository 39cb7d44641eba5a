package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.Corpus;
import dev.forge.engine.corpus.CorpusCase;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.engine.corpus.Expectation;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generates the kernels of every stage (join builds included) of every corpus query the GPU slice supports and compiles
 * each with nvcc, so a code generation bug that breaks the CUDA fails the build on a machine without a GPU. Also pins
 * which queries the slice runs, and prints why each other case runs on the CPU and how multi-stage plans split.
 */
class CorpusKernelsCompileTest {
    /** Queries the slice must run on the GPU: a case falling off this list is a regression. */
    private static final Set<String> MUST_RUN_ON_GPU = Set.of("tpch/q01", "tpch/q06", "group by one key",
            "group by a string key on TPC-H", "TPC-H revenue sums are exact", "three-valued AND, OR and NOT",
            "CASE guards a division", "EXTRACT fields of timestamps", "decimal division", "ssb/q1.1", "ssb/q1.2",
            "ssb/q1.3", "ssb/q2.1", "ssb/q2.2", "ssb/q2.3", "ssb/q4.1", "tpch/q03", "tpch/q04", "tpch/q12", "tpch/q19",
            "join on two keys", "three-way join with aggregation", "join with an empty table",
            "join of duplicate keys on both sides", "EXISTS over TPC-H orders with late line items",
            "NOT EXISTS over TPC-H customers without orders", "ssb/q3.1", "ssb/q3.2", "ssb/q3.3", "ssb/q3.4",
            "ssb/q4.2", "ssb/q4.3", "tpch/q05", "tpch/q07", "tpch/q08", "tpch/q09", "tpch/q10", "tpch/q14",
            "tpch/q21", "tpch/q02", "tpch/q11", "tpch/q13", "tpch/q15", "tpch/q16", "tpch/q17", "tpch/q18",
            "tpch/q20", "tpch/q22", "scalar sub-query in WHERE", "scalar sub-query in the select list",
            "sub-query in FROM with aggregation", "COUNT DISTINCT per group", "right join keeps every department",
            "correlated scalar sub-query", "SUBSTRING with start and length", "substring group on TPC-H phone prefixes",
            "UNION ALL then aggregate", "EXCEPT");

    @TempDir
    Path folder;

    @Test
    void everySupportedCorpusKernelCompilesWithNvcc() throws Exception {
        Map<String, List<String>> kernels = supportedKernels();
        System.out.println("GPU slice supports " + kernels.size() + " of " + Corpus.allCases().size()
                + " corpus cases; TPC-H and SSB among them: " + kernels.keySet().stream()
                .filter(name -> name.startsWith("tpch/") || name.startsWith("ssb/")).sorted().toList());

        assertThat(kernels.keySet()).containsAll(MUST_RUN_ON_GPU);
        Optional<Path> nvcc = Nvcc.find();
        Assumptions.assumeTrue(nvcc.isPresent(), "no nvcc on this machine: generated kernels are not compiled here");
        String header = GpuExecutor.header();
        Map<String, String> distinct = new LinkedHashMap<>();
        kernels.forEach((name, sources) -> sources.forEach(source -> distinct.putIfAbsent(source, name)));
        Map<String, String> sourcesByFile = new LinkedHashMap<>();
        Map<String, String> caseByFile = new HashMap<>();
        distinct.forEach((source, caseName) -> {
            String file = "kernel" + sourcesByFile.size();
            sourcesByFile.put(file, source);
            caseByFile.put(file, caseName);
        });
        List<String> failures = new ArrayList<>();
        Nvcc.compileAll(nvcc.get(), folder, sourcesByFile, header).forEach((file, complaint) -> failures.add(
                caseByFile.get(file) + ":\n" + complaint + "\n" + sourcesByFile.get(file)));
        assertThat(failures).as("generated kernels nvcc rejects").isEmpty();
    }

    /**
     * The generated source of each stage of each supported corpus case, by case name (feature data and TPC-H/SSB at
     * SF 0.01); prints why each other case runs on the CPU.
     */
    static Map<String, List<String>> supportedKernels() {
        Map<Dataset, TableCatalog> catalogs = new HashMap<>();
        Map<Dataset, CalciteQueryPlanner> planners = new HashMap<>();
        Map<String, List<String>> kernels = new LinkedHashMap<>();
        for (CorpusCase testCase : Corpus.allCases()) {
            if (testCase.expectation() instanceof Expectation.Error) {
                continue;
            }
            Dataset dataset = Dataset.of(testCase.dataset(), 0.01);
            TableCatalog catalog = catalogs.computeIfAbsent(dataset,
                    key -> Forge.of(Datasets.tables(key)).catalog());
            CalciteQueryPlanner planner = planners.computeIfAbsent(dataset, key -> new CalciteQueryPlanner(catalog));
            PlanNode plan;
            try {
                plan = planner.plan(testCase.sql()).plan();
            } catch (RuntimeException notPlanned) {
                continue;
            }
            Optional<String> unsupported = GpuExecutor.unsupportedReason(plan, catalog);
            if (unsupported.isEmpty()) {
                List<String> sources = new ArrayList<>();
                GpuPlan gpuPlan = GpuPlan.of(plan);
                GpuExecutor.kernels(gpuPlan).values().forEach(kernel -> addSources(kernel, sources));
                if (gpuPlan.stages().size() > 1) {
                    System.out.println("  in stages: " + testCase.name() + ": " + gpuPlan.describe());
                }
                kernels.put(testCase.name(), sources);
            } else {
                System.out.println("  on the CPU: " + testCase.name() + ": " + unsupported.get());
            }
        }
        return kernels;
    }

    /** The kernel's source and, before it, those of its join build pipelines, which are modules of their own. */
    private static void addSources(GeneratedKernel kernel, List<String> sources) {
        kernel.builds().forEach(build -> addSources(build, sources));
        sources.add(kernel.source());
    }
}
