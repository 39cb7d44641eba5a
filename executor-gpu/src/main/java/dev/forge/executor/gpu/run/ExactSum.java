package dev.forge.executor.gpu.run;

import java.math.BigInteger;

/**
 * The exact sum of signed 128-bit values (low and high words, as the kernels' exact sums leave them) in 192 bits:
 * merging a grid's per-block partials in longs, where a {@code BigInteger} per partial cost an allocation each (a
 * thousand per aggregate and query). 64 bits above the values' 128 hold any count of partials a grid can have.
 */
final class ExactSum {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private long low;
    private long middle;
    private long high;

    /** Adds the signed 128-bit value {@code (high << 64) | unsigned low}. */
    void add(long valueLow, long valueHigh) {
        long sumLow = low + valueLow;
        long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
        low = sumLow;
        long sumMiddle = middle + valueHigh;
        long carryOut = Long.compareUnsigned(sumMiddle, middle) < 0 ? 1 : 0;
        long withCarry = sumMiddle + carry;
        carryOut += Long.compareUnsigned(withCarry, sumMiddle) < 0 ? 1 : 0;
        middle = withCarry;
        high += (valueHigh >> 63) + carryOut; // the value's sign, extended over the top word
    }

    BigInteger value() {
        return BigInteger.valueOf(high).shiftLeft(128).add(unsigned(middle).shiftLeft(64)).add(unsigned(low));
    }

    private static BigInteger unsigned(long word) {
        return word >= 0 ? BigInteger.valueOf(word) : BigInteger.valueOf(word).add(TWO_TO_64);
    }
}
