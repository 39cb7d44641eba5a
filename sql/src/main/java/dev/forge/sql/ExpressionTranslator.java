package dev.forge.sql;

import com.google.common.collect.BoundType;
import com.google.common.collect.Range;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.avatica.util.TimeUnitRange;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.fun.SqlLikeOperator;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.util.Sarg;

/**
 * Translates Calcite row expressions over one operator's input into Forge {@link Expr}s that keep
 * {@link Operator}'s typing contract: integer operands of decimal arithmetic become DECIMAL, numbers compared across
 * types meet at a common type (decimals may differ in scale), IN-list literals take the value's type and scale, CASE
 * and COALESCE branches take the result type. Search arguments become ranges and IN lists; date plus interval becomes
 * ADD_DAYS / ADD_MONTHS, folded to a literal when the date is one.
 */
final class ExpressionTranslator {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long MICROS_PER_MILLI = 1_000L;

    private final List<Field> input;

    ExpressionTranslator(List<Field> input) {
        this.input = input;
    }

    Expr translate(RexNode node) {
        return switch (node) {
            case RexInputRef ref -> {
                Field field = input.get(ref.getIndex());
                yield new ColumnRef(ref.getIndex(), field.type(), field.nullable());
            }
            case RexLiteral literal -> {
                if (SqlTypeName.INTERVAL_TYPES.contains(literal.getTypeName())) {
                    throw SqlException.unsupported("an interval value outside date arithmetic");
                }
                yield Literals.of(literal);
            }
            case RexCall call -> call(call);
            default -> throw SqlException.unsupported("the expression " + node);
        };
    }

    private Expr call(RexCall call) {
        DataType type = TypeMapping.toForge(call.getType());
        boolean nullable = call.getType().isNullable();
        List<RexNode> operands = call.getOperands();
        return switch (call.getKind()) {
            case PLUS, MINUS -> hasInterval(call) ? dateArithmetic(call) : arithmetic(call);
            case TIMES -> arithmetic(call, Operator.MULTIPLY);
            case DIVIDE -> arithmetic(call, Operator.DIVIDE);
            case MOD -> arithmetic(call, Operator.MOD);
            case MINUS_PREFIX -> arithmetic(call, Operator.NEGATE);
            case PLUS_PREFIX -> translate(operands.getFirst());
            case EQUALS -> comparison(Operator.EQUALS, operands);
            case NOT_EQUALS -> comparison(Operator.NOT_EQUALS, operands);
            case LESS_THAN -> comparison(Operator.LESS_THAN, operands);
            case LESS_THAN_OR_EQUAL -> comparison(Operator.LESS_THAN_OR_EQUAL, operands);
            case GREATER_THAN -> comparison(Operator.GREATER_THAN, operands);
            case GREATER_THAN_OR_EQUAL -> comparison(Operator.GREATER_THAN_OR_EQUAL, operands);
            case IS_DISTINCT_FROM -> comparison(Operator.IS_DISTINCT_FROM, operands);
            case IS_NOT_DISTINCT_FROM -> comparison(Operator.IS_NOT_DISTINCT_FROM, operands);
            case AND -> logic(Operator.AND, operands, nullable);
            case OR -> logic(Operator.OR, operands, nullable);
            case NOT -> Call.of(Operator.NOT, DataType.BOOLEAN, nullable, translate(operands.getFirst()));
            case IS_NULL -> Call.of(Operator.IS_NULL, DataType.BOOLEAN, false, translate(operands.getFirst()));
            case IS_NOT_NULL -> Call.of(Operator.IS_NOT_NULL, DataType.BOOLEAN, false, translate(operands.getFirst()));
            case IS_TRUE -> Call.of(Operator.IS_TRUE, DataType.BOOLEAN, false, translate(operands.getFirst()));
            case IS_NOT_TRUE -> Call.of(Operator.IS_NOT_TRUE, DataType.BOOLEAN, false, translate(operands.getFirst()));
            case IS_FALSE -> Call.of(Operator.IS_FALSE, DataType.BOOLEAN, false, translate(operands.getFirst()));
            case IS_NOT_FALSE -> Call.of(Operator.IS_NOT_FALSE, DataType.BOOLEAN, false,
                    translate(operands.getFirst()));
            case CASE -> caseWhen(operands, type, nullable);
            case COALESCE -> new Call(Operator.COALESCE, operands.stream().map(this::translate)
                    .map(argument -> cast(argument, type)).toList(), type, nullable);
            case SEARCH -> search(call);
            case IN -> inList(translate(operands.getFirst()), operands.subList(1, operands.size()).stream()
                    .map(this::translate).toList(), nullable);
            case LIKE -> like(call, nullable);
            case EXTRACT -> extract(call, nullable);
            case CAST -> cast(translate(operands.getFirst()), type);
            case TRIM -> trim(call, nullable);
            default -> function(call, type, nullable);
        };
    }

