package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.cuda.testing.HostPrograms;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.TotalOrder;
import dev.forge.primitives.cpu.CpuRadixSort;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Role;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs radix_sort.cu on the CPU (compiled by the host C++ compiler against {@code src/test/emulation}, with
 * AddressSanitizer and UndefinedBehaviorSanitizer) through the very {@link GpuRadixSortPlan}s that
 * {@link GpuRadixSort} launches, and compares with {@link CpuRadixSort} bit for bit: every key type, both orders,
 * keys, pairs with 4- and 8-byte values, argsort, in place, and narrowed bit ranges, at sizes around the tile (the
 * emulation's tiles are small: FORGE_RADIX_SORT_SMALL_TILES). It runs several blocks at once, so tiles really look
 * back at predecessors still at work. It checks the
 * kernels' and the plan's logic where there is no GPU; {@link GpuRadixSortTest} remains the real test.
 */
class GpuRadixSortEmulationTest {
    /** Multiprocessors the plans assume: small, so the histogram runs several blocks even on small inputs. */
    private static final int MULTIPROCESSORS = 2;

    private static CpuWorkers workers;
    private static CpuRadixSort cpu;

    @TempDir
    Path folder;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.withThreads(2);
        cpu = new CpuRadixSort(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    enum Mode {
        KEYS, PAIRS_4_BYTE_VALUES, PAIRS_8_BYTE_VALUES, ARGSORT_INT32, ARGSORT_INT64
    }

    record Case(String name, ElementType keyType, SortOrder order, Mode mode, int size, Shape shape, boolean inPlace,
            boolean narrowBits) {
    }

    @Test
    void kernelsSortLikeTheCpuTwin() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "kernel emulation skipped: no g++ on the PATH");
        Path program = compile();
        GpuRadixSortPolicy policy = readPolicy(program);
        List<Case> cases = cases(policy);
        Path file = folder.resolve("cases.txt");
        try (Arena arena = Arena.ofConfined(); BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (Case sortCase : cases) {
                write(sortCase, policy, arena, out);
            }
        }
        String output = HostPrograms.run(List.of(program.toString(), "cases", file.toString()),
                "running the kernels on the CPU", 300);
        assertThat(output).contains("all " + cases.size() + " cases match");
    }

    /**
     * Every key type in both orders at sizes around the tile (the largest ascending only), with modes, shapes and
     * variants spread across them.
     */
    private static List<Case> cases(GpuRadixSortPolicy policy) {
        List<Case> cases = new ArrayList<>();
        int index = 0;
        for (ElementType type : ElementType.values()) {
            int tile = policy.tileSize(type.byteSize());
            int[] sizes = {0, 1, 2, tile - 1, tile, tile + 1, 3 * tile + 5, 17 * tile + 11};
            for (int size : sizes) {
                for (SortOrder order : SortOrder.values()) {
                    if (size == sizes[sizes.length - 1] && order == SortOrder.DESCENDING) {
                        continue; // the longest look-back chains once per type and mode keep the run short
                    }
                    Mode mode = Mode.values()[index % Mode.values().length];
                    Shape shape = Shape.values()[(index / 2) % Shape.values().length];
                    boolean inPlace = mode != Mode.ARGSORT_INT32 && mode != Mode.ARGSORT_INT64 && index % 3 == 0;
                    boolean narrowBits = index % 4 == 1;
                    cases.add(new Case(type + "-" + order + "-" + mode + "-" + size + "-" + shape
                            + (inPlace ? "-in-place" : "") + (narrowBits ? "-range-bits" : ""),
                            type, order, mode, size, shape, inPlace, narrowBits));
                    index++;
                }
            }
        }
        return cases;
    }

    private void write(Case sortCase, GpuRadixSortPolicy policy, Arena arena, BufferedWriter out) throws IOException {
        ElementType type = sortCase.keyType();
        int n = sortCase.size();
        MemorySegment keys = GpuInputs.values(arena, type, n, sortCase.shape(), 31L * n + sortCase.name().hashCode());
        GpuRadixSortBits bits = sortCase.narrowBits() ? rangeBits(keys, type, n) : GpuRadixSortBits.allOf(type);
        int valueBytes = switch (sortCase.mode()) {
            case KEYS -> 0;
            case PAIRS_4_BYTE_VALUES, ARGSORT_INT32 -> 4;
            case PAIRS_8_BYTE_VALUES, ARGSORT_INT64 -> 8;
        };
        boolean argsort = sortCase.mode() == Mode.ARGSORT_INT32 || sortCase.mode() == Mode.ARGSORT_INT64;
        GpuRadixSortPlan plan = GpuRadixSortPlan.of(new GpuRadixSortPlan.Request(n, type, valueBytes, argsort,
                sortCase.order(), bits, sortCase.inPlace(), MULTIPROCESSORS), policy);

        MemorySegment values = arena.allocate(Math.max(1, (long) n * valueBytes), 8).asSlice(0, (long) n * valueBytes);
        SplittableRandom random = new SplittableRandom(n + 7L);
        for (long i = 0; i < values.byteSize() / 4; i++) {
            values.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt());
        }
        MemorySegment sortedKeys = arena.allocate(Math.max(1, keys.byteSize()), 8).asSlice(0, keys.byteSize());
        MemorySegment sortedValues = arena.allocate(Math.max(1, values.byteSize()), 8).asSlice(0, values.byteSize());
        ElementType valueType = valueBytes == 4 ? ElementType.INT32 : ElementType.INT64;
        switch (sortCase.mode()) {
            case KEYS -> cpu.sortKeys(keys, type, sortCase.order(), sortedKeys);
            case PAIRS_4_BYTE_VALUES, PAIRS_8_BYTE_VALUES ->
                    cpu.sortPairs(keys, type, values, valueType, sortCase.order(), sortedKeys, sortedValues);
            case ARGSORT_INT32, ARGSORT_INT64 -> cpu.argsort(keys, type, sortCase.order(), sortedValues, valueType);
        }

        out.write("case " + sortCase.name() + "\n");
        memory(out, Role.KEYS, keys);
        if (valueBytes > 0 && !argsort) {
            memory(out, Role.VALUES, values);
        }
        if (sortCase.inPlace()) {
            out.write("alias SORTED_KEYS KEYS\n");
            if (valueBytes > 0) {
                out.write("alias SORTED_VALUES VALUES\n");
            }
        } else {
            out.write("memory SORTED_KEYS " + keys.byteSize() + "\n");
            if (valueBytes > 0) {
                out.write("memory SORTED_VALUES " + values.byteSize() + "\n");
            }
        }
        out.write("memory SCRATCH " + plan.scratchBytes() + "\n");
        for (GpuRadixSortPlan.Step step : plan.steps()) {
            switch (step) {
                case GpuRadixSortPlan.Zero zero -> out.write("zero " + zero.offset() + " " + zero.bytes() + "\n");
                case GpuRadixSortPlan.Launch launch -> {
                    StringBuilder line = new StringBuilder("launch " + launch.kernel() + " " + launch.grid() + " "
                            + launch.block() + " " + launch.arguments().size());
                    for (GpuRadixSortPlan.Argument argument : launch.arguments()) {
                        line.append(switch (argument) {
                            case GpuRadixSortPlan.Pointer pointer -> " p " + pointer.role() + " " + pointer.offset();
                            case GpuRadixSortPlan.NullPointer ignored -> " n";
                            case GpuRadixSortPlan.IntValue value -> " i " + value.value();
                            case GpuRadixSortPlan.LongValue value -> " l " + value.value();
                        });
                    }
                    out.write(line + "\n");
                }
            }
        }
        if (!argsort) {
            expect(out, Role.SORTED_KEYS, sortedKeys);
        }
        if (valueBytes > 0) {
            expect(out, Role.SORTED_VALUES, sortedValues);
        }
        if (!sortCase.inPlace()) {
            expect(out, Role.KEYS, keys); // the input is left as it was
        }
        out.write("end\n");
    }

    /** The bits that vary between the smallest and the largest key present. */
    private static GpuRadixSortBits rangeBits(MemorySegment keys, ElementType type, int n) {
        if (n == 0) {
            return GpuRadixSortBits.allOf(type);
        }
        long[] raw = new long[n];
        for (int i = 0; i < n; i++) {
            raw[i] = rawBits(keys, type, i);
        }
        Comparator<Long> byOrder = (a, b) -> Long.compareUnsigned(TotalOrder.unsignedKey(type, a),
                TotalOrder.unsignedKey(type, b));
        Long[] boxed = Arrays.stream(raw).boxed().toArray(Long[]::new);
        long min = Arrays.stream(boxed).min(byOrder).orElseThrow();
        long max = Arrays.stream(boxed).max(byOrder).orElseThrow();
        return GpuRadixSortBits.forRange(type, min, max);
    }

    private static long rawBits(MemorySegment segment, ElementType type, long index) {
        return type.byteSize() == 4 ? segment.getAtIndex(ValueLayout.JAVA_INT, index) & 0xFFFF_FFFFL
                : segment.getAtIndex(ValueLayout.JAVA_LONG, index);
    }

    private static void memory(BufferedWriter out, Role role, MemorySegment data) throws IOException {
        out.write("memory " + role + " " + data.byteSize() + "\n");
        words(out, "data " + role, data);
    }

    private static void expect(BufferedWriter out, Role role, MemorySegment data) throws IOException {
        words(out, "expect " + role, data);
    }

    private static void words(BufferedWriter out, String prefix, MemorySegment data) throws IOException {
        CaseFiles.words(out, prefix, data);
    }

    private Path compile() throws IOException, InterruptedException {
        Path program = folder.resolve("radix_sort_on_cpu");
        HostPrograms.run(List.of("g++", "-std=c++20", "-O1", "-w", "-pthread", "-DFORGE_RADIX_SORT_SMALL_TILES",
                "-fsanitize=address,undefined",
                "-fno-sanitize-recover=all", "-Isrc/main/cuda", "-Isrc/test/emulation",
                "src/test/emulation/radix_sort_on_cpu.cpp", "-o", program.toString()), "compiling the emulation", 300);
        return program;
    }

    private static GpuRadixSortPolicy readPolicy(Path program) throws IOException, InterruptedException {
        String output = HostPrograms.run(List.of(program.toString(), "policy"), "reading the tuning policy", 300);
        String line = output.lines().filter(text -> text.matches("[0-9 ]+")).findFirst().orElseThrow(
                () -> new AssertionError("no policy words in:\n" + output));
        return GpuRadixSortPolicy.fromWords(Arrays.stream(line.trim().split(" ")).mapToInt(Integer::parseInt).toArray());
    }
}
