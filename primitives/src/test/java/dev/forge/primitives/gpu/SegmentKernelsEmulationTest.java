package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.testing.HostPrograms;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.ReduceOperator;
import dev.forge.primitives.SegmentedSumOrder;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.cpu.CpuRunLength;
import dev.forge.primitives.cpu.CpuSegmentedReduce;
import dev.forge.primitives.cpu.CpuTopK;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import dev.forge.primitives.gpu.SegmentLayouts.Segmentation;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs run_length.cu, segmented_reduce.cu and top_k.cu on the CPU (compiled by the host C++ compiler against
 * {@code src/test/emulation}, with AddressSanitizer and UndefinedBehaviorSanitizer) through the very
 * {@link KernelPlan}s that {@link GpuRunLength}, {@link GpuSegmentedReduce} and {@link GpuTopK} queue, and compares
 * every output byte with the CPU twins': the results, and the poison left past them. Several blocks run at once, so
 * tiles really look back at predecessors still at work. The kernels are built with small tiles (three warps, two or
 * three values per thread), so the cases cross many groups, warps and tiles, and the floating sums are compared
 * against twins built with that geometry's {@link SegmentedSumOrder}. Where there is no GPU this is the kernels'
 * test; {@link GpuRunLengthTest}, {@link GpuSegmentedReduceTest} and {@link GpuTopKTest} remain the real ones.
 */
class SegmentKernelsEmulationTest {
    private static final byte POISON = (byte) 0xA5;
    private static final ElementType[] VALUE_TYPES = {ElementType.INT32, ElementType.INT64, ElementType.FLOAT32,
            ElementType.FLOAT64};

    @TempDir
    static Path folder;

    private static Path program;
    private static SegmentPolicy policy;
    private static CpuWorkers workers;

