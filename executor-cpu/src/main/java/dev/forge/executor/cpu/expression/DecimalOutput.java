package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;
import java.math.BigInteger;

/** Collects decimal results of one precision, checking each against it, into a 64- or 128-bit vector. */
final class DecimalOutput {
    private final int precision;
    private final String where;
    private final long[] low;
    private final long[] high;

    DecimalOutput(int precision, int rows, String where) {
        this.precision = precision;
        this.where = where;
        this.low = new long[rows];
        this.high = precision > 18 ? new long[rows] : null;
    }

    void set(int row, long value) {
        if (!DecimalValues.fitsPrecision(value, precision)) {
            throw overflow(BigInteger.valueOf(value));
        }
        low[row] = value;
        if (high != null) {
            high[row] = value >> 63;
        }
    }

    void set(int row, BigInteger value) {
        if (!DecimalValues.fitsPrecision(value, precision)) {
            throw overflow(value);
        }
        if (high == null) {
            low[row] = value.longValueExact();
        } else {
            low[row] = Int128.low(value);
            high[row] = Int128.high(value);
        }
    }

    private QueryException overflow(BigInteger value) {
        return new QueryException("decimal overflow in " + where + ": unscaled result " + value + " needs more than "
                + precision + " digits");
    }

    Vector build(boolean[] nulls, int rows) {
        return high == null ? new LongVector(low, nulls, rows) : new Int128Vector(high, low, nulls, rows);
    }
}
