package dev.forge.primitives.cpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.Int128;
import dev.forge.primitives.TotalOrder;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** The small shared types under the twins: workers, the total order, 128-bit integers. */
class SupportTypesTest {

    @Test
    void workersRunEveryTaskExactlyOnce() {
        for (CpuWorkers workers : new CpuWorkers[] {TestInputs.ONE_THREAD, TestInputs.MANY_THREADS,
                CpuWorkers.allCores()}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(1000);
            workers.forEach(1000, runs::incrementAndGet);
            for (int i = 0; i < 1000; i++) {
                assertThat(runs.get(i)).as("task %d on %s", i, workers).isEqualTo(1);
            }
        }
        assertThatThrownBy(() -> CpuWorkers.withThreads(0)).hasMessageContaining("threads").hasMessageContaining("0");
    }

    @Test
    void taskFailuresReachTheCaller() {
        assertThatThrownBy(() -> TestInputs.MANY_THREADS.forEach(100, i -> {
            if (i == 77) {
                throw new IllegalStateException("task 77 failed");
            }
        })).hasMessageContaining("task 77 failed");
    }

    @Test
    void confinedSegmentsGetAnExplanation() {
        try (Arena confined = Arena.ofConfined()) {
            MemorySegment values = confined.allocate(8L * 300_000);
            values.fill((byte) 3);
            assertThatThrownBy(() -> new CpuReduce(TestInputs.MANY_THREADS).sumInt64(values))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Arena.ofShared()");
        }
    }

    @Test
    void totalOrderKeysSortLikeDoubleCompare() {
        double[] values = {Double.NaN, Double.POSITIVE_INFINITY, 1.5, 0.0, -0.0, -1e-300, Double.NEGATIVE_INFINITY,
                Double.longBitsToDouble(0xFFF8_0000_0000_0001L), Double.MIN_VALUE, -Double.MAX_VALUE};
        double[] expected = values.clone();
        Arrays.sort(expected);
        long[] keys = Arrays.stream(values).mapToLong(TotalOrder::signedKeyOfFloat64).sorted().toArray();
        for (int i = 0; i < values.length; i++) {
            assertThat(Double.doubleToLongBits(TotalOrder.float64OfSignedKey(keys[i])))
                    .isEqualTo(Double.doubleToLongBits(expected[i]));
        }
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 10_000; i++) {
            float a = Float.intBitsToFloat(random.nextInt());
            float b = Float.intBitsToFloat(random.nextInt());
            assertThat(Integer.signum(Integer.compare(TotalOrder.signedKeyOfFloat32(a), TotalOrder.signedKeyOfFloat32(b))))
                    .isEqualTo(Integer.signum(Float.compare(a, b)));
            long bits = random.nextLong();
            for (ElementType type : ElementType.values()) {
                long raw = type.byteSize() == 4 ? bits & 0xFFFF_FFFFL : bits;
                long roundTrip = TotalOrder.rawBitsOfUnsignedKey(type, TotalOrder.unsignedKey(type, raw));
                boolean nan = switch (type) {
                    case FLOAT32 -> Float.isNaN(Float.intBitsToFloat((int) raw));
                    case FLOAT64 -> Double.isNaN(Double.longBitsToDouble(raw));
                    case INT32, INT64, UINT32, UINT64 -> false;
                };
                if (!nan) {
                    assertThat(roundTrip).as("%s round trip", type).isEqualTo(raw);
                }
            }
        }
    }

    @Test
    void int128AddsAndComparesExactly() {
        SplittableRandom random = new SplittableRandom(9);
        Int128 sum = Int128.ZERO;
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 10_000; i++) {
            long value = random.nextBoolean() ? random.nextLong() : Long.MIN_VALUE + random.nextInt(3);
            sum = sum.plus(value);
            expected = expected.add(BigInteger.valueOf(value));
            assertThat(sum.toBigInteger()).isEqualTo(expected);
        }
        assertThat(Int128.of(-1).compareTo(Int128.of(1))).isNegative();
        assertThat(Int128.of(Long.MAX_VALUE).plus(1).compareTo(Int128.of(Long.MAX_VALUE))).isPositive();
        assertThat(Int128.of(Long.MAX_VALUE).plus(1).fitsInLong()).isFalse();
        assertThat(Int128.of(-5).fitsInLong()).isTrue();
    }
}
