package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.testing.HostPrograms;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.gpu.GpuGroupByLayout.Operation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs hash_table.cu and group_by.cu on the CPU (compiled by the host C++ compiler against {@code src/test/emulation},
 * with AddressSanitizer and UndefinedBehaviorSanitizer; several blocks resident at once, and a compare-and-swap that
 * claims a table slot lets other threads run before the claimer publishes it) against plain references written in
 * {@code hash_on_cpu.cpp}: joins of every kind, and group-bys whose kernel arguments are the very struct bytes
 * {@link GpuGroupByLayout} writes for {@link GpuGroupBy}, with its table sizes and shared-memory budget. The sort and
 * the scan between the kernels are stood in for on the host. It checks the kernels' logic and the layout where there
 * is no GPU; {@link GpuHashTableTest}, {@link GpuHashJoinTest} and {@link GpuGroupByTest} remain the real tests.
 */
class HashKernelEmulationTest {
    /** Budget for a block's own table, as GpuGroupBy has it. */
    private static final long SHARED_BUDGET = 48 * 1024 - 256;
    /** Marks where the harness puts its own buffers' addresses in the structs. */
    private static final long KEY_MARK = 0x1000;
    private static final long VALUE_MARK = 0x2000;
    private static final long TABLE_MARK = 0x3000;
    private static final long OUTPUT_KEY_MARK = 0x4000;
    private static final long RESULT_MARK = 0x5000;

    @TempDir
    Path folder;

