package dev.forge.executor.cpu.expression;

import dev.forge.columnar.DataType;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.expr.Literal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A constant, as a vector whose arrays are filled once and reused for every batch up to their size (vectors are
 * immutable, so sharing the arrays is safe).
 */
final class LiteralEvaluator implements Evaluator {
    private final VectorKind kind;
    private final boolean isNull;
    private final boolean booleanValue;
    private final long longValue;
    private final double doubleValue;
    private final long highValue;
    private final byte[] stringValue;
    private volatile Vector filled;

    LiteralEvaluator(Literal literal) {
        this.kind = VectorKind.of(literal.type());
        Object value = literal.value();
        this.isNull = value == null;
        boolean b = false;
        long l = 0;
        double d = 0;
        long h = 0;
        byte[] s = new byte[0];
        if (value != null) {
            switch (kind) {
                case BOOLEAN -> b = (Boolean) value;
                case LONG -> l = literal.type() instanceof DataType.Decimal
                        ? ((BigDecimal) value).unscaledValue().longValueExact() : ((Number) value).longValue();
                case DOUBLE -> d = ((Number) value).doubleValue();
                case INT128 -> {
                    BigInteger unscaled = ((BigDecimal) value).unscaledValue();
                    l = Int128.low(unscaled);
                    h = Int128.high(unscaled);
                }
                case STRING -> s = ((String) value).getBytes(StandardCharsets.UTF_8);
            }
        }
        this.booleanValue = b;
        this.longValue = l;
        this.doubleValue = d;
        this.highValue = h;
        this.stringValue = s;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector vector = filled;
        if (vector == null || vector.length() < rows) {
            vector = fill(Math.max(rows, 1024));
            filled = vector;
        }
        return resize(vector, rows);
    }

    private Vector fill(int capacity) {
        boolean[] nulls = null;
        if (isNull) {
            nulls = new boolean[capacity];
            Arrays.fill(nulls, true);
        }
        return switch (kind) {
            case BOOLEAN -> {
                boolean[] values = new boolean[capacity];
                Arrays.fill(values, booleanValue);
                yield new BooleanVector(values, nulls, capacity);
            }
            case LONG -> {
                long[] values = new long[capacity];
                Arrays.fill(values, longValue);
                yield new LongVector(values, nulls, capacity);
            }
            case DOUBLE -> {
                double[] values = new double[capacity];
                Arrays.fill(values, doubleValue);
                yield new DoubleVector(values, nulls, capacity);
            }
            case INT128 -> {
                long[] high = new long[capacity];
                long[] low = new long[capacity];
                Arrays.fill(high, highValue);
                Arrays.fill(low, longValue);
                yield new Int128Vector(high, low, nulls, capacity);
            }
            case STRING -> {
                int[] lengths = new int[capacity];
                Arrays.fill(lengths, stringValue.length);
                yield StringVector.plain(stringValue, new int[capacity], lengths, nulls, capacity);
            }
        };
    }

    private static Vector resize(Vector vector, int rows) {
        if (vector.length() == rows) {
            return vector;
        }
        return switch (vector) {
            case BooleanVector v -> new BooleanVector(v.values(), v.nulls(), rows);
            case LongVector v -> new LongVector(v.values(), v.nulls(), rows);
            case DoubleVector v -> new DoubleVector(v.values(), v.nulls(), rows);
            case Int128Vector v -> new Int128Vector(v.high(), v.low(), v.nulls(), rows);
            case StringVector v -> StringVector.plain(v.data(), v.starts(), v.lengths(), v.nulls(), rows);
        };
    }
}
