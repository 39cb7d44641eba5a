package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import java.math.BigInteger;

/**
 * Exact decimal helpers: powers of ten, rescaling with rounding half away from zero, and a uniform view of 64- and
 * 128-bit unscaled values. Long arithmetic is the fast path; it throws {@link ArithmeticException} when a value does
 * not fit, and callers then redo that row with BigDecimal.
 */
public final class DecimalValues {
    private static final long[] POWERS_OF_TEN = new long[19];
    private static final BigInteger[] BIG_POWERS_OF_TEN = new BigInteger[80];

    static {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++) {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
        for (int i = 0; i < BIG_POWERS_OF_TEN.length; i++) {
            BIG_POWERS_OF_TEN[i] = BigInteger.TEN.pow(i);
        }
    }

    private DecimalValues() {
    }

    /** 10^exponent as a long; throws ArithmeticException beyond 10^18. */
    public static long powerOfTen(int exponent) {
        if (exponent < 0 || exponent >= POWERS_OF_TEN.length) {
            throw new ArithmeticException("10^" + exponent + " does not fit a long");
        }
        return POWERS_OF_TEN[exponent];
    }

    public static BigInteger bigPowerOfTen(int exponent) {
        return exponent < BIG_POWERS_OF_TEN.length ? BIG_POWERS_OF_TEN[exponent] : BigInteger.TEN.pow(exponent);
    }

    /** x / y rounded half away from zero; y != 0. Throws ArithmeticException where the long result overflows. */
    public static long divideRounded(long x, long y) {
        if (y == Long.MIN_VALUE || x == Long.MIN_VALUE) {
            throw new ArithmeticException("operand too large for the long path");
        }
        long quotient = x / y;
        long remainder = x % y;
        if (remainder != 0) {
            long absRemainder = Math.abs(remainder);
            long absDivisor = Math.abs(y);
            if (absRemainder >= absDivisor - absRemainder) {
                quotient += (x ^ y) < 0 ? -1 : 1;
            }
        }
        return quotient;
    }

    /** The unscaled {@code value} at scale {@code from}, rescaled to scale {@code to} (rounding when it shrinks). */
    public static long rescale(long value, int from, int to) {
        if (to == from) {
            return value;
        }
        if (to > from) {
            return Math.multiplyExact(value, powerOfTen(to - from));
        }
        return divideRounded(value, powerOfTen(from - to));
    }

    /** Whether the unscaled value has at most {@code precision} digits. */
    public static boolean fitsPrecision(long value, int precision) {
        if (precision >= 19) {
            return true;
        }
        long bound = POWERS_OF_TEN[precision];
        return value < bound && value > -bound;
    }

    public static boolean fitsPrecision(BigInteger value, int precision) {
        return value.abs().compareTo(bigPowerOfTen(precision)) < 0;
    }

    /** The high halves of a decimal vector, or {@code null} for a 64-bit one. */
    static long[] high(Vector vector) {
        return vector instanceof Int128Vector wide ? wide.high() : null;
    }

    /** The low halves (the whole value where it fits a long). */
    static long[] low(Vector vector) {
        return vector instanceof Int128Vector wide ? wide.low() : ((LongVector) vector).values();
    }

    static boolean fits(long[] high, long[] low, int row) {
        return high == null || high[row] == low[row] >> 63;
    }

    static BigInteger big(long[] high, long[] low, int row) {
        return high == null ? BigInteger.valueOf(low[row]) : Int128.toBigInteger(high[row], low[row]);
    }
}
