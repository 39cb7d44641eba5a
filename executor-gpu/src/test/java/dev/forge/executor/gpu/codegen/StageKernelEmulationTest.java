package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.GpuExecutor;
import dev.forge.executor.gpu.GpuJoinsTestAccess;
import dev.forge.executor.gpu.GpuStagesTestAccess;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.QueryException;
import dev.forge.plan.TableCatalog;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Multi-stage plans on the CPU emulation of CUDA ({@link KernelEmulation}), stage by stage as the executor runs them,
 * against the CPU executor: the queries of {@code GpuStagesAgainstCpuTest} on seeded random tables, and the cases
 * where the GPU executor hands the query to the CPU (a scalar sub-query of more than one row, which the CPU reports; a
 * MAX over sums that leave 64 bits). Also: a scalar row's values, NULL included, are parameters of an unchanged kernel.
 */
class StageKernelEmulationTest {
    @TempDir
    Path folder;

    @Test
    void multiStageQueriesMatchTheCpuExecutorOnTheCpuEmulation() throws Exception {
        try (Table t = GpuJoinsTestAccess.fact(2600); Table u = GpuJoinsTestAccess.dimension(300);
                Table v = GpuJoinsTestAccess.dates()) {
            List<GpuPlan> plans = KernelEmulation.assertKernelsMatchTheCpu(folder,
                    Forge.of(Map.of("t", t, "u", u, "v", v)).catalog(), GpuStagesTestAccess.queries());
            assertThat(plans).filteredOn(plan -> plan.stages().size() > 1).hasSizeGreaterThanOrEqualTo(10);
        }
    }

    @Test
    void aScalarSubQueryOfMoreThanOneRowGoesToTheCpuWhichReportsIt() throws Exception {
        try (Table t = GpuJoinsTestAccess.fact(2600); Table v = GpuJoinsTestAccess.dates()) {
            TableCatalog catalog = Forge.of(Map.of("t", t, "v", v)).catalog();
            String sql = GpuStagesTestAccess.moreThanOneRow();
            List<KernelEmulation.EmulatedQuery> emulated = KernelEmulation.emulate(folder, catalog, List.of(sql),
                    new ArrayList<>());
            assertThat(emulated.getFirst().fallback()).contains("more than one row");
            assertThatThrownBy(() -> new CpuExecutor().execute(new CalciteQueryPlanner(catalog).plan(sql).plan(),
                    catalog, () -> false).close()).isInstanceOf(QueryException.class)
                    .hasMessageContaining("a scalar sub-query returned more than one row");
        }
    }

    @Test
    void aMaxOverSumsBeyond64BitsGoesToTheCpu() throws Exception {
        try (Table wide = wideDecimals()) {
            TableCatalog catalog = Forge.of(Map.of("w", wide)).catalog();
            List<String> differences = new ArrayList<>();
            List<KernelEmulation.EmulatedQuery> emulated = KernelEmulation.emulate(folder, catalog, List.of(
                    "SELECT max(s), min(s) FROM (SELECT g, sum(v) AS s FROM w GROUP BY g) z",
                    "SELECT max(s) FROM (SELECT g, sum(v) AS s FROM w WHERE g = 1 GROUP BY g) z"), differences);
            assertThat(differences).isEmpty();
            assertThat(emulated.getFirst().fallback()).contains("STATUS 3"); // FORGE_ERROR_WIDE_VALUE
            assertThat(emulated.get(1).fallback()).isNull(); // group 1's sum fits 64 bits: answered on the GPU
            assertThat(emulated.get(1).result().rows().getFirst().getFirst()).isEqualTo(new BigDecimal("40"));
        }
    }