    private Expr function(RexCall call, DataType type, boolean nullable) {
        List<RexNode> operands = call.getOperands();
        String name = call.getOperator().getName().toUpperCase(Locale.ROOT);
        if (call.getOperator() == SqlLibraryOperators.DATE && operands.size() == 1) {
            return cast(translate(operands.getFirst()), DataType.DATE);
        }
        return switch (name) {
            case "ABS" -> arithmetic(call, Operator.ABS);
            case "SUBSTRING" -> {
                List<Expr> arguments = new ArrayList<>();
                arguments.add(cast(translate(operands.getFirst()), DataType.VARCHAR));
                for (RexNode bound : operands.subList(1, operands.size())) {
                    arguments.add(cast(translate(bound), DataType.INT32));
                }
                yield new Call(Operator.SUBSTRING, arguments, DataType.VARCHAR, nullable);
            }
            case "||" -> new Call(Operator.CONCAT, operands.stream().map(this::translate)
                    .map(argument -> cast(argument, DataType.VARCHAR)).toList(), DataType.VARCHAR, nullable);
            case "UPPER" -> Call.of(Operator.UPPER, DataType.VARCHAR, nullable, translate(operands.getFirst()));
            case "LOWER" -> Call.of(Operator.LOWER, DataType.VARCHAR, nullable, translate(operands.getFirst()));
            case "CHAR_LENGTH", "CHARACTER_LENGTH" -> Call.of(Operator.CHAR_LENGTH, DataType.INT32, nullable,
                    translate(operands.getFirst()));
            default -> throw SqlException.unsupported("the function " + call.getOperator().getName()
                    + " (of " + operands.size() + " arguments)");
        };
    }

    /** Arithmetic whose operator follows from the call's kind (PLUS or MINUS without intervals). */
    private Expr arithmetic(RexCall call) {
        return arithmetic(call, call.getKind() == SqlKind.MINUS ? Operator.SUBTRACT : Operator.ADD);
    }

    private Expr arithmetic(RexCall call, Operator operator) {
        DataType result = TypeMapping.toForge(call.getType());
        if (!isNumeric(result)) {
            throw SqlException.unsupported("arithmetic giving " + call.getType().getFullTypeString());
        }
        List<Expr> arguments = new ArrayList<>();
        for (RexNode operand : call.getOperands()) {
            Expr argument = translate(operand);
            arguments.add(result instanceof DataType.Decimal ? asDecimalOperand(argument) : cast(argument, result));
        }
        Literal folded = fold(operator, arguments, result);
        return folded != null ? folded : new Call(operator, arguments, result, call.getType().isNullable());
    }

