package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuSelectTest {

    private final CpuSelect one = new CpuSelect(ONE_THREAD);
    private final CpuSelect many = new CpuSelect(MANY_THREADS);

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void predicateSelectionKeepsMatchingElementsInOrder(int n) {
        int[] ints = TestInputs.ints(n + 1L, n, TestInputs.Shape.ZIPF);
        long[] longs = TestInputs.longs(n + 2L, n, TestInputs.Shape.UNIFORM);
        double[] doubles = TestInputs.doubles(n + 3L, n);
        float[] floats = TestInputs.floats(n + 4L, n);
        int[] expectedInts = Arrays.stream(ints).filter(v -> v % 3 == 0).toArray();
        long[] expectedLongs = Arrays.stream(longs).filter(v -> v > 0).toArray();
        double[] expectedDoubles = Arrays.stream(doubles).filter(v -> v < 0.5 || Double.isNaN(v)).toArray();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment intValues = TestInputs.segment(arena, ints);
            MemorySegment longValues = TestInputs.segment(arena, longs);
            MemorySegment doubleValues = TestInputs.segment(arena, doubles);
            MemorySegment floatValues = TestInputs.segment(arena, floats);
            MemorySegment output = arena.allocate(8L * n);
            for (CpuSelect select : new CpuSelect[] {one, many}) {
                long count = select.selectInt32(intValues, v -> v % 3 == 0, output);
                assertThat(TestInputs.intArray(output.asSlice(0, 4 * count))).isEqualTo(expectedInts);
                count = select.selectInt64(longValues, v -> v > 0, output);
                assertThat(TestInputs.longArray(output.asSlice(0, 8 * count))).isEqualTo(expectedLongs);
                count = select.selectFloat64(doubleValues, v -> v < 0.5 || Double.isNaN(v), output);
                assertThat(bitsOf(TestInputs.doubleArray(output.asSlice(0, 8 * count))))
                        .isEqualTo(bitsOf(expectedDoubles));
                count = select.selectFloat32(floatValues, v -> v >= -1, output);
                long expectedFloatCount = 0;
                for (float v : floats) {
                    expectedFloatCount += v >= -1 ? 1 : 0;
                }
                assertThat(count).isEqualTo(expectedFloatCount);

                long passed = select.partitionInt32(intValues, v -> v % 3 == 0, output);
                int[] partitioned = TestInputs.intArray(output.asSlice(0, 4L * n));
                int[] expectedPartition = java.util.stream.IntStream.concat(Arrays.stream(ints).filter(v -> v % 3 == 0),
                        Arrays.stream(ints).filter(v -> v % 3 != 0)).toArray();
                assertThat(passed).isEqualTo(expectedInts.length);
                assertThat(partitioned).isEqualTo(expectedPartition);
                passed = select.partitionFloat64(doubleValues, v -> v < 0.5 || Double.isNaN(v), output);
                double[] expectedDoublePartition = java.util.stream.DoubleStream.concat(
                        Arrays.stream(doubles).filter(v -> v < 0.5 || Double.isNaN(v)),
                        Arrays.stream(doubles).filter(v -> !(v < 0.5 || Double.isNaN(v)))).toArray();
                assertThat(passed).isEqualTo(expectedDoubles.length);
                assertThat(bitsOf(TestInputs.doubleArray(output))).isEqualTo(bitsOf(expectedDoublePartition));
                passed = select.partitionInt64(longValues, v -> v > 0, output);
                assertThat(passed).isEqualTo(expectedLongs.length);
                assertThat(TestInputs.longArray(output.asSlice(0, 8 * passed))).isEqualTo(expectedLongs);
                passed = select.partitionFloat32(floatValues, v -> v >= -1, output);
                assertThat(passed).isEqualTo(expectedFloatCount);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void masksSelectAndPartitionStably(int n) {
        long[] values = TestInputs.longs(n + 11L, n, TestInputs.Shape.FEW_DISTINCT);
        SplittableRandom random = new SplittableRandom(n);
        byte[] bytes = new byte[n];
        byte[] bits = new byte[(n + 7) / 8];
        long[] expectedSelected = new long[n];
        long[] expectedPartition = new long[n];
        int selected = 0;
        for (int i = 0; i < n; i++) {
            boolean keep = random.nextInt(3) == 0;
            bytes[i] = keep ? (byte) (1 + random.nextInt(100)) : 0;
            if (keep) {
                bits[i / 8] |= (byte) (1 << (i % 8));
                expectedSelected[selected++] = values[i];
            }
        }
        System.arraycopy(expectedSelected, 0, expectedPartition, 0, selected);
        int rejected = selected;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                expectedPartition[rejected++] = values[i];
            }
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment valueSegment = TestInputs.segment(arena, values);
            MemorySegment byteMask = arena.allocate(n);
            MemorySegment.copy(bytes, 0, byteMask, Segments.BYTE, 0, n);
            MemorySegment bitMask = arena.allocate(bits.length);
            MemorySegment.copy(bits, 0, bitMask, Segments.BYTE, 0, bits.length);
            MemorySegment output = arena.allocate(8L * n);
            long[] prefix = Arrays.copyOf(expectedSelected, selected);
            for (CpuSelect select : new CpuSelect[] {one, many}) {
                assertThat(select.selectByByteMask(valueSegment, ElementType.INT64, byteMask, output)).isEqualTo(selected);
                assertThat(TestInputs.longArray(output.asSlice(0, 8L * selected))).isEqualTo(prefix);
                assertThat(select.selectByBitMask(valueSegment, ElementType.INT64, bitMask, output)).isEqualTo(selected);
                assertThat(TestInputs.longArray(output.asSlice(0, 8L * selected))).isEqualTo(prefix);
                assertThat(select.partitionByByteMask(valueSegment, ElementType.INT64, byteMask, output))
                        .isEqualTo(selected);
                assertThat(TestInputs.longArray(output)).isEqualTo(expectedPartition);
                output.fill((byte) 0x5A);
                assertThat(select.partitionByBitMask(valueSegment, ElementType.INT64, bitMask, output))
                        .isEqualTo(selected);
                assertThat(TestInputs.longArray(output)).isEqualTo(expectedPartition);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void gatherAndScatterInvertEachOther(int n) {
        int[] values = TestInputs.ints(n + 21L, n, TestInputs.Shape.UNIFORM);
        int[] permutation = new int[n];
        for (int i = 0; i < n; i++) {
            permutation[i] = i;
        }
        SplittableRandom random = new SplittableRandom(n + 5L);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = permutation[i];
            permutation[i] = permutation[j];
            permutation[j] = swap;
        }
        int[] expectedGathered = new int[n];
        for (int i = 0; i < n; i++) {
            expectedGathered[i] = values[permutation[i]];
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment valueSegment = TestInputs.segment(arena, values);
            MemorySegment indices32 = TestInputs.segment(arena, permutation);
            MemorySegment indices64 = TestInputs.segment(arena, Arrays.stream(permutation).asLongStream().toArray());
            MemorySegment gathered = arena.allocate(4L * n);
            MemorySegment scattered = arena.allocate(4L * n);
            for (CpuGather gather : new CpuGather[] {new CpuGather(ONE_THREAD), new CpuGather(MANY_THREADS)}) {
                gather.gather(valueSegment, ElementType.INT32, indices32, ElementType.INT32, gathered);
                assertThat(TestInputs.intArray(gathered)).isEqualTo(expectedGathered);
                gather.scatter(gathered, ElementType.INT32, indices64, ElementType.INT64, scattered);
                assertThat(TestInputs.intArray(scattered)).isEqualTo(values);
            }
        }
    }

    @Test
    void gatherNamesTheIndexOutOfBounds() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new long[] {1, 2, 3});
            MemorySegment indices = TestInputs.segment(arena, new int[] {2, 0, 3});
            assertThatThrownBy(() -> new CpuGather(MANY_THREADS).gather(values, ElementType.INT64, indices,
                    ElementType.INT32, arena.allocate(24)))
                    .isInstanceOf(IndexOutOfBoundsException.class)
                    .hasMessageContaining("indices[2] = 3").hasMessageContaining("[0, 3)");
        }
    }

    @Test
    void maskOfTheWrongLengthIsRejected() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment values = TestInputs.segment(arena, new int[] {1, 2, 3});
            assertThatThrownBy(() -> many.selectByByteMask(values, ElementType.INT32, arena.allocate(2),
                    arena.allocate(12))).hasMessageContaining("byteMask");
        }
    }

    private static long[] bitsOf(double[] values) {
        return Arrays.stream(values).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