    @Test
    void hashTableAndGroupByKernelsMatchTheirReferences() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        Path program = folder.resolve("hash_on_cpu");
        HostPrograms.run(List.of("g++", "-std=c++20", "-O1", "-w", "-pthread", "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all", "-Isrc/main/cuda", "-Isrc/test/emulation",
                "src/test/emulation/hash_on_cpu.cpp", "-o", program.toString()), "compiling the emulation", 600);
        Path file = folder.resolve("cases.txt");
        int cases = 0;
        try (Arena arena = Arena.ofConfined(); BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            cases += writeJoinCases(out);
            cases += writeGroupByCases(arena, out);
        }
        String output = HostPrograms.run(List.of(program.toString(), file.toString()), "running the kernels on the CPU",
                600);
        assertThat(output).contains("all " + cases + " cases match");
    }

    /** Build and probe sizes around a block (256 threads), keys of both widths in every shape. */
    private static int writeJoinCases(BufferedWriter out) throws IOException {
        int cases = 0;
        String[] shapes = {"unique", "duplicates", "zipf", "all-equal", "edge-values"};
        int[][] sizes = {{0, 5}, {1, 1}, {255, 300}, {256, 256}, {257, 1000}, {3000, 2500}};
        for (int bits : new int[] {32, 64}) {
            for (String shape : shapes) {
                for (int[] size : sizes) {
                    int probes = shape.equals("all-equal") ? Math.min(size[1], 300) : size[1];
                    out.write("join " + bits + " " + shape + " " + size[0] + " " + probes + " "
                            + GpuHashTable.capacityFor(size[0]) + " " + (31L * size[0] + bits + shape.length()) + "\n");
                    cases++;
                }
            }
        }
        return cases;
    }

    private int writeGroupByCases(Arena arena, BufferedWriter out) throws IOException {
        List<Operation> everything = new ArrayList<>();
        everything.add(new Operation(AggregateFunction.COUNT, ElementType.INT64));
        for (ElementType type : new ElementType[] {ElementType.INT64, ElementType.FLOAT64, ElementType.INT32,
                ElementType.FLOAT32}) {
            for (AggregateFunction function : new AggregateFunction[] {AggregateFunction.SUM, AggregateFunction.MIN,
                    AggregateFunction.MAX}) {
                everything.add(new Operation(function, type));
            }
        }
        List<Operation> sums = List.of(new Operation(AggregateFunction.SUM, ElementType.FLOAT64),
                new Operation(AggregateFunction.COUNT, ElementType.INT64),
                new Operation(AggregateFunction.SUM, ElementType.INT64));
        int cases = 0;
        String[] shapes = {"uniform", "few", "zipf", "all-equal"};
        for (int rows : new int[] {1, 255, 256, 257, 3000}) {
            for (String shape : shapes) {
                // one INT64 key with every aggregate, the block tables GpuGroupBy would size
                cases += writeGroupBy(arena, out, "one-key-" + shape + "-" + rows, rows, shape, "finite",
                        List.of(ElementType.INT64), everything, -1, rows);
                // one INT32 key, small block tables: many groups spill to the global table
                cases += writeGroupBy(arena, out, "int32-key-small-tables-" + shape + "-" + rows, rows, shape,
                        "specials", List.of(ElementType.INT32), everything, GpuGroupByLayout.MIN_LOCAL_CAPACITY, rows);
            }
            // two key columns and no block tables: the global table alone
            cases += writeGroupBy(arena, out, "two-keys-global-" + rows, rows, "zipf", "finite",
                    List.of(ElementType.INT64, ElementType.INT32), sums, 0, rows);
        }
        cases += writeGroupBy(arena, out, "subnormal-sums", 3000, "few", "tiny", List.of(ElementType.INT64), sums, -1,
                3000);
        // fewer groups allowed than there are: the overflow flag must be raised
        cases += writeGroupBy(arena, out, "too-many-groups", 3000, "uniform", "finite", List.of(ElementType.INT64),
                sums, 0, 10);
        return cases;
    }

    /** localCapacity -1: the one GpuGroupBy picks for the budget. */
    private static int writeGroupBy(Arena arena, BufferedWriter out, String name, int rows, String keyShape,
            String valueShape, List<ElementType> keyTypes, List<Operation> operations, long localCapacity,
            long maxGroups) throws IOException {
        GpuGroupByLayout layout = GpuGroupByLayout.of(keyTypes, operations);
        long capacity = localCapacity < 0 ? layout.localCapacity(SHARED_BUDGET) : localCapacity;
        long groupBound = Math.min(maxGroups, rows);
        out.write("groupby " + name + " " + rows + " " + keyShape + " " + valueShape + " " + (name.hashCode() & 0xffff)
                + " " + capacity + " " + layout.sharedBytes(capacity) + " " + groupBound + " "
                + GpuHashTable.capacityFor(groupBound) + "\n");
        StringBuilder keys = new StringBuilder("keys");
        long[] keyMarks = new long[keyTypes.size()];
        long[] outputKeyMarks = new long[keyTypes.size()];
        for (int c = 0; c < keyTypes.size(); c++) {
            keys.append(' ').append(keyTypes.get(c).byteSize());
            keyMarks[c] = KEY_MARK + c;
            outputKeyMarks[c] = OUTPUT_KEY_MARK + c;
        }
        StringBuilder aggregates = new StringBuilder("aggregates");
        long[] valueMarks = new long[operations.size()];
        long[] resultMarks = new long[operations.size()];
        for (int a = 0; a < operations.size(); a++) {
            Operation operation = operations.get(a);
            aggregates.append(' ').append(operation.function().ordinal()).append(':')
                    .append(operation.valueType().name());
            valueMarks[a] = operation.function() == AggregateFunction.COUNT ? 0 : VALUE_MARK + a;
            resultMarks[a] = RESULT_MARK + a;
        }
        out.write(keys + "\n" + aggregates + "\n");
        bytes(out, "columns", layout.columns(arena, rows, keyMarks, valueMarks));
        bytes(out, "table", GpuGroupByLayout.table(arena, TABLE_MARK, TABLE_MARK + 1, TABLE_MARK + 2, TABLE_MARK + 3,
                TABLE_MARK + 4, TABLE_MARK + 5));
        bytes(out, "outputs", GpuGroupByLayout.outputs(arena, outputKeyMarks, resultMarks));
        out.write("end\n");
        return 1;
    }

    private static void bytes(BufferedWriter out, String name, MemorySegment struct) throws IOException {
        out.write(name + " " + struct.byteSize() / 8);
        for (long i = 0; i < struct.byteSize() / 8; i++) {
            out.write(' ');
            out.write(Long.toHexString(struct.getAtIndex(ValueLayout.JAVA_LONG, i)));
        }
        out.write('\n');
    }
}
