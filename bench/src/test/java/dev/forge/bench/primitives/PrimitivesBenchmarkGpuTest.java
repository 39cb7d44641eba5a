package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.testing.RequiresGpu;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code forge bench primitives} on the GPU at small, awkward sizes, every family, without CUB (no nvcc wait): each
 * case checks its GPU result against the CPU twin before its time counts, so a pass means every family's code path
 * ran, was right and gave finite figures, before the long run at 2^20 to 2^28. The hash probes' build side is always
 * 2^26 keys, so this takes some seconds.
 */
@RequiresGpu
class PrimitivesBenchmarkGpuTest {
    @Test
    void everyFamilyMeasuresCheckedResultsAtSmallSizes() throws Exception {
        List<String> progress = new ArrayList<>();
        PrimitivesBenchmark.Report report = new PrimitivesBenchmark(Cuda.defaultDevice(), progress::add)
                .run(List.of(4096L, 65_537L), 3, EnumSet.allOf(PrimitiveFamily.class), false);
        String log = String.join("\n", progress);
        Set<String> families = report.results().stream().map(PrimitiveResult::family).collect(Collectors.toSet());
        assertThat(families).as(log).containsExactlyInAnyOrderElementsOf(
                EnumSet.allOf(PrimitiveFamily.class).stream().map(PrimitiveFamily::optionName).toList());
        for (PrimitiveResult result : report.results()) {
            assertThat(result.gpuSeconds()).as(result.toString()).isPositive().isFinite();
            assertThat(result.fractionOfCeiling()).as(result.toString()).isPositive().isFinite();
            assertThat(result.cubSeconds()).as(result.toString()).isNaN();
        }
        // only what has no entry point is skipped at these sizes
        assertThat(report.skipped()).as(log).allSatisfy(skipped -> assertThat(skipped.reason())
                .startsWith("not measured: no entry point"));
        assertThat(report.ceilings()).extracting(Ceiling::name).containsExactly("copy", "gather4", "gather8");
        assertThat(report.ceilings()).allSatisfy(ceiling -> assertThat(ceiling.perSecond()).isPositive());
        // two key types, two sizes, pairs and semi probes
        long probes = report.results().stream().filter(r -> r.primitive().startsWith("hash_probe")).count();
        assertThat(probes).isEqualTo(2 * 2 * 2);
        StringWriter table = new StringWriter();
        BenchmarkReport.printTable(report, new PrintWriter(table, true));
        assertThat(table.toString()).contains("hash-probe", "gather8", "group_by_sum_64K", "top_k_4096");
        assertThat(BenchmarkReport.json(report)).contains("\"family\": \"sort\"");
    }
}
