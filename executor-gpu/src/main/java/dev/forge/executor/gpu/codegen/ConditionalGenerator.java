package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Operator;
import java.util.List;

/**
 * CASE WHEN ... THEN ... ELSE ... END and COALESCE, as selects over evaluated branches. Only the chosen branch's
 * error counts (CASE WHEN x <> 0 THEN 1 / x ... never fails for x = 0), and a condition's error only where no earlier
 * condition was TRUE.
 */
final class ConditionalGenerator {
    private ConditionalGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        DataType type = call.type();
        if (type instanceof DataType.Varchar) {
            throw new UnsupportedOnGpuException(call.operator().symbol() + " giving a string is not supported on the"
                    + " GPU yet");
        }
        List<GeneratedValue> arguments = context.generateAll(call.arguments());
        return call.operator() == Operator.CASE ? caseWhen(arguments, type, context.writer())
                : coalesce(arguments, type, context.writer());
    }

    private static GeneratedValue caseWhen(List<GeneratedValue> arguments, DataType type, CodeWriter writer) {
        String cType = CudaTypes.register(type);
        GeneratedValue otherwise = arguments.getLast();
        String value = otherwise.value();
        String valid = otherwise.valid();
        String error = otherwise.error();
        // from the last WHEN to the first, each one choosing between its THEN and what follows it
        for (int pair = arguments.size() / 2 - 1; pair >= 0; pair--) {
            GeneratedValue condition = arguments.get(2 * pair);
            GeneratedValue then = arguments.get(2 * pair + 1);
            String taken = writer.declare("bool", "b", CodeWriter.and(condition.valid(), condition.value()));
            value = writer.declare(cType, "v", taken + " ? (" + cType + ")" + then.value() + " : (" + cType + ")"
                    + value);
            valid = writer.declare("bool", "n", taken + " ? " + then.valid() + " : " + valid);
            String chosenError = then.error().equals(error) ? error : taken + " ? " + then.error() + " : " + error;
            error = writer.declare("bool", "e", CodeWriter.or(condition.error(), "(" + chosenError + ")"));
        }
        return new GeneratedValue(value, valid, error, type);
    }

    private static GeneratedValue coalesce(List<GeneratedValue> arguments, DataType type, CodeWriter writer) {
        String cType = CudaTypes.register(type);
        GeneratedValue last = arguments.getLast();
        String value = last.value();
        String valid = last.valid();
        String error = last.error();
        for (int i = arguments.size() - 2; i >= 0; i--) {
            GeneratedValue argument = arguments.get(i);
            value = writer.declare(cType, "v", argument.valid() + " ? (" + cType + ")" + argument.value() + " : ("
                    + cType + ")" + value);
            error = writer.declare("bool", "e", CodeWriter.or(argument.error(),
                    CodeWriter.and("!" + argument.valid(), error)));
            valid = writer.declare("bool", "n", CodeWriter.or(argument.valid(), valid));
        }
        return new GeneratedValue(value, valid, error, type);
    }
}
