package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.Table;
import dev.forge.engine.Forge;
import dev.forge.executor.gpu.GpuAgainstCpuTestAccess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The kernels of the GPU-against-CPU test's queries (scan, filter, project, aggregate, materialise; no joins) on the
 * CPU emulation of CUDA ({@link KernelEmulation}) against the CPU executor, at sizes around the tile.
 */
class PipelineKernelEmulationTest {
    @TempDir
    Path folder;

    @ParameterizedTest
    @ValueSource(ints = {1, 1025, 3001})
    void sliceKernelsMatchTheCpuExecutorOnTheCpuEmulation(int rows) throws Exception {
        try (Table t = GpuAgainstCpuTestAccess.randomTable(rows)) {
            KernelEmulation.assertKernelsMatchTheCpu(folder, Forge.of(Map.of("t", t)).catalog(),
                    GpuAgainstCpuTestAccess.queries());
        }
    }
}
