package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.Vector;
import dev.forge.plan.expr.Operator;

/** EXTRACT of a calendar field (UTC) from a DATE (epoch days) or TIMESTAMP (epoch microseconds), as INT64. */
final class ExtractEvaluator implements Evaluator {
    private final Operator field;
    private final Evaluator argument;
    private final boolean timestamp;

    ExtractEvaluator(Operator field, Evaluator argument, boolean timestamp) {
        this.field = field;
        this.argument = argument;
        this.timestamp = timestamp;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        LongVector input = (LongVector) argument.evaluate(batch);
        long[] values = input.values();
        long[] result = new long[rows];
        for (int i = 0; i < rows; i++) {
            long day = timestamp ? Math.floorDiv(values[i], CivilCalendar.MICROS_PER_DAY) : values[i];
            long micros = timestamp ? Math.floorMod(values[i], CivilCalendar.MICROS_PER_DAY) : 0;
            result[i] = switch (field) {
                case EXTRACT_YEAR -> CivilCalendar.year(CivilCalendar.civil(day));
                case EXTRACT_QUARTER -> (CivilCalendar.month(CivilCalendar.civil(day)) - 1) / 3 + 1;
                case EXTRACT_MONTH -> CivilCalendar.month(CivilCalendar.civil(day));
                case EXTRACT_DAY -> CivilCalendar.day(CivilCalendar.civil(day));
                case EXTRACT_DAY_OF_WEEK -> Math.floorMod(day + 4, 7); // 1970-01-01 was a Thursday
                case EXTRACT_DAY_OF_YEAR -> {
                    long year = CivilCalendar.year(CivilCalendar.civil(day));
                    yield day - CivilCalendar.epochDay(year, 1, 1) + 1;
                }
                case EXTRACT_HOUR -> micros / 3_600_000_000L;
                case EXTRACT_MINUTE -> micros / 60_000_000L % 60;
                case EXTRACT_SECOND -> micros / 1_000_000L % 60;
                default -> throw new IllegalStateException(field + " is not an EXTRACT field");
            };
        }
        return new LongVector(result, input.nulls(), rows);
    }
}
