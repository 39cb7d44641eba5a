package dev.forge.executor.gpu.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.columnar.Table;
import dev.forge.columnar.DataType;
import dev.forge.engine.CalciteQueryPlanner;
import dev.forge.engine.Forge;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.executor.cpu.CpuExecutor;
import dev.forge.executor.gpu.GpuJoinsTestAccess;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.run.HostColumns;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.HashAggregate;
import dev.forge.plan.PlanNode;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the generated join kernels (build materialisation, hash table insert, probe with residuals, SEMI/ANTI, star
 * joins, null-safe keys, materialised rows that outnumber the probe rows) on the CPU, compiled by g++ against
 * primitives' CUDA emulation with AddressSanitizer and UndefinedBehaviorSanitizer, on seeded random tables with
 * duplicate, NULL and dangling keys, and compares what they wrote with the CPU executor's answer. It checks the
 * kernels' logic where there is no GPU; the runner's device code paths are {@code GpuJoinsAgainstCpuTest}'s.
 */
class JoinKernelEmulationTest {
    private static final List<String> QUERIES = List.of(
            "SELECT count(*), sum(t.x), sum(u.w) FROM t JOIN u ON t.k = u.k",
            "SELECT count(*), sum(t.x), count(u.w) FROM t JOIN u ON t.k = u.k JOIN v ON t.d = v.d"
                    + " WHERE v.flag AND u.w > 10",
            "SELECT count(*), sum(u.w) FROM t JOIN u ON t.k = u.k AND t.x > u.w * 10000",
            "SELECT count(*), sum(x) FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w > 20)",
            "SELECT count(*), sum(x), count(k) FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k)",
            "SELECT count(*), sum(x) FROM t WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.k = t.k AND u.w < t.x)",
            "SELECT t.k, t.x, u.w FROM t JOIN u ON t.k = u.k WHERE t.x > 0",
            "SELECT count(*), count(t.k), sum(u.w) FROM t JOIN u ON t.k IS NOT DISTINCT FROM u.k",
            "SELECT count(*), sum(t.x) FROM t JOIN u ON t.k = u.k AND t.d = u.u_day",
            "SELECT count(*), sum(v.c) FROM t JOIN v ON t.d = v.d JOIN u ON t.k = u.k AND v.c = u.w WHERE t.x > 0",
            "SELECT u.label, count(*), sum(t.x), max(u.w), min(t.k) FROM t JOIN u ON t.k = u.k"
                    + " WHERE u.w > 10 AND t.x > 0 GROUP BY u.label",
            "SELECT v.c, u.label, count(*), sum(t.x) FROM t JOIN u ON t.k = u.k JOIN v ON t.d = v.d WHERE v.flag"
                    + " GROUP BY v.c, u.label",
            "SELECT u.w, count(*) FROM t JOIN u ON t.k = u.k WHERE u.label = 'north' GROUP BY u.w",
            "SELECT t.k, count(*), sum(u.w) FROM t JOIN u ON t.k IS NOT DISTINCT FROM u.k GROUP BY t.k",
            "SELECT v.c, sum(t.x) FROM t JOIN v ON t.d = v.d JOIN u ON t.k = u.k"
                    + " WHERE u.label IN ('east', 'west') AND v.c < 6 GROUP BY v.c");

    @TempDir
    Path folder;