    /**
     * Exact constant folding of +, -, * and negation over non-NULL literals (Calcite's ReduceExpressions leaves
     * {@code 0.06 - 0.01} alone in filters); null when the operands are not all literals or the result does not fit.
     */
    private static Literal fold(Operator operator, List<Expr> arguments, DataType result) {
        List<BigDecimal> values = new ArrayList<>();
        for (Expr argument : arguments) {
            if (!(argument instanceof Literal literal) || literal.isNull() || !(literal.value() instanceof Number)
                    || isFloat(literal.type())) {
                return null;
            }
            values.add(literal.value() instanceof BigDecimal decimal ? decimal
                    : BigDecimal.valueOf(((Number) literal.value()).longValue()));
        }
        BigDecimal value = switch (operator) {
            case ADD -> values.get(0).add(values.get(1));
            case SUBTRACT -> values.get(0).subtract(values.get(1));
            case MULTIPLY -> values.get(0).multiply(values.get(1));
            case NEGATE -> values.get(0).negate();
            default -> null;
        };
        return value == null ? null : Literals.convert(value, result);
    }

    /** Decimal arithmetic takes decimals of any precision and scale: only an integer operand needs a cast. */
    private static Expr asDecimalOperand(Expr argument) {
        return switch (argument.type()) {
            case DataType.Decimal _ -> argument;
            case DataType.Int32 _ -> argument instanceof Literal literal ? Literals.asDecimal(literal)
                    : cast(argument, DataType.decimal(10, 0));
            case DataType.Int64 _ -> argument instanceof Literal literal ? Literals.asDecimal(literal)
                    : cast(argument, DataType.decimal(19, 0));
            default -> throw SqlException.unsupported("decimal arithmetic with a " + argument.type() + " operand");
        };
    }

    private Expr comparison(Operator operator, List<RexNode> operands) {
        Expr left = translate(withoutDecimalCast(operands.get(0)));
        Expr right = translate(withoutDecimalCast(operands.get(1)));
        return compare(operator, left, right);
    }

    /**
     * A comparison operand without Calcite's cast of an exact number to a DECIMAL: decimals compare by value at any
     * scale, whereas the cast (to a common type capped at 38 digits) can round away digits that decide the answer.
     */
    private static RexNode withoutDecimalCast(RexNode operand) {
        if (operand.isA(SqlKind.CAST) && operand.getType().getSqlTypeName() == SqlTypeName.DECIMAL) {
            RexNode inner = ((RexCall) operand).getOperands().getFirst();
            if (SqlTypeUtil.isExactNumeric(inner.getType())) {
                return withoutDecimalCast(inner);
            }
        }
        return operand;
    }

    /** A comparison with its operands brought to one type (decimals keep their own precision and scale). */
    static Expr compare(Operator operator, Expr left, Expr right) {
        DataType a = left.type();
        DataType b = right.type();
        boolean nullable = operator != Operator.IS_DISTINCT_FROM && operator != Operator.IS_NOT_DISTINCT_FROM
                && (left.nullable() || right.nullable());
        if (!a.equals(b) && !(a instanceof DataType.Decimal && b instanceof DataType.Decimal)) {
            if (isFloat(a) || isFloat(b)) {
                left = cast(left, DataType.FLOAT64);
                right = cast(right, DataType.FLOAT64);
            } else if (a instanceof DataType.Decimal) {
                right = asDecimalOperand(right);
            } else if (b instanceof DataType.Decimal) {
                left = asDecimalOperand(left);
            } else if (isInteger(a) && isInteger(b)) {
                left = cast(left, DataType.INT64);
                right = cast(right, DataType.INT64);
            } else if (isDateLike(a) && isDateLike(b)) {
                left = cast(left, DataType.TIMESTAMP);
                right = cast(right, DataType.TIMESTAMP);
            } else {
                throw SqlException.unsupported("comparing " + a + " with " + b);
            }
        }
        return Call.of(operator, DataType.BOOLEAN, nullable, left, right);
    }

    private Expr logic(Operator operator, List<RexNode> operands, boolean nullable) {
        List<Expr> arguments = operands.stream().map(this::translate).toList();
        return arguments.size() == 1 ? arguments.getFirst() : new Call(operator, arguments, DataType.BOOLEAN, nullable);
    }

