package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import dev.forge.primitives.cpu.CpuHashJoin;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every join kind of {@link GpuHashJoin} against {@code CpuHashJoin}, pair for pair and in the same order, on build
 * sides of every shape (unique-ish, few distinct, Zipf, all equal) at sizes around a block, with outputs poisoned.
 */
@RequiresGpu
class GpuHashJoinTest {
    /** Threads per block of hash_table.cu: the sizes straddle it. */
    private static final int BLOCK = 256;
    private static final byte POISON = (byte) 0xA5;

    private static CpuWorkers workers;
    private static CpuHashJoin cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuHashJoin(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = GpuInputs.hashKeyCases();
        cases.add(Arguments.of(ElementType.UINT32, (1 << 20) + 7, Shape.ZIPF));
        cases.add(Arguments.of(ElementType.UINT64, BLOCK + 1, Shape.FEW_DISTINCT));
        return cases.build();
    }

    @ParameterizedTest(name = "{0} keys, {1} build rows {2}")
    @MethodSource("cases")
    void everyJoinKindMatchesTheCpuTwinInOrder(ElementType keyType, int size, Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuHashJoin join = new GpuHashJoin(device);
        long seed = 17L * size + shape.ordinal() + 5L * keyType.ordinal();
        int probeCount = size == 0 ? 7 : size; // an empty build side still meets probe rows
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer rightKeys = device.allocate((long) size * keyType.byteSize());
                DeviceBuffer leftKeys = device.allocate((long) probeCount * keyType.byteSize());
                DeviceBuffer rows = device.allocate(8L * probeCount + 64); DeviceBuffer rowCount = device.allocate(8 + 64)) {
            MemorySegment right = GpuInputs.values(arena, keyType, size, shape, seed);
            MemorySegment left = GpuInputs.probeKeys(arena, right, keyType, size, probeCount, shape,
                    new SplittableRandom(seed));
            GpuInputs.upload(arena, right, rightKeys, stream);
            GpuInputs.upload(arena, left, leftKeys, stream);
            String what = keyType + " " + shape + ", " + size + " build rows";

            JoinPairs expectedInner = cpu.inner(left, right, keyType, arena);
            GpuInputs.poisonPool(pool, 16 * expectedInner.count() + (1 << 20), POISON, stream);
            try (GpuJoinPairs inner = join.inner(leftKeys, rightKeys, keyType, pool, stream)) {
                assertSamePairs(what + ", inner", expectedInner, inner.copyToHost(arena, stream));
            }
            JoinPairs expectedOuter = cpu.leftOuter(left, right, keyType, arena);
            GpuInputs.poisonPool(pool, 16 * expectedOuter.count() + (1 << 20), POISON, stream);
            try (GpuJoinPairs outer = join.leftOuter(leftKeys, rightKeys, keyType, pool, stream)) {
                assertSamePairs(what + ", left outer", expectedOuter, outer.copyToHost(arena, stream));
            }
            for (boolean semi : new boolean[] {true, false}) {
                MemorySegment expected = semi ? cpu.leftSemi(left, right, keyType, arena)
                        : cpu.leftAnti(left, right, keyType, arena);
                rows.fillAsync(POISON, stream);
                rowCount.fillAsync(POISON, stream);
                if (semi) {
                    join.leftSemi(leftKeys, rightKeys, keyType, rows, rowCount, pool, stream);
                } else {
                    join.leftAnti(leftKeys, rightKeys, keyType, rows, rowCount, pool, stream);
                }
                assertRows(what + (semi ? ", left semi" : ", left anti"), expected, rows, rowCount, arena, stream);
            }
        }
    }

    static void assertSamePairs(String what, JoinPairs expected, JoinPairs actual) {
        assertThat(actual.count()).as(what + ": pairs").isEqualTo(expected.count());
        assertThat(actual.leftRows().mismatch(expected.leftRows())).as(what + ": first differing byte of the left rows")
                .isEqualTo(-1L);
        assertThat(actual.rightRows().mismatch(expected.rightRows()))
                .as(what + ": first differing byte of the right rows (same order as the twin)").isEqualTo(-1L);
    }

    private static void assertRows(String what, MemorySegment expected, DeviceMemory rows, DeviceMemory rowCount,
            Arena arena, Stream stream) {
        MemorySegment actual = arena.allocate(rows.byteSize(), 8);
        MemorySegment count = arena.allocate(rowCount.byteSize(), 8);
        rows.copyToAsync(actual, stream);
        rowCount.copyToAsync(count, stream);
        stream.synchronize();
        long expectedCount = expected.byteSize() / 8;
        assertThat(count.get(ValueLayout.JAVA_LONG, 0)).as(what + ": row count").isEqualTo(expectedCount);
        assertThat(actual.asSlice(0, expected.byteSize()).mismatch(expected)).as(what + ": first differing byte")
                .isEqualTo(-1L);
        MemorySegment after = actual.asSlice(expected.byteSize());
        assertThat(after.mismatch(arena.allocate(after.byteSize()).fill(POISON))).as(what + ": a byte after the rows")
                .isEqualTo(-1L);
        MemorySegment afterCount = count.asSlice(8);
        assertThat(afterCount.mismatch(arena.allocate(afterCount.byteSize()).fill(POISON)))
                .as(what + ": a byte after the count").isEqualTo(-1L);
    }

    /**
     * 2^26 unique build keys (an odd multiplier is a bijection of 64-bit integers), probed by 2^26 rows of which three
     * in four hold the key of build row (7i mod 2^26); checked against that arithmetic, a chunk at a time.
     */
    @Test
    void aLargeUniqueBuildSideJoinsLikeItsArithmetic() {
        CudaDevice device = Cuda.defaultDevice();
        GpuHashJoin join = new GpuHashJoin(device);
        int count = 1 << 26;
        long multiplier = 0x9E37_79B9_7F4A_7C15L;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer rightKeys = device.allocate(8L * count); DeviceBuffer leftKeys = device.allocate(8L * count)) {
            MemorySegment right = arena.allocate(8L * count, 16);
            MemorySegment left = arena.allocate(8L * count, 16);
            long expectedPairs = 0;
            for (int i = 0; i < count; i++) {
                right.setAtIndex(ValueLayout.JAVA_LONG, i, i * multiplier);
                boolean matches = i % 4 != 3;
                long buildRow = (7L * i) & (count - 1);
                left.setAtIndex(ValueLayout.JAVA_LONG, i, (matches ? buildRow : count + (long) i) * multiplier);
                expectedPairs += matches ? 1 : 0;
            }
            GpuInputs.upload(arena, right, rightKeys, stream);
            GpuInputs.upload(arena, left, leftKeys, stream);
            GpuInputs.poisonPool(pool, 16 * expectedPairs + (1 << 20), POISON, stream);
            try (GpuJoinPairs inner = join.inner(leftKeys, rightKeys, ElementType.INT64, pool, stream)) {
                assertThat(inner.count()).isEqualTo(expectedPairs);
                int chunk = 1 << 22;
                MemorySegment leftRows = arena.allocate(8L * chunk, 8);
                MemorySegment rightRows = arena.allocate(8L * chunk, 8);
                long pair = 0;
                for (long start = 0; start < inner.count(); start += chunk) {
                    long length = Math.min(chunk, inner.count() - start);
                    inner.leftRows().slice(8 * start, 8 * length).copyToAsync(leftRows.asSlice(0, 8 * length), stream);
                    inner.rightRows().slice(8 * start, 8 * length).copyToAsync(rightRows.asSlice(0, 8 * length), stream);
                    stream.synchronize();
                    for (long j = 0; j < length; j++, pair++) {
                        long probeRow = pair / 3 * 4 + pair % 3; // the rows i % 4 != 3, in order
                        long l = leftRows.getAtIndex(ValueLayout.JAVA_LONG, j);
                        long r = rightRows.getAtIndex(ValueLayout.JAVA_LONG, j);
                        if (l != probeRow || r != ((7L * probeRow) & (count - 1))) {
                            assertThat(new long[] {l, r}).as("pair %d", pair)
                                    .containsExactly(probeRow, (7L * probeRow) & (count - 1));
                        }
                    }
                }
            }
        }
    }
}
