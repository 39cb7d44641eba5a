package dev.forge.executor.cpu;

import static dev.forge.executor.cpu.Expressions.call;
import static dev.forge.executor.cpu.Expressions.column;
import static dev.forge.executor.cpu.Expressions.evaluate;
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
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class DecimalArithmeticTest {
    private static BigDecimal randomDecimal(Random random, int precision, int scale) {
        int digits = 1 + random.nextInt(precision);
        BigInteger unscaled = new BigInteger(digits * 4, random).mod(BigInteger.TEN.pow(digits));
        if (random.nextBoolean()) {
            unscaled = unscaled.negate();
        }
        return new BigDecimal(unscaled, scale);
    }

    private static void check(DataType.Decimal left, DataType.Decimal right, DataType.Decimal result,
            Operator operator, long seed) {
        Random random = new Random(seed);
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            BigDecimal b = randomDecimal(random, right.precision(), right.scale());
            if ((operator == Operator.DIVIDE || operator == Operator.MOD) && b.signum() == 0) {
                b = BigDecimal.ONE.setScale(right.scale());
            }
            rows.add(row(i % 11 == 0 ? null : randomDecimal(random, left.precision(), left.scale()), b));
        }
        List<Field> fields = List.of(Field.nullable("a", left), Field.nullable("b", right));
        Expr expression = call(operator, result, column(0, left), column(1, right));
        List<Object> expected = new ArrayList<>();
        for (List<Object> row : rows) {
            BigDecimal a = (BigDecimal) row.get(0);
            BigDecimal b = (BigDecimal) row.get(1);
            if (a == null) {
                expected.add(null);
                continue;
            }
            BigDecimal exact = switch (operator) {
                case ADD -> a.add(b);
                case SUBTRACT -> a.subtract(b);
                case MULTIPLY -> a.multiply(b);
                case DIVIDE -> a.divide(b, result.scale(), RoundingMode.HALF_UP);
                default -> a.remainder(b);
            };
            expected.add(exact.setScale(result.scale(), RoundingMode.HALF_UP));
        }
        assertThat(evaluate(fields, rows, expression)).as(operator + " " + left + " " + right + " -> " + result)
                .isEqualTo(expected);
    }

    @Test
    void narrowDecimalsAreExactWithRounding() {
        DataType.Decimal money = DataType.decimal(15, 2);
        DataType.Decimal rate = DataType.decimal(4, 3);
        check(money, rate, DataType.decimal(17, 3), Operator.ADD, 1);
        check(money, rate, DataType.decimal(17, 3), Operator.SUBTRACT, 2);
        check(money, rate, DataType.decimal(18, 2), Operator.MULTIPLY, 3);
        check(DataType.decimal(9, 2), rate, DataType.decimal(18, 6), Operator.DIVIDE, 4);
        check(money, rate, DataType.decimal(38, 6), Operator.DIVIDE, 11);
        check(money, rate, DataType.decimal(15, 3), Operator.MOD, 5);
    }

    @Test
    void wideDecimalsTakeTheExactPathWhenLongsOverflow() {
        DataType.Decimal wide = DataType.decimal(30, 4);
        DataType.Decimal money = DataType.decimal(15, 2);
        check(wide, money, DataType.decimal(31, 4), Operator.ADD, 6);
        check(money, money, DataType.decimal(31, 4), Operator.MULTIPLY, 7);
        check(money, money, DataType.decimal(31, 2), Operator.MULTIPLY, 8);
        check(wide, money, DataType.decimal(38, 10), Operator.DIVIDE, 9);
        check(wide, wide, DataType.decimal(38, 3), Operator.SUBTRACT, 10);
    }

    @Test
    void resultBeyondPrecisionIsAnError() {
        DataType.Decimal small = DataType.decimal(5, 2);
        List<Field> fields = List.of(Field.nullable("a", small));
        Expr doubled = call(Operator.ADD, DataType.decimal(5, 2), column(0, small), column(0, small));
        assertThat(evaluate(fields, List.of(row(new BigDecimal("499.99"))), doubled))
                .containsExactly(new BigDecimal("999.98"));
        assertThatThrownBy(() -> evaluate(fields, List.of(row(new BigDecimal("500.00"))), doubled))
                .isInstanceOf(QueryException.class).hasMessageContaining("decimal overflow");
        Expr divided = call(Operator.DIVIDE, DataType.decimal(5, 2), column(0, small),
                new Literal(new BigDecimal("0.00"), small));
        assertThatThrownBy(() -> evaluate(fields, List.of(row(new BigDecimal("1.00"))), divided))
                .isInstanceOf(QueryException.class).hasMessageContaining("division by zero");
    }

    @Test
    void roundingIsHalfAwayFromZero() {
        DataType.Decimal input = DataType.decimal(6, 3);
        List<Field> fields = List.of(Field.nullable("a", input));
        Expr rounded = call(Operator.CAST, DataType.decimal(5, 2), column(0, input));
        assertThat(evaluate(fields, List.of(row(new BigDecimal("1.005")), row(new BigDecimal("-1.005")),
                row(new BigDecimal("-1.004"))), rounded)).containsExactly(new BigDecimal("1.01"),
                new BigDecimal("-1.01"), new BigDecimal("-1.00"));
    }

    @Test
    void decimalsOfDifferentScalesCompareByValue() {
        DataType.Decimal two = DataType.decimal(10, 2);
        DataType.Decimal wide = DataType.decimal(25, 5);
        List<Field> fields = List.of(Field.nullable("a", two), Field.nullable("b", wide));
        List<List<Object>> rows = List.of(row(new BigDecimal("1.50"), new BigDecimal("1.50000")),
                row(new BigDecimal("1.50"), new BigDecimal("1.50001")),
                row(new BigDecimal("-3.00"), new BigDecimal("-12345678901234567890.00000")));
        assertThat(evaluate(fields, rows, call(Operator.EQUALS, DataType.BOOLEAN, column(0, two), column(1, wide))))
                .containsExactly(true, false, false);
        assertThat(evaluate(fields, rows, call(Operator.LESS_THAN, DataType.BOOLEAN, column(0, two),
                column(1, wide)))).containsExactly(false, true, false);
    }
}
