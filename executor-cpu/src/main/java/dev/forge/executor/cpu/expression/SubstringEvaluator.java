package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.StringVectorBuilder;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.QueryException;

/**
 * SUBSTRING(value, start [, length]) in characters from 1: the characters at positions [start, start + length) that
 * exist; a start below 1 shortens the result accordingly; a negative length is an error.
 */
final class SubstringEvaluator implements Evaluator {
    private final Evaluator value;
    private final Evaluator start;
    private final Evaluator length;
    private final String text;

    SubstringEvaluator(Evaluator value, Evaluator start, Evaluator length, String text) {
        this.value = value;
        this.start = start;
        this.length = length;
        this.text = text;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        StringVector strings = (StringVector) value.evaluate(batch);
        LongVector starts = (LongVector) start.evaluate(batch);
        LongVector lengths = length == null ? null : (LongVector) length.evaluate(batch);
        StringVectorBuilder builder = new StringVectorBuilder(rows, rows * 8);
        byte[] data = strings.data();
        for (int i = 0; i < rows; i++) {
            if (strings.isNull(i) || starts.isNull(i) || lengths != null && lengths.isNull(i)) {
                builder.appendNull();
                continue;
            }
            long from = starts.values()[i];
            long to = Long.MAX_VALUE;
            if (lengths != null) {
                long count = lengths.values()[i];
                if (count < 0) {
                    throw new QueryException("negative SUBSTRING length " + count + " in " + text);
                }
                to = from + count;
            }
            from = Math.max(from, 1);
            int begin = strings.starts()[i];
            int end = begin + strings.lengths()[i];
            if (to <= from) {
                builder.append(data, begin, 0);
                continue;
            }
            int byteFrom = Utf8.advance(data, begin, end, from - 1);
            int byteTo = to == Long.MAX_VALUE ? end : Utf8.advance(data, byteFrom, end, to - from);
            builder.append(data, byteFrom, byteTo - byteFrom);
        }
        return builder.build();
    }
}