    /**
     * 40 dimension rows leave some fact keys without a match (dangling); 700 give each key about 20 rows, so the
     * materialised join has ten times the probe's rows and its kernel runs a second time with room for them.
     */
    @ParameterizedTest
    @ValueSource(ints = {40, 700})
    void joinKernelsMatchTheCpuExecutorOnTheCpuEmulation(int dimensionRows) throws Exception {
        assumeTrue(onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        Path primitivesEmulation = Path.of("../primitives/src/test/emulation");
        assumeTrue(Files.exists(primitivesEmulation.resolve("cuda_blocks_on_cpu.h")), "kernel emulation skipped: no "
                + primitivesEmulation.resolve("cuda_blocks_on_cpu.h") + " beside this module");
        try (Table t = GpuJoinsTestAccess.fact(2600); Table u = GpuJoinsTestAccess.dimension(dimensionRows);
                Table v = GpuJoinsTestAccess.dates()) {
            Forge forge = Forge.of(Map.of("t", t, "u", u, "v", v));
            TableCatalog catalog = forge.catalog();
            CalciteQueryPlanner planner = new CalciteQueryPlanner(catalog);
            EmulatedPipelinePrograms program = new EmulatedPipelinePrograms(catalog);
            List<GeneratedKernel> roots = new ArrayList<>();
            List<PlanNode> pipelineRoots = new ArrayList<>();
            for (String sql : QUERIES) {
                PlanNode node = planner.plan(sql).plan();
                GpuPlan plan = GpuPlan.of(node);
                while (plan.hostPlan() != null && !(node instanceof HashAggregate)) {
                    node = node.inputs().getFirst(); // the host finishes what is above the aggregate
                }
                pipelineRoots.add(node);
                assertThat(plan.pipeline().joins()).as(sql).isNotEmpty();
                GeneratedKernel kernel = KernelGenerator.generate(plan.pipeline());
                roots.add(kernel);
                program.add(kernel);
            }
            for (Map.Entry<String, String> file : program.files().entrySet()) {
                Files.writeString(folder.resolve(file.getKey()), file.getValue(), StandardCharsets.UTF_8);
            }
            Path executable = folder.resolve("pipelines_on_cpu");
            run(List.of("g++", "-std=c++20", "-O1", "-w", "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
                    "-I" + folder, "-Isrc/test/emulation", "-I" + primitivesEmulation, "-Isrc/main/cuda",
                    folder.resolve("driver.cpp").toString(), "-o", executable.toString()), "compiling the emulation");
            List<String> output = run(List.of(executable.toString()), "running the kernels on the CPU").lines()
                    .toList();
            for (int q = 0; q < QUERIES.size(); q++) {
                String sql = QUERIES.get(q);
                List<String> emulated = section(output, q);
                List<String> actual = rows(roots.get(q), emulated, catalog);
                List<String> expected;
                try (Table result = new CpuExecutor().execute(pipelineRoots.get(q), catalog, () -> false)) {
                    expected = ResultRows.of(result).rows().stream().map(JoinKernelEmulationTest::text).toList();
                }
                assertThat(actual).as(sql).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    private static List<String> section(List<String> output, int query) {
        int start = output.indexOf("QUERY " + query);
        assertThat(start).as("output of query " + query + ":\n" + String.join("\n", output)).isGreaterThanOrEqualTo(0);
        int end = output.indexOf("QUERY " + (query + 1));
        return output.subList(start + 1, end < 0 ? output.size() : end);
    }

    /** The rows the root kernel wrote, as text: materialised rows as printed, partials merged as the host merges them. */
    private static List<String> rows(GeneratedKernel kernel, List<String> lines, TableCatalog catalog) {
        if (kernel.pipeline().sink() instanceof PipelineSink.Materialization) {
            assertThat(lines.getFirst()).startsWith("ROWS ");
            return lines.subList(1, lines.size()).stream().map(String::strip).toList();
        }
        if (kernel.pipeline().sink() instanceof PipelineSink.GroupedAggregation grouped) {
            return groups(kernel, grouped, lines, catalog);
        }
        String[] header = lines.getFirst().split(" ");
        int blocks = Integer.parseInt(header[1]);
        int words = Integer.parseInt(header[2]);
        List<String> values = new ArrayList<>();
        for (AggregateSlot slot : kernel.aggregates()) {
            BigInteger sum = BigInteger.ZERO;
            long count = 0;
            for (int block = 0; block < blocks; block++) {
                long word = Long.parseUnsignedLong(lines.get(1 + block * words + slot.firstWord()));
                count += Long.parseUnsignedLong(lines.get(1 + block * words + slot.countWord()));
                if (slot.kind() == AggregateSlot.Kind.EXACT_SUM) {
                    long high = Long.parseUnsignedLong(lines.get(1 + block * words + slot.firstWord() + 1));
                    sum = sum.add(BigInteger.valueOf(high).shiftLeft(64)
                            .add(new BigInteger(Long.toUnsignedString(word))));
                }
            }
            values.add(switch (slot.kind()) {
                case COUNT -> Long.toString(count);
                case EXACT_SUM -> count == 0 && slot.input().function() == AggregateFunction.SUM ? "NULL"
                        : sum.toString();
                default -> throw new IllegalArgumentException("the emulation test reads no " + slot.kind());
            });
        }
        return List.of(String.join(" ", values));
    }

    /** The compacted groups' words as rows: keys (NULL by the mask word), then each aggregate from its state. */
    private static List<String> groups(GeneratedKernel kernel, PipelineSink.GroupedAggregation grouped,
            List<String> lines, TableCatalog catalog) {
        String[] header = lines.getFirst().split(" ");
        long count = Long.parseLong(header[1]);
        int words = Integer.parseInt(header[2]);
        List<String> rows = new ArrayList<>();
        for (long group = 0; group < count; group++) {
            long base = 1 + group * words;
            java.util.function.IntToLongFunction word = w -> Long.parseUnsignedLong(lines.get((int) (base + w)));
            long nullMask = kernel.keyNullMask() ? word.applyAsLong(kernel.keyWords() - 1) : 0;
            List<String> values = new ArrayList<>();
            for (int k = 0; k < grouped.keys().size(); k++) {
                values.add((nullMask & (1L << k)) != 0 ? "NULL"
                        : value(word.applyAsLong(k), grouped.keys().get(k), kernel, catalog));
            }
            for (AggregateSlot slot : kernel.aggregates()) {
                long state = word.applyAsLong(slot.firstWord() - 1);
                long counted = word.applyAsLong(slot.countWord() - 1);
                values.add(switch (slot.kind()) {
                    case COUNT -> Long.toString(counted);
                    case EXACT_SUM -> counted == 0 && slot.input().function() == AggregateFunction.SUM ? "NULL"
                            : BigInteger.valueOf(word.applyAsLong(slot.firstWord())).shiftLeft(64)
                                    .add(new BigInteger(Long.toUnsignedString(state))).toString();
                    case EXTREME -> counted == 0 ? "NULL" : value((slot.inverted() ? ~state : state) ^ Long.MIN_VALUE,
                            slot.input().argument(), kernel, catalog);
                    case FLOAT_SUM -> throw new IllegalArgumentException("the emulation test reads no float sums");
                });
            }
            rows.add(String.join(" ", values));
        }
        return rows;
    }

    /** A key or extreme held as a word: a dictionary code becomes its string; integers are the word itself. */
    private static String value(long word, Expr expression, GeneratedKernel kernel, TableCatalog catalog) {
        if (expression.type() instanceof DataType.Varchar) {
            return HostColumns.column(kernel.pipeline(), ((ColumnRef) expression).index(), catalog).view()
                    .dictionary().getString(word);
        }
        return expression.type() instanceof DataType.Boolean ? (word != 0 ? "1" : "0") : Long.toString(word);
    }

    private static String text(List<Object> row) {
        List<String> values = new ArrayList<>();
        for (Object value : row) {
            values.add(value == null ? "NULL" : value instanceof Boolean b ? (b ? "1" : "0")
                    : value instanceof String string ? string : Long.toString(((Number) value).longValue()));
        }
        return String.join(" ", values);
    }

    private static boolean onPath(String program) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, program))) {
                return true;
            }
        }
        return false;
    }

    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean finished = process.waitFor(600, TimeUnit.SECONDS);
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(finished).as(what + " finished").isTrue();
        assertThat(process.exitValue()).as(what + ":\n" + text).isZero();
        return text;
    }
}
