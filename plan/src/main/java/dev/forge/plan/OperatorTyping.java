package dev.forge.plan;

import static dev.forge.plan.PlanValidator.require;

import dev.forge.columnar.DataType;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import java.util.List;

/** The argument and result types each {@link dev.forge.plan.expr.Operator} accepts, as its documentation states. */
final class OperatorTyping {
    private OperatorTyping() {
    }

    static void check(Call call, String where) {
        List<Expr> arguments = call.arguments();
        DataType result = call.type();
        switch (call.operator()) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MOD, NEGATE, ABS -> {
                require(isNumeric(result), where + ": arithmetic gives " + result);
                for (Expr argument : arguments) {
                    DataType type = argument.type();
                    boolean fits = result instanceof DataType.Decimal ? type instanceof DataType.Decimal
                            : type.equals(result);
                    require(fits, where + ": operand of type " + type + " for a " + result + " result");
                }
            }
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                 IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> {
                requireBoolean(result, where);
                require(comparable(arguments.get(0).type(), arguments.get(1).type()), where + ": compares "
                        + arguments.get(0).type() + " with " + arguments.get(1).type());
            }
            case AND, OR -> {
                requireBoolean(result, where);
                require(arguments.size() >= 2, where + ": needs two or more arguments");
                arguments.forEach(argument -> requireBoolean(argument.type(), where));
            }
            case NOT, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE -> {
                requireBoolean(result, where);
                requireBoolean(arguments.getFirst().type(), where);
            }
            case IS_NULL, IS_NOT_NULL -> requireBoolean(result, where);
            case CASE -> {
                require(arguments.size() >= 3 && arguments.size() % 2 == 1, where
                        + ": CASE takes condition/value pairs and an ELSE");
                for (int i = 0; i + 1 < arguments.size(); i += 2) {
                    requireBoolean(arguments.get(i).type(), where);
                    requireType(arguments.get(i + 1), result, where);
                }
                requireType(arguments.getLast(), result, where);
            }
            case COALESCE -> {
                require(!arguments.isEmpty(), where + ": COALESCE needs arguments");
                arguments.forEach(argument -> requireType(argument, result, where));
            }
            case IN -> {
                requireBoolean(result, where);
                require(arguments.size() >= 2, where + ": IN needs a value and a list");
                DataType value = arguments.getFirst().type();
                for (Expr item : arguments.subList(1, arguments.size())) {
                    require(item instanceof Literal, where + ": IN lists hold literals");
                    require(sameValueType(value, item.type()), where + ": IN list item " + item.type() + " for a "
                            + value + " value");
                }
            }
            case LIKE -> {
                requireBoolean(result, where);
                require(arguments.size() == 2 || arguments.size() == 3, where + ": LIKE takes 2 or 3 arguments");
                requireVarchar(arguments.get(0).type(), where);
                for (Expr pattern : arguments.subList(1, arguments.size())) {
                    require(pattern instanceof Literal literal && literal.type() instanceof DataType.Varchar, where
                            + ": LIKE patterns and escapes are VARCHAR literals");
                }
            }
            case SUBSTRING -> {
                require(arguments.size() == 2 || arguments.size() == 3, where + ": SUBSTRING takes 2 or 3 arguments");
                requireVarchar(result, where);
                requireVarchar(arguments.get(0).type(), where);
                for (Expr bound : arguments.subList(1, arguments.size())) {
                    require(bound.type() instanceof DataType.Int32, where + ": SUBSTRING positions are INT32");
                }
            }
            case CONCAT, UPPER, LOWER, TRIM -> {
                requireVarchar(result, where);
                arguments.forEach(argument -> requireVarchar(argument.type(), where));
            }
            case CHAR_LENGTH -> {
                require(result instanceof DataType.Int32, where + ": CHAR_LENGTH gives INT32");
                requireVarchar(arguments.getFirst().type(), where);
            }
            case EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_DAY, EXTRACT_DAY_OF_WEEK, EXTRACT_DAY_OF_YEAR,
                 EXTRACT_HOUR, EXTRACT_MINUTE, EXTRACT_SECOND -> {
                require(result instanceof DataType.Int64, where + ": EXTRACT gives INT64");
                requireDateLike(arguments.getFirst().type(), where);
            }
            case ADD_DAYS, ADD_MONTHS -> {
                requireDateLike(arguments.get(0).type(), where);
                require(result.equals(arguments.get(0).type()), where + ": gives the type of its first argument");
                require(arguments.get(1).type() instanceof DataType.Int32, where + ": the count is INT32");
            }
            case ADD_MICROS -> {
                require(result instanceof DataType.Timestamp && arguments.get(0).type() instanceof DataType.Timestamp,
                        where + ": ADD_MICROS works on TIMESTAMP");
                require(arguments.get(1).type() instanceof DataType.Int64, where + ": the microseconds are INT64");
            }
            case SUBTRACT_DATES -> {
                require(result instanceof DataType.Int32, where + ": DATE - DATE gives INT32 days");
                arguments.forEach(argument -> require(argument.type() instanceof DataType.Date, where
                        + ": both operands are DATE"));
            }
            case CAST -> {
            }
        }
    }

    static boolean isNumeric(DataType type) {
        return type instanceof DataType.Int32 || type instanceof DataType.Int64 || type instanceof DataType.Float32
                || type instanceof DataType.Float64 || type instanceof DataType.Decimal;
    }

    private static boolean comparable(DataType a, DataType b) {
        return a.equals(b) || a instanceof DataType.Decimal && b instanceof DataType.Decimal;
    }

    /** Same type, where decimals must also share a scale (so values compare as unscaled integers). */
    private static boolean sameValueType(DataType a, DataType b) {
        if (a instanceof DataType.Decimal x && b instanceof DataType.Decimal y) {
            return x.scale() == y.scale();
        }
        return a.equals(b);
    }

    private static void requireType(Expr argument, DataType type, String where) {
        require(argument.type().equals(type), where + ": argument of type " + argument.type() + " where " + type
                + " is expected");
    }

    private static void requireBoolean(DataType type, String where) {
        require(type instanceof DataType.Boolean, where + ": expected BOOLEAN, got " + type);
    }

    private static void requireVarchar(DataType type, String where) {
        require(type instanceof DataType.Varchar, where + ": expected VARCHAR, got " + type);
    }

    private static void requireDateLike(DataType type, String where) {
        require(type instanceof DataType.Date || type instanceof DataType.Timestamp, where
                + ": expected DATE or TIMESTAMP, got " + type);
    }
}
