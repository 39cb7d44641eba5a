package dev.forge.executor.cpu.vector;

import java.math.BigInteger;

/** Helpers for signed 128-bit integers held as a high and a low long. */
public final class Int128 {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);
    private static final BigInteger MIN = BigInteger.ONE.shiftLeft(127).negate();
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(127).subtract(BigInteger.ONE);

    private Int128() {
    }

    public static BigInteger toBigInteger(long high, long low) {
        BigInteger lowPart = BigInteger.valueOf(low);
        if (low < 0) {
            lowPart = lowPart.add(TWO_TO_64);
        }
        return BigInteger.valueOf(high).shiftLeft(64).add(lowPart);
    }

    public static boolean fits(BigInteger value) {
        return value.compareTo(MIN) >= 0 && value.compareTo(MAX) <= 0;
    }

    public static long high(BigInteger value) {
        return value.shiftRight(64).longValue();
    }

    public static long low(BigInteger value) {
        return value.longValue();
    }

    /** Signed comparison. */
    public static int compare(long highA, long lowA, long highB, long lowB) {
        int byHigh = Long.compare(highA, highB);
        return byHigh != 0 ? byHigh : Long.compareUnsigned(lowA, lowB);
    }
}
