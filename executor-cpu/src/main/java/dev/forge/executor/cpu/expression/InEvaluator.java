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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * value IN (literals): TRUE on a match, else NULL when the value or a literal is NULL, else FALSE. Numbers are looked
 * up in a sorted array (binary search), strings in a hash set, or once per dictionary entry for dictionary vectors.
 */
final class InEvaluator implements Evaluator {
    private final Evaluator value;
    private final VectorKind kind;
    private final boolean listHasNull;
    private final long[] sortedLongs;
    private final double[] sortedDoubles;
    private final List<BigInteger> wideValues;
    private final Set<String> strings;
    private final boolean[] booleans;
    private final Object dictionaryKey = new Object();

    InEvaluator(Evaluator value, DataType type, List<Literal> list) {
        this.value = value;
        this.kind = VectorKind.of(type);
        boolean hasNull = false;
        List<Object> items = new ArrayList<>();
        for (Literal literal : list) {
            if (literal.isNull()) {
                hasNull = true;
            } else {
                items.add(literal.value());
            }
        }
        this.listHasNull = hasNull;
        long[] longs = null;
        double[] doubles = null;
        List<BigInteger> wide = null;
        Set<String> stringSet = null;
        boolean[] booleanSet = null;
        switch (kind) {
            case LONG -> longs = items.stream().mapToLong(item -> item instanceof BigDecimal decimal
                    ? decimal.unscaledValue().longValueExact() : ((Number) item).longValue()).sorted().toArray();
            case DOUBLE -> {
                doubles = items.stream().mapToDouble(item -> canonical(((Number) item).doubleValue())).toArray();
                Arrays.sort(doubles);
            }
            case INT128 -> wide = items.stream().map(item -> ((BigDecimal) item).unscaledValue()).toList();
            case STRING -> {
                stringSet = new HashSet<>();
                for (Object item : items) {
                    stringSet.add((String) item);
                }
            }
            case BOOLEAN -> {
                booleanSet = new boolean[2];
                for (Object item : items) {
                    booleanSet[(Boolean) item ? 1 : 0] = true;
                }
            }
        }
        this.sortedLongs = longs;
        this.sortedDoubles = doubles;
        this.wideValues = wide;
        this.strings = stringSet;
        this.booleans = booleanSet;
    }

    private static double canonical(double value) {
        return value == 0.0 ? 0.0 : Double.isNaN(value) ? Double.NaN : value;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        Vector vector = value.evaluate(batch);
        boolean[] found = new boolean[rows];
        switch (vector) {
            case LongVector v -> {
                long[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    found[i] = Arrays.binarySearch(sortedLongs, values[i]) >= 0;
                }
            }
            case DoubleVector v -> {
                double[] values = v.values();
                for (int i = 0; i < rows; i++) {
                    found[i] = Arrays.binarySearch(sortedDoubles, canonical(values[i])) >= 0;
                }
            }
            case Int128Vector v -> {
                for (int i = 0; i < rows; i++) {
                    found[i] = wideValues.contains(Int128.toBigInteger(v.high()[i], v.low()[i]));
                }
            }
            case StringVector v -> {
                if (v.hasDictionary()) {
                    boolean[] byCode = v.dictionary().derived(dictionaryKey, dictionary -> {
                        boolean[] member = new boolean[dictionary.size()];
                        for (int code = 0; code < member.length; code++) {
                            member[code] = strings.contains(dictionary.string(code));
                        }
                        return member;
                    });
                    int[] codes = v.codes();
                    for (int i = 0; i < rows; i++) {
                        found[i] = !v.isNull(i) && byCode[codes[i]];
                    }
                } else {
                    for (int i = 0; i < rows; i++) {
                        found[i] = !v.isNull(i) && strings.contains(new String(v.data(), v.starts()[i],
                                v.lengths()[i], StandardCharsets.UTF_8));
                    }
                }
            }
            case BooleanVector v -> {
                for (int i = 0; i < rows; i++) {
                    found[i] = booleans[v.values()[i] ? 1 : 0];
                }
            }
        }
        boolean[] valueNulls = vector.nulls();
        boolean[] nulls = null;
        if (valueNulls != null || listHasNull) {
            nulls = new boolean[rows];
            for (int i = 0; i < rows; i++) {
                boolean valueNull = valueNulls != null && valueNulls[i];
                nulls[i] = valueNull || !found[i] && listHasNull;
                if (valueNull) {
                    found[i] = false;
                }
            }
            nulls = Nulls.normalize(nulls, rows);
        }
        return new BooleanVector(found, nulls, rows);
    }
}
