package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.TotalOrder;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GpuRadixSortBitsTest {

    /** Every key between the minimum and the maximum shares the bits above the range; the top bit of it varies. */
    @Test
    void theRangeOfAMinimumAndMaximumCoversEveryKeyBetweenThem() {
        SplittableRandom random = new SplittableRandom(42);
        for (ElementType type : ElementType.values()) {
            for (int trial = 0; trial < 2_000; trial++) {
                long a = randomRaw(random, type);
                long b = randomRaw(random, type);
                long orderedA = TotalOrder.unsignedKey(type, a);
                long orderedB = TotalOrder.unsignedKey(type, b);
                boolean aFirst = Long.compareUnsigned(orderedA, orderedB) <= 0;
                long minimum = aFirst ? orderedA : orderedB;
                long maximum = aFirst ? orderedB : orderedA;
                GpuRadixSortBits bits = GpuRadixSortBits.forRange(type, aFirst ? a : b, aFirst ? b : a);
                assertThat(bits.beginBit()).isZero();
                int end = bits.endBit();
                long between = minimum + (maximum == minimum ? 0 : Long.remainderUnsigned(random.nextLong(), maximum - minimum));
                assertThat(end == 64 ? 0 : (between ^ minimum) >>> end).as("%s between %x and %x", type, minimum, maximum)
                        .isZero();
                if (end > 0) {
                    assertThat((minimum ^ maximum) >>> (end - 1)).as("bit %d differs", end - 1).isEqualTo(1L);
                }
            }
        }
    }

    @Test
    void typedHelpersAgreeWithTheRawBitsForm() {
        assertThat(GpuRadixSortBits.forInt32Range(-3, 5)).isEqualTo(GpuRadixSortBits.forRange(ElementType.INT32,
                -3 & 0xFFFF_FFFFL, 5));
        assertThat(GpuRadixSortBits.forInt32Range(0, 255)).isEqualTo(new GpuRadixSortBits(0, 8));
        assertThat(GpuRadixSortBits.forInt64Range(7, 7)).isEqualTo(new GpuRadixSortBits(0, 0));
        assertThat(GpuRadixSortBits.forFloat64Range(1.0, 2.0).endBit()).isLessThan(64);
        assertThat(GpuRadixSortBits.forFloat32Range(-1.0f, 1.0f)).isEqualTo(GpuRadixSortBits.allOf(ElementType.FLOAT32));
        assertThat(GpuRadixSortBits.allOf(ElementType.INT64).digitPlaces(8)).isEqualTo(8);
        assertThat(new GpuRadixSortBits(3, 20).digitPlaces(8)).isEqualTo(3);
    }

    @Test
    void backwardsRangesAndImpossibleBitsAreRefused() {
        assertThatThrownBy(() -> GpuRadixSortBits.forInt32Range(5, -3)).hasMessageContaining("pass the smallest key first");
        assertThatThrownBy(() -> GpuRadixSortBits.forFloat64Range(Double.NaN, 0.0)).hasMessageContaining("orders after");
        assertThatThrownBy(() -> new GpuRadixSortBits(10, 9)).hasMessageContaining("0 <= beginBit <= endBit <= 64");
        assertThatThrownBy(() -> new GpuRadixSortBits(0, 65)).hasMessageContaining("0 <= beginBit <= endBit <= 64");
    }

    private static long randomRaw(SplittableRandom random, ElementType type) {
        long bits = switch (random.nextInt(3)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextLong(-1000, 1000);
            default -> type == ElementType.FLOAT32 ? Float.floatToRawIntBits((float) random.nextGaussian())
                    : Double.doubleToRawLongBits(random.nextGaussian());
        };
        return type.byteSize() == 4 ? bits & 0xFFFF_FFFFL : bits;
    }
}
