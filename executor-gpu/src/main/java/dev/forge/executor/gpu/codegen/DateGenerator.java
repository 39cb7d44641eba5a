package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import java.util.List;

/**
 * EXTRACT of calendar fields (proleptic Gregorian, UTC, as INT64), day, month and microsecond intervals added to DATE
 * and TIMESTAMP (a day past the new month's end becomes its last day), and DATE - DATE in days.
 */
final class DateGenerator {
    private DateGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        List<GeneratedValue> arguments = context.generateAll(call.arguments());
        CodeWriter writer = context.writer();
        GeneratedValue moment = arguments.getFirst();
        boolean timestamp = moment.type() instanceof DataType.Timestamp;
        if (!timestamp && !(moment.type() instanceof DataType.Date)) {
            throw new UnsupportedOnGpuException(call.operator().symbol() + " of " + moment.type()
                    + " is not supported on the GPU");
        }
        String days = writer.declare("i64", "t", timestamp
                ? "forge_floor_div(" + moment.value() + ", FORGE_MICROS_PER_DAY)" : "(i64)" + moment.value());
        String microOfDay = timestamp ? writer.declare("i64", "t", moment.value() + " - " + days
                + " * FORGE_MICROS_PER_DAY") : "0LL";
        String valid = ExpressionGenerator.allValid(arguments);
        String flag = context.overflowFlag();
        String value = switch (call.operator()) {
            case EXTRACT_YEAR -> "forge_civil_from_days(" + days + ").year";
            case EXTRACT_QUARTER -> "(i64)((forge_civil_from_days(" + days + ").month - 1) / 3 + 1)";
            case EXTRACT_MONTH -> "(i64)forge_civil_from_days(" + days + ").month";
            case EXTRACT_DAY -> "(i64)forge_civil_from_days(" + days + ").day";
            case EXTRACT_DAY_OF_WEEK -> "forge_day_of_week(" + days + ")";
            case EXTRACT_DAY_OF_YEAR -> "forge_day_of_year(" + days + ")";
            case EXTRACT_HOUR -> microOfDay + " / 3600000000LL";
            case EXTRACT_MINUTE -> "(" + microOfDay + " / 60000000LL) % 60";
            case EXTRACT_SECOND -> "(" + microOfDay + " / 1000000LL) % 60";
            case ADD_DAYS -> timestamp
                    ? "forge_add_i64(" + moment.value() + ", forge_mul_i64((i64)" + arguments.get(1).value()
                            + ", FORGE_MICROS_PER_DAY, " + flag + "), " + flag + ")"
                    : "forge_narrow_i32(" + days + " + (i64)" + arguments.get(1).value() + ", " + flag + ")";
            case ADD_MONTHS -> timestamp
                    ? "forge_add_i64(forge_mul_i64(forge_add_months(" + days + ", (i64)" + arguments.get(1).value()
                            + ", " + flag + "), FORGE_MICROS_PER_DAY, " + flag + "), " + microOfDay + ", " + flag + ")"
                    : "forge_narrow_i32(forge_add_months(" + days + ", (i64)" + arguments.get(1).value() + ", " + flag
                            + "), " + flag + ")";
            case ADD_MICROS -> "forge_add_i64(" + moment.value() + ", (i64)" + arguments.get(1).value() + ", " + flag
                    + ")";
            case SUBTRACT_DATES -> "forge_narrow_i32(" + days + " - (i64)" + arguments.get(1).value() + ", " + flag
                    + ")";
            default -> throw new IllegalArgumentException(call.operator() + " is not a date operator");
        };
        String result = writer.declare(CudaTypes.register(call.type()), "v", "(" + CudaTypes.register(call.type())
                + ")(" + value + ")");
        return new GeneratedValue(result, valid, ExpressionGenerator.errorOf(arguments, valid, flag), call.type());
    }
}
