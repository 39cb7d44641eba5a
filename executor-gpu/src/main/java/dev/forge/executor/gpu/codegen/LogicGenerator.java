package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Operator;
import java.util.List;

/**
 * AND, OR and NOT in three-valued logic: FALSE AND NULL = FALSE, TRUE OR NULL = TRUE, NOT NULL = NULL. An operand's
 * error counts only when every operand before it left the outcome open (not FALSE for AND, not TRUE for OR), as the
 * CPU executor evaluates later operands only on the rows still open.
 */
final class LogicGenerator {
    private LogicGenerator() {
    }

    static GeneratedValue generate(Call call, ExpressionGenerator context) {
        List<GeneratedValue> arguments = context.generateAll(call.arguments());
        CodeWriter writer = context.writer();
        if (call.operator() == Operator.NOT) {
            GeneratedValue operand = arguments.getFirst();
            return new GeneratedValue(writer.declare("bool", "b", "!" + operand.value()), operand.valid(),
                    operand.error(), DataType.BOOLEAN);
        }
        boolean and = call.operator() == Operator.AND;
        // decided: an operand that settles the outcome (a valid FALSE for AND, a valid TRUE for OR)
        String decided = GeneratedValue.FALSE;
        String unknown = GeneratedValue.FALSE;
        String error = GeneratedValue.FALSE;
        for (GeneratedValue operand : arguments) {
            String guardedError = CodeWriter.and("!" + parenthesised(decided), operand.error());
            if (decided.equals(GeneratedValue.FALSE)) {
                guardedError = operand.error();
            }
            error = CodeWriter.or(error, guardedError);
            String settles = CodeWriter.and(operand.valid(), and ? "!" + operand.value() : operand.value());
            decided = writer.declare("bool", "b", CodeWriter.or(decided, settles));
            unknown = CodeWriter.or(unknown, "!" + operand.valid());
        }
        String unknownFlag = writer.declare("bool", "b", unknown);
        String valid = writer.declare("bool", "n", decided + " || !" + unknownFlag);
        String value = writer.declare("bool", "b", and ? "!" + decided : decided);
        return new GeneratedValue(value, valid, error.equals(GeneratedValue.FALSE) ? error
                : writer.declare("bool", "e", error), DataType.BOOLEAN);
    }

    private static String parenthesised(String expression) {
        return expression.matches("[A-Za-z_][A-Za-z_0-9]*") ? expression : "(" + expression + ")";
    }
}