    private Expr caseWhen(List<RexNode> operands, DataType type, boolean nullable) {
        List<Expr> arguments = new ArrayList<>();
        for (int i = 0; i < operands.size(); i++) {
            Expr argument = translate(operands.get(i));
            boolean condition = i % 2 == 0 && i + 1 < operands.size();
            arguments.add(condition ? argument : cast(argument, type));
        }
        return new Call(Operator.CASE, arguments, type, nullable);
    }

    /** value IN (items): items converted exactly to the value's type; one that cannot be equal to it is dropped. */
    static Expr inList(Expr value, List<Expr> items, boolean nullable) {
        List<Expr> arguments = new ArrayList<>();
        arguments.add(value);
        for (Expr item : items) {
            if (!(item instanceof Literal literal)) {
                throw SqlException.unsupported("IN lists of non-constant values");
            }
            Literal converted = Literals.convert(literal.value(), value.type());
            if (converted != null) {
                arguments.add(converted);
            }
        }
        if (arguments.size() == 1) {
            return Literal.of(false);
        }
        if (arguments.size() == 2) {
            return compare(Operator.EQUALS, value, arguments.get(1));
        }
        return new Call(Operator.IN, arguments, DataType.BOOLEAN, nullable);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Expr search(RexCall call) {
        Expr value = translate(call.getOperands().get(0));
        RexLiteral argument = (RexLiteral) call.getOperands().get(1);
        Sarg sarg = argument.getValueAs(Sarg.class);
        SqlTypeName sargType = argument.getType().getSqlTypeName();
        DataType boundType = TypeMapping.toForge(argument.getType());
        boolean nullable = call.getType().isNullable();
        Expr test;
        if (sarg.isAll() || sarg.isNone()) {
            test = Literal.of(sarg.isAll());
        } else if (sarg.isComplementedPoints()) {
            List<Expr> points = new ArrayList<>();
            for (Range range : (Iterable<Range>) sarg.rangeSet.complement().asRanges()) {
                points.add(Literals.fromValue(range.lowerEndpoint(), sargType, boundType));
            }
            test = Call.of(Operator.NOT, DataType.BOOLEAN, value.nullable(), inList(value, points, value.nullable()));
        } else {
            List<Expr> points = new ArrayList<>();
            List<Expr> ranges = new ArrayList<>();
            for (Range range : (Iterable<Range>) sarg.rangeSet.asRanges()) {
                if (range.hasLowerBound() && range.hasUpperBound() && range.lowerEndpoint().equals(
                        range.upperEndpoint())) {
                    points.add(Literals.fromValue(range.lowerEndpoint(), sargType, boundType));
                } else {
                    ranges.add(range(value, range, sargType, boundType));
                }
            }
            List<Expr> disjuncts = new ArrayList<>();
            if (!points.isEmpty()) {
                disjuncts.add(inList(value, points, value.nullable()));
            }
            disjuncts.addAll(ranges);
            test = disjuncts.size() == 1 ? disjuncts.getFirst()
                    : new Call(Operator.OR, disjuncts, DataType.BOOLEAN, value.nullable());
        }
        return switch (sarg.nullAs) {
            case TRUE -> Call.of(Operator.OR, DataType.BOOLEAN, false,
                    Call.of(Operator.IS_NULL, DataType.BOOLEAN, false, value), test);
            case FALSE -> value.nullable() ? Call.of(Operator.AND, DataType.BOOLEAN, false,
                    Call.of(Operator.IS_NOT_NULL, DataType.BOOLEAN, false, value), test) : test;
            case UNKNOWN -> test instanceof Call testCall ? new Call(testCall.operator(), testCall.arguments(),
                    testCall.type(), nullable) : test;
        };
    }

    @SuppressWarnings("rawtypes")
    private static Expr range(Expr value, Range range, SqlTypeName sargType, DataType boundType) {
        List<Expr> bounds = new ArrayList<>();
        if (range.hasLowerBound()) {
            Operator operator = range.lowerBoundType() == BoundType.CLOSED ? Operator.GREATER_THAN_OR_EQUAL
                    : Operator.GREATER_THAN;
            bounds.add(compare(operator, value, Literals.fromValue(range.lowerEndpoint(), sargType, boundType)));
        }
        if (range.hasUpperBound()) {
            Operator operator = range.upperBoundType() == BoundType.CLOSED ? Operator.LESS_THAN_OR_EQUAL
                    : Operator.LESS_THAN;
            bounds.add(compare(operator, value, Literals.fromValue(range.upperEndpoint(), sargType, boundType)));
        }
        if (bounds.isEmpty()) {
            return Literal.of(true);
        }
        return bounds.size() == 1 ? bounds.getFirst()
                : new Call(Operator.AND, bounds, DataType.BOOLEAN, value.nullable());
    }

    private Expr like(RexCall call, boolean nullable) {
        List<Expr> arguments = new ArrayList<>();
        arguments.add(cast(translate(call.getOperands().getFirst()), DataType.VARCHAR));
        for (RexNode pattern : call.getOperands().subList(1, call.getOperands().size())) {
            Expr translated = translate(pattern);
            if (!(translated instanceof Literal literal) || !(literal.type() instanceof DataType.Varchar)) {
                throw SqlException.unsupported("LIKE with a pattern that is not a string constant");
            }
            arguments.add(translated);
        }
        if (call.getOperator() instanceof SqlLikeOperator like && !like.getName().equalsIgnoreCase("LIKE")
                && !like.getName().equalsIgnoreCase("NOT LIKE")) {
            throw SqlException.unsupported(like.getName());
        }
        Expr like = new Call(Operator.LIKE, arguments, DataType.BOOLEAN, nullable);
        boolean negated = call.getOperator() instanceof SqlLikeOperator operator && operator.isNegated();
        return negated ? Call.of(Operator.NOT, DataType.BOOLEAN, nullable, like) : like;
    }

    private Expr extract(RexCall call, boolean nullable) {
        TimeUnitRange unit = ((RexLiteral) call.getOperands().get(0)).getValueAs(TimeUnitRange.class);
        Expr value = translate(call.getOperands().get(1));
        Operator operator = switch (unit) {
            case YEAR -> Operator.EXTRACT_YEAR;
            case QUARTER -> Operator.EXTRACT_QUARTER;
            case MONTH -> Operator.EXTRACT_MONTH;
            case DAY -> Operator.EXTRACT_DAY;
            case DOW -> Operator.EXTRACT_DAY_OF_WEEK;
            case DOY -> Operator.EXTRACT_DAY_OF_YEAR;
            case HOUR -> Operator.EXTRACT_HOUR;
            case MINUTE -> Operator.EXTRACT_MINUTE;
            case SECOND -> Operator.EXTRACT_SECOND;
            default -> throw SqlException.unsupported("EXTRACT(" + unit + ")");
        };
        if (!isDateLike(value.type())) {
            throw SqlException.unsupported("EXTRACT from a " + value.type());
        }
        return Call.of(operator, DataType.INT64, nullable, value);
    }

    private Expr trim(RexCall call, boolean nullable) {
        SqlTrimFunction.Flag flag = ((RexLiteral) call.getOperands().get(0)).getValueAs(SqlTrimFunction.Flag.class);
        Expr characters = translate(call.getOperands().get(1));
        if (flag != SqlTrimFunction.Flag.BOTH || !(characters instanceof Literal literal)
                || !" ".equals(literal.value())) {
            throw SqlException.unsupported("TRIM other than TRIM(BOTH ' ' FROM ...)");
        }
        return Call.of(Operator.TRIM, DataType.VARCHAR, nullable, translate(call.getOperands().get(2)));
    }

    private static boolean hasInterval(RexCall call) {
        return call.getOperands().stream().anyMatch(operand -> operand.getType().getSqlTypeName().getFamily()
                == SqlTypeFamily.INTERVAL_YEAR_MONTH || operand.getType().getSqlTypeName().getFamily()
                == SqlTypeFamily.INTERVAL_DAY_TIME);
    }

    /** DATE or TIMESTAMP plus or minus a constant interval; with a constant date, the result is a literal. */
    private Expr dateArithmetic(RexCall call) {
        RexNode first = call.getOperands().get(0);
        RexNode second = call.getOperands().get(1);
        boolean intervalFirst = SqlTypeName.INTERVAL_TYPES.contains(first.getType().getSqlTypeName());
        RexNode dateNode = intervalFirst ? second : first;
        RexNode intervalNode = intervalFirst ? first : second;
        if (!(intervalNode instanceof RexLiteral interval) || interval.isNull()) {
            throw SqlException.unsupported("date arithmetic with an interval that is not a constant");
        }
        Expr date = translate(dateNode);
        DataType type = TypeMapping.toForge(call.getType());
        if (!isDateLike(date.type())) {
            throw SqlException.unsupported("interval arithmetic on a " + date.type());
        }
        date = cast(date, type);
        long amount = interval.getValueAs(BigDecimal.class).longValueExact();
        if (call.getKind() == SqlKind.MINUS) {
            amount = -amount;
        }
        boolean months = interval.getType().getSqlTypeName().getFamily() == SqlTypeFamily.INTERVAL_YEAR_MONTH;
        boolean nullable = call.getType().isNullable();
        if (months) {
            return addCalendar(Operator.ADD_MONTHS, date, Math.toIntExact(amount), nullable);
        }
        if (amount % MILLIS_PER_DAY == 0) {
            return addCalendar(Operator.ADD_DAYS, date, Math.toIntExact(amount / MILLIS_PER_DAY), nullable);
        }
        if (!(type instanceof DataType.Timestamp)) {
            throw SqlException.unsupported("adding a part of a day to a DATE");
        }
        Expr micros = Literal.of(Math.multiplyExact(amount, MICROS_PER_MILLI));
        if (date instanceof Literal literal && !literal.isNull()) {
            return new Literal((Long) literal.value() + (Long) ((Literal) micros).value(), DataType.TIMESTAMP);
        }
        return Call.of(Operator.ADD_MICROS, DataType.TIMESTAMP, nullable, date, micros);
    }

    private static Expr addCalendar(Operator operator, Expr date, int amount, boolean nullable) {
        if (date instanceof Literal literal && literal.type() instanceof DataType.Date) {
            if (literal.isNull()) {
                return literal;
            }
            LocalDate day = LocalDate.ofEpochDay((Integer) literal.value());
            return Literal.of(operator == Operator.ADD_MONTHS ? day.plusMonths(amount) : day.plusDays(amount));
        }
        return Call.of(operator, date.type(), nullable, date, Literal.of(amount));
    }

    /** {@code expression} as {@code type}: unchanged when it has it, folded when it is a literal, else a CAST. */
    static Expr cast(Expr expression, DataType type) {
        if (expression.type().equals(type)) {
            return expression;
        }
        if (expression instanceof Literal literal) {
            Literal converted = literal.type() instanceof DataType.Date && type instanceof DataType.Timestamp
                    && !literal.isNull()
                    ? new Literal((Integer) literal.value() * MILLIS_PER_DAY * MICROS_PER_MILLI, type)
                    : literal.type() instanceof DataType.Varchar && type instanceof DataType.Date && !literal.isNull()
                    ? parseDate((String) literal.value())
                    : Literals.convert(literal.value(), type);
            if (converted != null) {
                return converted;
            }
        }
        return Call.of(Operator.CAST, type, expression.nullable(), expression);
    }

    private static Literal parseDate(String text) {
        try {
            return Literal.of(LocalDate.parse(text.strip()));
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static boolean isNumeric(DataType type) {
        return isInteger(type) || isFloat(type) || type instanceof DataType.Decimal;
    }

    private static boolean isInteger(DataType type) {
        return type instanceof DataType.Int32 || type instanceof DataType.Int64;
    }

    private static boolean isFloat(DataType type) {
        return type instanceof DataType.Float32 || type instanceof DataType.Float64;
    }

    private static boolean isDateLike(DataType type) {
        return type instanceof DataType.Date || type instanceof DataType.Timestamp;
    }
}
