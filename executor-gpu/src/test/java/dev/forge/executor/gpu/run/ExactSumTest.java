package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ExactSumTest {
    private static final long[] EDGES = {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 1, Long.MIN_VALUE + 1};

    @Test
    void sumsSigned128BitValuesExactlyAsBigIntegerDoes() {
        SplittableRandom random = new SplittableRandom(20261207);
        for (int trial = 0; trial < 200; trial++) {
            ExactSum sum = new ExactSum();
            BigInteger expected = BigInteger.ZERO;
            int count = random.nextInt(0, 3000);
            for (int i = 0; i < count; i++) {
                long low = random.nextInt(4) == 0 ? EDGES[random.nextInt(EDGES.length)] : random.nextLong();
                long high = switch (random.nextInt(4)) {
                    case 0 -> EDGES[random.nextInt(EDGES.length)];
                    case 1 -> low >> 63; // a value that fits 64 bits, as most sums are
                    default -> random.nextLong();
                };
                sum.add(low, high);
                expected = expected.add(AggregateResult.signed128(low, high));
            }
            assertThat(sum.value()).as("trial %d of %d values", trial, count).isEqualTo(expected);
        }
    }

    @Test
    void aSumBeyond128BitsKeepsItsTopBits() {
        ExactSum sum = new ExactSum();
        BigInteger expected = BigInteger.ZERO;
        for (int i = 0; i < 1000; i++) { // 1000 times the largest and then the smallest 128-bit value
            sum.add(-1, Long.MAX_VALUE);
            expected = expected.add(AggregateResult.signed128(-1, Long.MAX_VALUE));
        }
        assertThat(sum.value()).isEqualTo(expected).isGreaterThan(BigInteger.ONE.shiftLeft(136));
        ExactSum negative = new ExactSum();
        for (int i = 0; i < 1000; i++) {
            negative.add(0, Long.MIN_VALUE);
        }
        assertThat(negative.value()).isEqualTo(BigInteger.ONE.shiftLeft(127).negate().multiply(BigInteger.valueOf(1000)));
    }
}
