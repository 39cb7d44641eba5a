package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Table;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.executor.gpu.GpuJoinsTestAccess;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.plan.PlanNode;
import dev.forge.plan.PlanPrinter;
import dev.forge.plan.TableCatalog;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queries of the GPU join test are all supported (joins probed on the GPU) and their kernels compile with nvcc. */
class JoinQueriesCompileTest {
    @TempDir
    Path folder;

    @Test
    void everyJoinQueryIsSupportedAndCompiles() throws Exception {
        try (Table t = GpuJoinsTestAccess.fact(3000); Table u = GpuJoinsTestAccess.dimension(300);
                Table v = GpuJoinsTestAccess.dates()) {
            TableCatalog catalog = Forge.of(java.util.Map.of("t", t, "u", u, "v", v)).catalog();
            CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
            Optional<Path> nvcc = Nvcc.find();
            int index = 0;
            for (String sql : GpuJoinsTestAccess.queries()) {
                PlanNode plan = planner.plan(sql).plan();
                assertThat(GpuExecutor.unsupportedReason(plan, catalog)).as(sql + "\n" + PlanPrinter.explain(plan))
                        .isEmpty();
                GpuPlan gpuPlan = GpuPlan.of(plan);
                assertThat(gpuPlan.pipeline().joins()).as(sql).isNotEmpty();
                if (nvcc.isPresent()) {
                    String source = KernelGenerator.generate(gpuPlan.pipeline()).source();
                    assertThat(Nvcc.compile(nvcc.get(), folder, "join" + index++, source, GpuExecutor.header()))
                            .as(sql + "\n" + source).isEmpty();
                }
            }
            Assumptions.assumeTrue(nvcc.isPresent(), "no nvcc here: the kernels were generated but not compiled");
        }
    }
}
