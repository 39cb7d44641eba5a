package dev.forge.primitives;

import java.math.BigInteger;

/** An exact signed 128-bit integer as two 64-bit halves, the result type of overflow-safe int64 sums. */
public record Int128(long high, long low) implements Comparable<Int128> {

    public static final Int128 ZERO = new Int128(0, 0);

    public static Int128 of(long value) {
        return new Int128(value >> 63, value);
    }

    public Int128 plus(Int128 other) {
        long sumLow = low + other.low;
        long carry = Long.compareUnsigned(sumLow, low) < 0 ? 1 : 0;
        return new Int128(high + other.high + carry, sumLow);
    }

    /** Adds a sign-extended 64-bit value: the step every exact int64 accumulator takes. */
    public Int128 plus(long value) {
        return plus(of(value));
    }

    /** True when the value fits in a signed 64-bit long, so {@link #low()} is the whole value. */
    public boolean fitsInLong() {
        return high == (low >> 63);
    }

    public BigInteger toBigInteger() {
        return BigInteger.valueOf(high).shiftLeft(64).add(new BigInteger(Long.toUnsignedString(low)));
    }

    @Override
    public int compareTo(Int128 other) {
        int byHigh = Long.compare(high, other.high);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(low, other.low);
    }

    @Override
    public String toString() {
        return toBigInteger().toString();
    }
}
