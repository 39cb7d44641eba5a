package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.StringVectorBuilder;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.expr.Operator;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** CONCAT, UPPER, LOWER, TRIM (spaces) and CHAR_LENGTH, on UTF-8 bytes with ASCII fast paths. */
final class StringFunctionEvaluator implements Evaluator {
    private final Operator operator;
    private final Evaluator first;
    private final Evaluator second;

    StringFunctionEvaluator(Operator operator, Evaluator first, Evaluator second) {
        this.operator = operator;
        this.first = first;
        this.second = second;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        StringVector a = (StringVector) first.evaluate(batch);
        if (operator == Operator.CHAR_LENGTH) {
            long[] lengths = new long[rows];
            for (int i = 0; i < rows; i++) {
                int start = a.starts()[i];
                lengths[i] = Utf8.characterCount(a.data(), start, start + a.lengths()[i]);
            }
            return new LongVector(lengths, a.nulls(), rows);
        }
        StringVector b = second == null ? null : (StringVector) second.evaluate(batch);
        StringVectorBuilder builder = new StringVectorBuilder(rows, rows * 16);
        byte[] data = a.data();
        for (int i = 0; i < rows; i++) {
            if (a.isNull(i) || b != null && b.isNull(i)) {
                builder.appendNull();
                continue;
            }
            int start = a.starts()[i];
            int end = start + a.lengths()[i];
            switch (operator) {
                case CONCAT -> builder.appendConcatenation(data, start, end - start, b.data(), b.starts()[i],
                        b.lengths()[i]);
                case TRIM -> {
                    while (start < end && data[start] == ' ') {
                        start++;
                    }
                    while (end > start && data[end - 1] == ' ') {
                        end--;
                    }
                    builder.append(data, start, end - start);
                }
                case UPPER, LOWER -> builder.append(convertCase(data, start, end, operator == Operator.UPPER));
                default -> throw new IllegalStateException(operator + " is not a string function");
            }
        }
        return builder.build();
    }

    private static byte[] convertCase(byte[] data, int start, int end, boolean upper) {
        if (Utf8.isAscii(data, start, end)) {
            byte[] result = new byte[end - start];
            for (int i = start; i < end; i++) {
                byte c = data[i];
                if (upper && c >= 'a' && c <= 'z') {
                    c -= 32;
                } else if (!upper && c >= 'A' && c <= 'Z') {
                    c += 32;
                }
                result[i - start] = c;
            }
            return result;
        }
        String text = new String(data, start, end - start, StandardCharsets.UTF_8);
        return (upper ? text.toUpperCase(Locale.ROOT) : text.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }
}
