package dev.forge.primitives.cpu;

import static dev.forge.primitives.cpu.TestInputs.MANY_THREADS;
import static dev.forge.primitives.cpu.TestInputs.ONE_THREAD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CpuHashJoinTest {

    @ParameterizedTest
    @MethodSource("dev.forge.primitives.cpu.TestInputs#sizes")
    void everyJoinKindMatchesAHashMapJoin(int n) {
        SplittableRandom random = new SplittableRandom(n * 13L + 1);
        int rightCount = n / 2 + 3;
        long[] right = new long[rightCount];
        for (int i = 0; i < rightCount; ) {
            long key = random.nextLong(-n - 10L, n + 10L) * 1_000_003L; // each key 1 to 4 times: bounded output
            for (int copies = random.nextInt(1, 5); copies > 0 && i < rightCount; copies--) {
                right[i++] = key;
            }
        }
        shuffle(right, random);
        long[] left = new long[n];
        for (int i = 0; i < n; i++) {
            left[i] = (long) TestInputs.zipf(random, 2 * n + 20) * (random.nextBoolean() ? 1 : -1) * 1_000_003L;
        }
        checkJoins(left, right, ElementType.INT64);
        int[] leftInts = Arrays.stream(left).mapToInt(v -> (int) (v / 1_000_003L)).toArray();
        int[] rightInts = Arrays.stream(right).mapToInt(v -> (int) (v / 1_000_003L)).toArray();
        checkJoins(Arrays.stream(leftInts).asLongStream().toArray(), Arrays.stream(rightInts).asLongStream().toArray(),
                ElementType.INT32);
    }

    @Test
    void allEqualKeysProduceTheCrossProduct() {
        long[] left = new long[1025];
        long[] right = new long[1023];
        Arrays.fill(left, -7);
        Arrays.fill(right, -7);
        checkJoins(left, right, ElementType.INT64);
    }

    /**
     * A million build rows of one key, then of Zipf keys: a table with one slot per row would probe quadratically
     * (the old layout never finished); one slot per distinct key with a row range is linear in rows plus matches.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void heavilyDuplicatedBuildKeysBuildAndProbeInLinearTime() {
        int n = 1 << 20;
        long[] allEqual = new long[n];
        Arrays.fill(allEqual, -7);
        long[] probes = new long[n];
        for (int i = 0; i < n; i++) {
            probes[i] = i == 5 || i == 77_777 || i == n - 1 ? -7 : i + 1; // three rows match every build row
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment build = TestInputs.segment(arena, allEqual);
            MemorySegment probe = TestInputs.segment(arena, probes);
            CpuHashJoin join = new CpuHashJoin(MANY_THREADS);
            JoinPairs inner = join.inner(probe, build, ElementType.INT64, arena);
            assertThat(inner.count()).isEqualTo(3L * n);
            for (long i = 0; i < inner.count(); i++) {
                long expectedLeft = i < n ? 5 : i < 2L * n ? 77_777 : n - 1;
                if (inner.leftRow(i) != expectedLeft || inner.rightRow(i) != i % n) {
                    assertThat(new long[] {inner.leftRow(i), inner.rightRow(i)}).as("pair %d: right rows ascend", i)
                            .containsExactly(expectedLeft, i % n);
                }
            }
            assertThat(join.leftSemi(build, build, ElementType.INT64, arena).byteSize()).isEqualTo(8L * n);
            assertThat(join.leftAnti(build, build, ElementType.INT64, arena).byteSize()).isZero();

            long[] zipf = TestInputs.longs(99, n, TestInputs.Shape.ZIPF);
            long[] zipfProbes = TestInputs.longs(100, 4096, TestInputs.Shape.ZIPF);
            Map<Long, Integer> buildCounts = new HashMap<>();
            for (long key : zipf) {
                buildCounts.merge(key, 1, Integer::sum);
            }
            long expectedPairs = 0;
            for (long key : zipfProbes) {
                expectedPairs += buildCounts.getOrDefault(key, 0);
            }
            JoinPairs zipfPairs = join.inner(TestInputs.segment(arena, zipfProbes), TestInputs.segment(arena, zipf),
                    ElementType.INT64, arena);
            assertThat(zipfPairs.count()).isEqualTo(expectedPairs).isGreaterThan(1_000_000);
            for (long i = 1; i < zipfPairs.count(); i++) {
                boolean ordered = zipfPairs.leftRow(i - 1) < zipfPairs.leftRow(i)
                        || zipfPairs.rightRow(i - 1) < zipfPairs.rightRow(i);
                if (!ordered || zipf[(int) zipfPairs.rightRow(i)] != zipfProbes[(int) zipfPairs.leftRow(i)]) {
                    assertThat(i).as("pair %d is in (left, right) order and its keys are equal", i).isNegative();
                }
            }
        }
    }

    @Test
    void uniqueBuildKeysAreDetected() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment unique = TestInputs.segment(arena, new long[] {5, -9, 12, 40});
            MemorySegment duplicated = TestInputs.segment(arena, new long[] {5, -9, 5});
            assertThat(CpuHashTable.build(MANY_THREADS, unique, ElementType.INT64).hasDuplicateKeys()).isFalse();
            CpuHashTable table = CpuHashTable.build(MANY_THREADS, duplicated, ElementType.INT64);
            assertThat(table.hasDuplicateKeys()).isTrue();
            JoinPairs pairs = table.probe(TestInputs.segment(arena, new long[] {5, 7}), arena);
            assertThat(pairs.count()).isEqualTo(2);
            assertThat(new long[] {pairs.rightRow(0), pairs.rightRow(1)}).containsExactlyInAnyOrder(0, 2);
        }
    }

    @Test
    void floatingKeysAreRejected() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keys = TestInputs.segment(arena, new double[] {1.5});
            assertThatThrownBy(() -> CpuHashTable.build(MANY_THREADS, keys, ElementType.FLOAT64))
                    .hasMessageContaining("keyType").hasMessageContaining("FLOAT64");
        }
    }

    private static void checkJoins(long[] left, long[] right, ElementType keyType) {
        Map<Long, List<Integer>> rightRowsByKey = new HashMap<>();
        for (int r = 0; r < right.length; r++) {
            rightRowsByKey.computeIfAbsent(right[r], key -> new ArrayList<>()).add(r);
        }
        List<long[]> innerPairs = new ArrayList<>();
        List<long[]> outerPairs = new ArrayList<>();
        List<Long> semi = new ArrayList<>();
        List<Long> anti = new ArrayList<>();
        for (int l = 0; l < left.length; l++) {
            List<Integer> matches = rightRowsByKey.getOrDefault(left[l], List.of());
            for (int r : matches) {
                innerPairs.add(new long[] {l, r});
                outerPairs.add(new long[] {l, r});
            }
            if (matches.isEmpty()) {
                outerPairs.add(new long[] {l, -1});
                anti.add((long) l);
            } else {
                semi.add((long) l);
            }
        }
        try (Arena arena = Arena.ofShared()) {
            MemorySegment leftKeys = keySegment(arena, left, keyType);
            MemorySegment rightKeys = keySegment(arena, right, keyType);
            CpuHashJoin one = new CpuHashJoin(ONE_THREAD);
            CpuHashJoin many = new CpuHashJoin(MANY_THREADS);
            JoinPairs inner = many.inner(leftKeys, rightKeys, keyType, arena);
            // left rows in order, each one's right rows ascending: exactly the order of the plain join above
            assertThat(packedPairs(inner)).as("inner %s n=%d", keyType, left.length).isEqualTo(packed(innerPairs));
            assertSameOrder(one.inner(leftKeys, rightKeys, keyType, arena), inner);
            JoinPairs outer = many.leftOuter(leftKeys, rightKeys, keyType, arena);
            assertThat(packedPairs(outer)).as("left outer").isEqualTo(packed(outerPairs));
            assertSameOrder(one.leftOuter(leftKeys, rightKeys, keyType, arena), outer);
            assertThat(TestInputs.longArray(many.leftSemi(leftKeys, rightKeys, keyType, arena)))
                    .isEqualTo(semi.stream().mapToLong(Long::longValue).toArray());
            assertThat(TestInputs.longArray(one.leftAnti(leftKeys, rightKeys, keyType, arena)))
                    .isEqualTo(anti.stream().mapToLong(Long::longValue).toArray());
        }
    }

    private static void assertSameOrder(JoinPairs expected, JoinPairs actual) {
        assertThat(actual.count()).isEqualTo(expected.count());
        assertThat(actual.leftRows().mismatch(expected.leftRows())).isEqualTo(-1);
        assertThat(actual.rightRows().mismatch(expected.rightRows())).as("same order for any thread count")
                .isEqualTo(-1);
    }

    private static MemorySegment keySegment(Arena arena, long[] keys, ElementType keyType) {
        if (keyType == ElementType.INT32) {
            return TestInputs.segment(arena, Arrays.stream(keys).mapToInt(v -> (int) v).toArray());
        }
        return TestInputs.segment(arena, keys);
    }

    /** Pairs as "left:right" strings would be slow at a million rows; an array of packed longs is not. */
    private static long[] packedPairs(JoinPairs pairs) {
        long[] packed = new long[(int) pairs.count()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = pairs.leftRow(i) << 24 | (pairs.rightRow(i) + 1);
        }
        return packed;
    }

    private static long[] packed(List<long[]> pairs) {
        long[] packed = new long[pairs.size()];
        for (int i = 0; i < packed.length; i++) {
            packed[i] = pairs.get(i)[0] << 24 | (pairs.get(i)[1] + 1);
        }
        return packed;
    }

    private static void shuffle(long[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            long swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }
}
