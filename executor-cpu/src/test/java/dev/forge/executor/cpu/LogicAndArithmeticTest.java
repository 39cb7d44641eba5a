package dev.forge.executor.cpu;

import static dev.forge.executor.cpu.Expressions.call;
import static dev.forge.executor.cpu.Expressions.column;
import static dev.forge.executor.cpu.Expressions.evaluate;
import static dev.forge.executor.cpu.Expressions.literal;
import static dev.forge.executor.cpu.Expressions.singleColumn;
import static dev.forge.executor.cpu.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.plan.QueryException;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BinaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class LogicAndArithmeticTest {
    private static final List<Field> TWO_BOOLEANS = List.of(Field.nullable("a", DataType.BOOLEAN),
            Field.nullable("b", DataType.BOOLEAN));
    private static final List<Boolean> TRUTH = Arrays.asList(true, false, null);

    private static List<List<Object>> allPairs() {
        List<List<Object>> rows = new ArrayList<>();
        for (Boolean a : TRUTH) {
            for (Boolean b : TRUTH) {
                rows.add(row(a, b));
            }
        }
        return rows;
    }

    private static Boolean and(Boolean a, Boolean b) {
        if (Boolean.FALSE.equals(a) || Boolean.FALSE.equals(b)) {
            return false;
        }
        return a == null || b == null ? null : true;
    }

    private static Boolean or(Boolean a, Boolean b) {
        if (Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b)) {
            return true;
        }
        return a == null || b == null ? null : false;
    }

    private static List<Object> expected(BinaryOperator<Boolean> operator) {
        List<Object> values = new ArrayList<>();
        for (List<Object> row : allPairs()) {
            values.add(operator.apply((Boolean) row.get(0), (Boolean) row.get(1)));
        }
        return values;
    }

    @Test
    void andOrNotFollowThreeValuedLogic() {
        Expr a = column(0, DataType.BOOLEAN);
        Expr b = column(1, DataType.BOOLEAN);
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.AND, DataType.BOOLEAN, a, b)))
                .isEqualTo(expected(LogicAndArithmeticTest::and));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.OR, DataType.BOOLEAN, a, b)))
                .isEqualTo(expected(LogicAndArithmeticTest::or));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.NOT, DataType.BOOLEAN, a)))
                .isEqualTo(expected((x, y) -> x == null ? null : !x));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.AND, DataType.BOOLEAN, a, b, a)))
                .isEqualTo(expected(LogicAndArithmeticTest::and));
    }

    @Test
    void truthTestsAndDistinctnessAreNeverNull() {
        Expr a = column(0, DataType.BOOLEAN);
        Expr b = column(1, DataType.BOOLEAN);
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.IS_TRUE, DataType.BOOLEAN, a)))
                .isEqualTo(expected((x, y) -> Boolean.TRUE.equals(x)));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.IS_NOT_FALSE, DataType.BOOLEAN, a)))
                .isEqualTo(expected((x, y) -> !Boolean.FALSE.equals(x)));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.IS_NULL, DataType.BOOLEAN, a)))
                .isEqualTo(expected((x, y) -> x == null));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.IS_DISTINCT_FROM, DataType.BOOLEAN, a, b)))
                .isEqualTo(expected((x, y) -> !java.util.Objects.equals(x, y)));
        assertThat(evaluate(TWO_BOOLEANS, allPairs(), call(Operator.EQUALS, DataType.BOOLEAN, a, b)))
                .isEqualTo(expected((x, y) -> x == null || y == null ? null : x.equals(y)));
    }

    @Test
    void integerArithmeticMatchesJavaAndPropagatesNull() {
        Random random = new Random(7);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(row(i % 7 == 0 ? null : (long) random.nextInt(2001) - 1000,
                    i % 5 == 0 ? null : (long) random.nextInt(41) - 20 | 1));
        }
        List<Field> fields = List.of(Field.nullable("x", DataType.INT64), Field.nullable("y", DataType.INT64));
        Expr x = column(0, DataType.INT64);
        Expr y = column(1, DataType.INT64);
        for (Operator operator : List.of(Operator.ADD, Operator.SUBTRACT, Operator.MULTIPLY, Operator.DIVIDE,
                Operator.MOD)) {
            List<Object> expected = new ArrayList<>();
            for (List<Object> row : rows) {
                Long a = (Long) row.get(0);
                Long b = (Long) row.get(1);
                expected.add(a == null || b == null ? null : switch (operator) {
                    case ADD -> a + b;
                    case SUBTRACT -> a - b;
                    case MULTIPLY -> a * b;
                    case DIVIDE -> a / b;
                    default -> a % b;
                });
            }
            assertThat(evaluate(fields, rows, call(operator, DataType.INT64, x, y))).as(operator.toString())
                    .isEqualTo(expected);
        }
    }

    @Test
    void integerOverflowAndDivisionByZeroAreErrors() {
        List<Field> longs = List.of(Field.nullable("x", DataType.INT64));
        Expr x = column(0, DataType.INT64);
        assertThatThrownBy(() -> evaluate(longs, singleColumn(List.of(1L, Long.MAX_VALUE)),
                call(Operator.ADD, DataType.INT64, x, Literal.of(1L)))).isInstanceOf(QueryException.class)
                .hasMessageContaining("overflow");
        assertThatThrownBy(() -> evaluate(longs, singleColumn(List.of(Long.MIN_VALUE)),
                call(Operator.DIVIDE, DataType.INT64, x, Literal.of(-1L)))).isInstanceOf(QueryException.class);
        assertThatThrownBy(() -> evaluate(longs, singleColumn(List.of(5L)),
                call(Operator.DIVIDE, DataType.INT64, x, Literal.of(0L)))).isInstanceOf(QueryException.class)
                .hasMessageContaining("division by zero");
        List<Field> ints = List.of(Field.nullable("x", DataType.INT32));
        assertThatThrownBy(() -> evaluate(ints, singleColumn(List.of(70_000)),
                call(Operator.MULTIPLY, DataType.INT32, column(0, DataType.INT32), Literal.of(70_000))))
                .isInstanceOf(QueryException.class).hasMessageContaining("INT32 overflow");
        // A NULL row with garbage under it never raises.
        assertThat(evaluate(longs, singleColumn(Arrays.asList(null, 3L)),
                call(Operator.DIVIDE, DataType.INT64, Literal.of(6L), x))).containsExactly(null, 2L);
    }

    @Test
    void caseEvaluatesOnlyTheChosenBranch() {
        List<Field> fields = List.of(Field.nullable("x", DataType.INT64));
        Expr x = column(0, DataType.INT64);
        Expr guarded = call(Operator.CASE, DataType.INT64,
                call(Operator.NOT_EQUALS, DataType.BOOLEAN, x, Literal.of(0L)),
                call(Operator.DIVIDE, DataType.INT64, Literal.of(100L), x),
                Literal.of(-1L));
        assertThat(evaluate(fields, singleColumn(Arrays.asList(4L, 0L, null, -5L, 0L)), guarded))
                .containsExactly(25L, -1L, -1L, -20L, -1L);
        Expr unguarded = call(Operator.CASE, DataType.INT64,
                call(Operator.GREATER_THAN, DataType.BOOLEAN, x, Literal.of(100L)), Literal.of(1L),
                call(Operator.DIVIDE, DataType.INT64, Literal.of(100L), x));
        assertThatThrownBy(() -> evaluate(fields, singleColumn(List.of(4L, 0L)), unguarded))
                .isInstanceOf(QueryException.class);
        Expr andGuard = call(Operator.AND, DataType.BOOLEAN,
                call(Operator.NOT_EQUALS, DataType.BOOLEAN, x, Literal.of(0L)),
                call(Operator.GREATER_THAN, DataType.BOOLEAN, call(Operator.DIVIDE, DataType.INT64, Literal.of(100L), x),
                        Literal.of(10L)));
        assertThat(evaluate(fields, singleColumn(Arrays.asList(4L, 0L, null, 50L)), andGuard))
                .containsExactly(true, false, null, false);
    }

    @Test
    void coalesceAndInListFollowNullRules() {
        List<Field> fields = List.of(Field.nullable("x", DataType.INT64), Field.nullable("y", DataType.INT64));
        List<List<Object>> rows = List.of(row(null, 2L), row(1L, 3L), row(null, null));
        assertThat(evaluate(fields, rows, call(Operator.COALESCE, DataType.INT64, column(0, DataType.INT64),
                column(1, DataType.INT64), Literal.of(9L)))).containsExactly(2L, 1L, 9L);
        List<Expr> longList = new ArrayList<>();
        longList.add(column(1, DataType.INT64));
        for (long value = 100; value < 120; value++) {
            longList.add(Literal.of(value));
        }
        longList.add(Literal.of(3L));
        Expr in = new dev.forge.plan.expr.Call(Operator.IN, longList, DataType.BOOLEAN, true);
        assertThat(evaluate(fields, rows, in)).containsExactly(false, true, null);
        Expr inWithNull = call(Operator.IN, DataType.BOOLEAN, column(1, DataType.INT64), Literal.of(3L),
                literal(null, DataType.INT64));
        assertThat(evaluate(fields, rows, inWithNull)).containsExactly(null, true, null);
    }

    @Test
    void floatComparisonsOrderNaNHighestAndZeroesEqual() {
        List<Field> fields = List.of(Field.nullable("x", DataType.FLOAT64), Field.nullable("y", DataType.FLOAT64));
        List<List<Object>> rows = List.of(row(Double.NaN, Double.NaN), row(-0.0, 0.0), row(Double.NaN, 1e308),
                row(Double.NEGATIVE_INFINITY, -1.0));
        Expr x = column(0, DataType.FLOAT64);
        Expr y = column(1, DataType.FLOAT64);
        assertThat(evaluate(fields, rows, call(Operator.EQUALS, DataType.BOOLEAN, x, y)))
                .containsExactly(true, true, false, false);
        assertThat(evaluate(fields, rows, call(Operator.GREATER_THAN, DataType.BOOLEAN, x, y)))
                .containsExactly(false, false, true, false);
        assertThat(evaluate(fields, rows, call(Operator.LESS_THAN_OR_EQUAL, DataType.BOOLEAN, x, y)))
                .containsExactly(true, true, false, true);
        assertThat(evaluate(fields, rows, call(Operator.ADD, DataType.FLOAT64, x, y)).get(1)).isEqualTo(0.0);
    }

    @Test
    void float32ArithmeticRoundsToFloat() {
        List<Field> fields = List.of(Field.nullable("x", DataType.FLOAT32));
        Expr x = column(0, DataType.FLOAT32);
        List<Object> sums = evaluate(fields, singleColumn(List.of(0.1f, 16_777_216f)),
                call(Operator.ADD, DataType.FLOAT32, x, new Literal(0.2f, DataType.FLOAT32)));
        assertThat(sums).containsExactly(0.1f + 0.2f, 16_777_216f + 0.2f);
    }
}