    @BeforeAll
    static void compile() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        workers = CpuWorkers.withThreads(2);
        program = folder.resolve("segments_on_cpu");
        run(List.of("g++", "-std=c++20", "-O1", "-w", "-pthread", "-DFORGE_SEGMENTS_SMALL_TILES",
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-Isrc/main/cuda",
                "-Isrc/test/emulation", "src/test/emulation/segments_on_cpu.cpp", "-o", program.toString()),
                "compiling the emulation");
        String output = run(List.of(program.toString(), "policy"), "reading the tile geometry");
        Matcher words = Pattern.compile("policy: (\\d+) (\\d+) (\\d+)").matcher(output);
        assertThat(words.find()).as("policy words in:\n" + output).isTrue();
        policy = new SegmentPolicy(Integer.parseInt(words.group(1)), Integer.parseInt(words.group(2)),
                Integer.parseInt(words.group(3)));
    }

    @AfterAll
    static void stopWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void uniqueAndRunLengthEncodingMatchTheCpuTwin() throws IOException, InterruptedException {
        CpuRunLength twin = new CpuRunLength(workers);
        Path file = folder.resolve("run-length.txt");
        int cases = 0;
        try (Arena arena = Arena.ofConfined(); CaseWriter out = new CaseWriter(file)) {
            for (ElementType type : new ElementType[] {ElementType.INT32, ElementType.FLOAT32, ElementType.INT64,
                    ElementType.FLOAT64, ElementType.UINT32}) {
                int tile = policy.tileSize(type);
                for (int size : sizes(tile)) {
                    for (Shape shape : Shape.values()) {
                        int width = type.byteSize();
                        MemorySegment values = SegmentLayouts.runs(arena, type, size, shape, 17L * size + shape.ordinal() + type.ordinal());
                        MemorySegment expectedValues = poisoned(arena, (long) size * width);
                        MemorySegment expectedLengths = poisoned(arena, 8L * size);
                        long runs = twin.runLengthEncode(values, type, expectedValues, expectedLengths);
                        String name = type + "-" + size + "-" + shape;
                        out.begin("run-length-encode-" + name);
                        out.memory("values", values);
                        out.output("runValues", (long) size * width);
                        out.output("runLengths", 8L * size);
                        out.output("runCount", 8);
                        out.plan(GpuRunLength.plan(size, width, true, policy));
                        out.expect("runValues", expectedValues);
                        out.expect("runLengths", expectedLengths);
                        out.expect("runCount", longs(arena, runs));
                        out.end();

                        MemorySegment expectedUnique = poisoned(arena, (long) size * width);
                        twin.unique(values, type, expectedUnique);
                        out.begin("unique-" + name);
                        out.memory("values", values);
                        out.output("uniqueValues", (long) size * width);
                        out.output("runCount", 8);
                        out.plan(GpuRunLength.plan(size, width, false, policy));
                        out.expect("uniqueValues", expectedUnique);
                        out.expect("runCount", longs(arena, runs));
                        out.end();
                        cases += 2;
                    }
                }
            }
        }
        assertThat(runCases(file)).contains("all " + cases + " cases match");
    }

    @Test
    void segmentedReduceMatchesTheCpuTwin() throws IOException, InterruptedException {
        CpuSegmentedReduce twin = new CpuSegmentedReduce(workers, policy.sumOrder());
        Path file = folder.resolve("segmented-reduce.txt");
        int cases = 0;
        try (Arena arena = Arena.ofConfined(); CaseWriter out = new CaseWriter(file)) {
            for (ElementType type : VALUE_TYPES) {
                int tile = policy.tileSize(type);
                int index = 0;
                for (int size : new int[] {0, 1, tile - 1, tile, tile + 1, 23 * tile + 7}) {
                    for (Segmentation segmentation : Segmentation.values()) {
                        ReduceOperator operator = ReduceOperator.values()[index++ % 3];
                        long seed = 31L * size + segmentation.ordinal() + 7L * type.ordinal();
                        MemorySegment values = GpuInputs.values(arena, type, size, Shape.UNIFORM, seed);
                        long[] offsets = segmentation.offsets(size, tile, new SplittableRandom(seed));
                        int segments = offsets.length - 1;
                        MemorySegment offsetSegment = SegmentLayouts.segment(arena, offsets);
                        MemorySegment expected = poisoned(arena, (long) segments * type.byteSize());
                        twin.segmentedReduce(values, type, offsetSegment, operator, expected);
                        out.begin("segmented-" + operator + "-" + type + "-" + size + "-" + segmentation);
                        out.memory("values", values);
                        out.memory("offsets", offsetSegment);
                        out.output("results", (long) segments * type.byteSize());
                        out.output("firstInvalidOffset", 8);
                        out.plan(GpuSegmentedReduce.segmentedPlan(size, type, segments, operator, policy));
                        out.expect("results", expected);
                        out.expect("firstInvalidOffset", longs(arena, -1));
                        out.end();
                        cases++;
                    }
                }
                // every operator over the long mixed case
                for (ReduceOperator operator : ReduceOperator.values()) {
                    int size = 57 * tile + 3;
                    MemorySegment values = GpuInputs.values(arena, type, size, Shape.ZIPF, size + operator.ordinal());
                    long[] offsets = Segmentation.MIXED.offsets(size, tile, new SplittableRandom(size));
                    MemorySegment offsetSegment = SegmentLayouts.segment(arena, offsets);
                    MemorySegment expected = poisoned(arena, (long) (offsets.length - 1) * type.byteSize());
                    twin.segmentedReduce(values, type, offsetSegment, operator, expected);
                    out.begin("segmented-" + operator + "-" + type + "-long-mixed");
                    out.memory("values", values);
                    out.memory("offsets", offsetSegment);
                    out.output("results", expected.byteSize());
                    out.output("firstInvalidOffset", 8);
                    out.plan(GpuSegmentedReduce.segmentedPlan(size, type, offsets.length - 1, operator, policy));
                    out.expect("results", expected);
                    out.expect("firstInvalidOffset", longs(arena, -1));
                    out.end();
                    cases++;
                }
            }
            cases += invalidOffsets(out, arena);
        }
        assertThat(runCases(file)).contains("all " + cases + " cases match");
    }

    /** Offsets the twin rejects: the GPU reports the index the twin names, and stays within bounds. */
    private static int invalidOffsets(CaseWriter out, Arena arena) throws IOException {
        int size = 5 * policy.tileSize(ElementType.INT64) + 9;
        long[][] offsetSets = {
            {0, 10, 5, 20, size},              // offsets[2] below offsets[1]
            {-3, 10, 20},                      // a negative start
            {0, 10, size + 1, size + 1},       // past the values
            {0, 600, 7, 900, 3, size},         // two faults: the first counts
            {5, 5, 5, 4},                      // a decrease among empty segments
        };
        long[] expectedIndex = {2, 0, 2, 2, 3};
        MemorySegment values = GpuInputs.values(arena, ElementType.INT64, size, Shape.UNIFORM, 99);
        for (int c = 0; c < offsetSets.length; c++) {
            long[] offsets = offsetSets[c];
            MemorySegment offsetSegment = SegmentLayouts.segment(arena, offsets);
            out.begin("segmented-invalid-offsets-" + c);
            out.memory("values", values);
            out.memory("offsets", offsetSegment);
            out.output("results", 8L * (offsets.length - 1));
            out.output("firstInvalidOffset", 8);
            out.plan(GpuSegmentedReduce.segmentedPlan(size, ElementType.INT64, offsets.length - 1, ReduceOperator.SUM,
                    policy));
            out.expect("firstInvalidOffset", longs(arena, expectedIndex[c]));
            out.end();
        }
        return offsetSets.length;
    }

    @Test
    void reduceByKeyMatchesTheCpuTwin() throws IOException, InterruptedException {
        CpuSegmentedReduce twin = new CpuSegmentedReduce(workers, policy.sumOrder());
        Path file = folder.resolve("reduce-by-key.txt");
        int cases = 0;
        try (Arena arena = Arena.ofConfined(); CaseWriter out = new CaseWriter(file)) {
            int index = 0;
            for (ElementType keyType : new ElementType[] {ElementType.INT32, ElementType.FLOAT64}) {
                for (ElementType valueType : VALUE_TYPES) {
                    for (ReduceOperator operator : ReduceOperator.values()) {
                        int tile = policy.tileSize(valueType);
                        int[] sizes = {1, tile, tile + 1, 31 * tile + 5};
                        int size = sizes[index % sizes.length];
                        Shape shape = Shape.values()[index / 2 % Shape.values().length];
                        index++;
                        MemorySegment keys = SegmentLayouts.runs(arena, keyType, size, shape, 5L * size + index);
                        MemorySegment values = GpuInputs.values(arena, valueType, size, Shape.UNIFORM, 9L * size + index);
                        MemorySegment expectedKeys = poisoned(arena, (long) size * keyType.byteSize());
                        MemorySegment expectedResults = poisoned(arena, (long) size * valueType.byteSize());
                        long runs = twin.reduceByKey(keys, keyType, values, valueType, operator, expectedKeys,
                                expectedResults);
                        out.begin("reduce-by-key-" + operator + "-" + keyType + "-" + valueType + "-" + size + "-" + shape);
                        out.memory("keys", keys);
                        out.memory("values", values);
                        out.output("uniqueKeys", keys.byteSize());
                        out.output("results", values.byteSize());
                        out.output("runCount", 8);
                        out.plan(GpuSegmentedReduce.byKeyPlan(size, keyType, valueType, operator, policy));
                        out.expect("uniqueKeys", expectedKeys);
                        out.expect("results", expectedResults);
                        out.expect("runCount", longs(arena, runs));
                        out.end();
                        cases++;
                    }
                }
            }
        }
        assertThat(runCases(file)).contains("all " + cases + " cases match");
    }

    @Test
    void topKMatchesTheCpuTwin() throws IOException, InterruptedException {
        CpuTopK twin = new CpuTopK(workers);
        Path file = folder.resolve("top-k.txt");
        int cases = 0;
        try (Arena arena = Arena.ofConfined(); CaseWriter out = new CaseWriter(file)) {
            int index = 0;
            for (ElementType type : ElementType.values()) {
                for (int size : new int[] {0, 1, 100, 3001, 20_000}) {
                    for (Shape shape : Shape.values()) {
                        SortOrder order = SortOrder.values()[index % 2];
                        int k = new int[] {1, 7, 130, 600, CpuTopK.MAX_K}[index % 5];
                        // small buffers make the levels read the input again while too many candidates remain
                        long capacity = index % 3 == 0 ? 40 : GpuTopK.candidateCapacity(size);
                        index++;
                        MemorySegment values = SegmentLayouts.withSpecialFloats(
                                GpuInputs.values(arena, type, size, shape, 13L * size + index), type);
                        int outCount = Math.min(k, size);
                        MemorySegment expectedValues = poisoned(arena, (long) outCount * type.byteSize());
                        MemorySegment expectedIndices = poisoned(arena, 8L * outCount);
                        twin.topK(values, type, k, order, expectedValues, expectedIndices);
                        out.begin("top-k-" + type + "-" + size + "-" + shape + "-" + order + "-k" + k + "-capacity"
                                + capacity);
                        out.memory("values", values);
                        out.output("topValues", expectedValues.byteSize());
                        out.output("topIndices", expectedIndices.byteSize());
                        out.plan(GpuTopK.plan(size, type, k, order, 8, capacity));
                        out.expect("topValues", expectedValues);
                        out.expect("topIndices", expectedIndices);
                        out.end();
                        cases++;
                    }
                }
            }
        }
        assertThat(runCases(file)).contains("all " + cases + " cases match");
    }

    /** Sizes around the tile, and enough tiles that the look-back chains. */
    private static int[] sizes(int tile) {
        return new int[] {0, 1, tile - 1, tile, tile + 1, 7 * tile + 5, 40 * tile + 3};
    }

    private static MemorySegment poisoned(Arena arena, long bytes) {
        return arena.allocate(Math.max(1, bytes), 8).asSlice(0, bytes).fill(POISON);
    }

    private static MemorySegment longs(Arena arena, long value) {
        MemorySegment segment = arena.allocate(8, 8);
        segment.set(ValueLayout.JAVA_LONG, 0, value);
        return segment;
    }

    /** Writes the case file segments_on_cpu reads. */
    private static final class CaseWriter implements AutoCloseable {
        private final BufferedWriter out;

        CaseWriter(Path file) throws IOException {
            this.out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
        }

        void begin(String name) throws IOException {
            out.write("case " + name + "\n");
        }

        /** Memory holding {@code data}. */
        void memory(String name, MemorySegment data) throws IOException {
            out.write("memory " + name + " " + data.byteSize() + "\n");
            words("data " + name, data);
        }

        /** Memory the kernels write, poisoned first. */
        void output(String name, long bytes) throws IOException {
            out.write("memory " + name + " " + bytes + "\n");
        }

        void plan(KernelPlan plan) throws IOException {
            out.write("memory " + KernelPlan.SCRATCH + " " + plan.scratchBytes() + "\n");
            for (KernelPlan.Step step : plan.steps()) {
                switch (step) {
                    case KernelPlan.Fill fill -> out.write("fill " + fill.memory() + " " + fill.offset() + " "
                            + fill.bytes() + " " + (fill.value() & 0xFF) + "\n");
                    case KernelPlan.Launch launch -> {
                        StringBuilder line = new StringBuilder("launch " + launch.kernel() + " " + launch.grid() + " "
                                + launch.block() + " " + launch.arguments().size());
                        for (KernelPlan.Argument argument : launch.arguments()) {
                            line.append(switch (argument) {
                                case KernelPlan.Pointer pointer -> " p " + pointer.memory() + " " + pointer.offset();
                                case KernelPlan.NullPointer ignored -> " n";
                                case KernelPlan.IntValue value -> " i " + value.value();
                                case KernelPlan.LongValue value -> " l " + value.value();
                            });
                        }
                        out.write(line + "\n");
                    }
                }
            }
        }

        void expect(String name, MemorySegment data) throws IOException {
            words("expect " + name, data);
        }

        void end() throws IOException {
            out.write("end\n");
        }

        private void words(String prefix, MemorySegment data) throws IOException {
            CaseFiles.words(out, prefix, data);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    private static String runCases(Path file) throws IOException, InterruptedException {
        return run(List.of(program.toString(), "cases", file.toString()), "running the kernels on the CPU");
    }

    private static String run(List<String> command, String what) throws IOException, InterruptedException {
        return HostPrograms.run(command, what, 600);
    }
}