    @Test
    void aSumBeyondInt64InAGroupThatTheHavingLeavesOutStillGoesToTheCpu() throws Exception {
        try (Table large = largeIntegers()) {
            TableCatalog catalog = Forge.of(Map.of("w", large)).catalog();
            String leftOut = "SELECT g, sum(v) FROM w GROUP BY g HAVING count(*) < 10";
            List<String> differences = new ArrayList<>();
            List<KernelEmulation.EmulatedQuery> emulated = KernelEmulation.emulate(folder, catalog, List.of(leftOut,
                    "SELECT g, sum(v) FROM w WHERE g = 1 GROUP BY g HAVING count(*) < 10"), differences);
            assertThat(differences).isEmpty();
            assertThat(emulated.getFirst().plan().pipeline().sink()).isInstanceOfSatisfying(
                    PipelineSink.GroupedAggregation.class,
                    grouped -> assertThat(grouped.having()).isNotNull());
            assertThat(emulated.getFirst().fallback()).contains("STATUS 1"); // FORGE_ERROR_ARITHMETIC
            assertThatThrownBy(() -> new CpuExecutor().execute(new CalciteQueryPlanner(catalog).plan(leftOut).plan(),
                    catalog, () -> false).close()).isInstanceOf(QueryException.class)
                    .hasMessageContaining("overflows INT64");
            assertThat(emulated.get(1).fallback()).isNull(); // the sum of group 1 fits: answered on the GPU
            assertThat(emulated.get(1).result().rows()).extracting(Object::toString).containsExactly("[1, 40]");
        }
    }

    @Test
    void aScalarRowIsBoundAsParametersSoItsValuesNeverChangeTheKernel() {
        try (Table t = GpuJoinsTestAccess.fact(10); Table v = GpuJoinsTestAccess.dates()) {
            TableCatalog catalog = Forge.of(Map.of("t", t, "v", v)).catalog();
            CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
            List<String> sources = new ArrayList<>();
            for (String bound : List.of("k > 100", "k > 1", "k IS NULL")) {
                GpuPlan plan = GpuPlan.of(planner.plan("SELECT k, x - (SELECT min(x) FROM t WHERE " + bound
                        + ") FROM t").plan());
                GeneratedKernel kernel = GpuExecutor.kernels(plan).get(plan.result());
                assertThat(kernel.parameters()).contains(new KernelParameter.ScalarValue(0, 0, "i64", 0),
                        new KernelParameter.ScalarValidity(0, 0));
                sources.add(kernel.source());
            }
            assertThat(sources).containsOnly(sources.getFirst());
        }
    }

    /** Group 0: twenty values whose INT64 sum overflows; group 1: four tens. */
    private static Table largeIntegers() {
        ColumnBuilder g = ColumnBuilder.of(DataType.INT32, 24);
        ColumnBuilder v = ColumnBuilder.of(DataType.INT64, 24);
        for (int row = 0; row < 24; row++) {
            g.appendInt(row < 20 ? 0 : 1);
            v.appendLong(row < 20 ? Long.MAX_VALUE / 8 : 10);
        }
        List<ColumnBuilder> builders = List.of(g, v);
        List<Column> columns = builders.stream().map(ColumnBuilder::build).toList();
        builders.forEach(ColumnBuilder::close);
        return new Table(new Schema(List.of(Field.required("g", DataType.INT32), Field.required("v", DataType.INT64))),
                columns);
    }

    /** Two groups of DECIMAL(18,0) values near 10^17: group 0's sum (2 * 10^19) leaves 64 bits, group 1's does not. */
    private static Table wideDecimals() {
        ColumnBuilder g = ColumnBuilder.of(DataType.INT32, 24);
        ColumnBuilder v = ColumnBuilder.of(DataType.decimal(18, 0), 24);
        for (int row = 0; row < 20; row++) {
            g.appendInt(0);
            v.appendDecimal(new BigDecimal("999999999999999999"));
        }
        for (int row = 0; row < 4; row++) {
            g.appendInt(1);
            v.appendDecimal(BigDecimal.TEN);
        }
        List<ColumnBuilder> builders = List.of(g, v);
        List<Column> columns = builders.stream().map(ColumnBuilder::build).toList();
        builders.forEach(ColumnBuilder::close);
        return new Table(new Schema(List.of(Field.required("g", DataType.INT32),
                Field.required("v", DataType.decimal(18, 0)))), columns);
    }
}
