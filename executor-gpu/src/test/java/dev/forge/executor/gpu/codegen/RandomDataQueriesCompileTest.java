package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queries of the GPU-against-CPU test are all supported by the slice, and their kernels compile with nvcc. */
class RandomDataQueriesCompileTest {
    @TempDir
    Path folder;

    @Test
    void everyQueryIsSupportedAndCompiles() throws Exception {
        try (Table table = dev.forge.executor.gpu.GpuAgainstCpuTestAccess.randomTable(2000)) {
            TableCatalog catalog = Forge.of(Map.of("t", table)).catalog();
            CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
            Optional<Path> nvcc = Nvcc.find();
            int index = 0;
            for (String sql : dev.forge.executor.gpu.GpuAgainstCpuTestAccess.queries()) {
                PlanNode plan = planner.plan(sql).plan();
                assertThat(GpuExecutor.unsupportedReason(plan, catalog)).as(sql).isEmpty();
                if (nvcc.isPresent()) {
                    String source = KernelGenerator.generate(GpuPlan.of(plan).pipeline()).source();
                    assertThat(Nvcc.compile(nvcc.get(), folder, "query" + index++, source, GpuExecutor.header()))
                            .as(sql + "\n" + source).isEmpty();
                }
            }
            Assumptions.assumeTrue(nvcc.isPresent(), "no nvcc here: the kernels were generated but not compiled");
        }
    }
}
