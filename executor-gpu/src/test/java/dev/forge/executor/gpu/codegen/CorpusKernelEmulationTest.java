package dev.forge.executor.gpu.codegen;

import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.Corpus;
import dev.forge.engine.corpus.CorpusCase;
import dev.forge.engine.corpus.Dataset;
import dev.forge.engine.corpus.Datasets;
import dev.forge.engine.corpus.Expectation;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.plan.TableCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every corpus case the GPU executor supports, per dataset at SF 0.01 (all 22 TPC-H queries, all 13 SSB queries, most
 * feature cases), run as generated kernels on the CPU emulation of CUDA ({@link KernelEmulation}), stage by stage,
 * against the CPU executor: what {@code GpuCorpusTest} will check on the device, checked here for the kernels' logic.
 * The three datasets run side by side: each spends minutes in one single-threaded g++ of all its kernels.
 */
@Execution(ExecutionMode.CONCURRENT)
class CorpusKernelEmulationTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(strings = {"tpch", "ssb", "features"})
    void supportedCorpusCasesMatchTheCpuExecutorOnTheCpuEmulation(String datasetName) throws Exception {
        Map<Dataset, List<String>> queries = new LinkedHashMap<>();
        for (CorpusCase testCase : Corpus.allCases()) {
            Dataset dataset = Dataset.of(testCase.dataset(), 0.01);
            if (testCase.expectation() instanceof Expectation.Error
                    || !dataset.name().equals(datasetName)) {
                continue;
            }
            queries.computeIfAbsent(dataset, key -> new ArrayList<>()).add(testCase.sql());
        }
        for (Map.Entry<Dataset, List<String>> entry : queries.entrySet()) {
            TableCatalog catalog = Forge.of(Datasets.tables(entry.getKey())).catalog();
            CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
            List<String> supported = new ArrayList<>();
            for (String sql : entry.getValue()) {
                try {
                    if (GpuExecutor.unsupportedReason(planner.plan(sql).plan(), catalog).isEmpty()) {
                        supported.add(sql);
                    }
                } catch (RuntimeException notPlanned) {
                    // the corpus runner reports planning failures; here only what the GPU runs matters
                }
            }
            System.out.println(entry.getKey() + ": " + supported.size() + " supported case(s) emulated");
            Path dataFolder = Files.createDirectories(folder.resolve("emulation-" + supported.size()));
            KernelEmulation.assertKernelsMatchTheCpu(dataFolder, catalog, supported);
        }
    }
}
