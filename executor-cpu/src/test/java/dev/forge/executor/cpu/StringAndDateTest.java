package dev.forge.executor.cpu;

import static dev.forge.executor.cpu.Expressions.call;
import static dev.forge.executor.cpu.Expressions.column;
import static dev.forge.executor.cpu.Expressions.evaluate;
import static dev.forge.executor.cpu.Expressions.singleColumn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.StringLayout;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.plan.QueryException;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class StringAndDateTest {
    private static final List<Field> TEXT = List.of(Field.nullable("s", DataType.VARCHAR));
    private static final List<String> WORDS = Arrays.asList("", "a", "abc", "abcabc", "xabcx", "special requests",
            "very special deposits requests", "naïve", "日本語テキスト", "a_b", "a%b", "PROMO BRUSHED", null, "abc",
            "ab", "ba", "aXc");

    /** LIKE as a regular expression, the independent oracle. */
    private static boolean likeOracle(String text, String pattern) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            } else if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(text).matches();
    }

    @Test
    void likeMatchesLikeARegularExpressionOnBothLayouts() {
        List<String> patterns = List.of("abc", "abc%", "%abc", "%abc%", "%special%requests%", "a_c", "_", "%",
                "", "a%", "%c", "_b_", "%日本%", "na_ve", "a\\_b", "a\\%b", "%a%b%c%", "a%a%", "%bc_", "___");
        for (StringLayout layout : StringLayout.values()) {
            for (String pattern : patterns) {
                List<Expr> arguments = new ArrayList<>(List.of(column(0, DataType.VARCHAR), Literal.of(pattern)));
                if (pattern.contains("\\")) {
                    arguments.add(Literal.of("\\"));
                }
                Expr like = new Call(Operator.LIKE, arguments, DataType.BOOLEAN, true);
                List<Object> expected = new ArrayList<>();
                for (String word : WORDS) {
                    expected.add(word == null ? null : likeOracle(word, pattern));
                }
                assertThat(evaluate(TEXT, singleColumn(WORDS), like, layout)).as(pattern + " on " + layout)
                        .isEqualTo(expected);
            }
        }
    }

    @Test
    void stringComparisonsUseByteOrderOnBothLayouts() {
        for (StringLayout layout : StringLayout.values()) {
            for (String literal : List.of("abc", "ab", "zzz", "", "b")) {
                Expr less = call(Operator.LESS_THAN, DataType.BOOLEAN, column(0, DataType.VARCHAR), Literal.of(literal));
                Expr equal = call(Operator.EQUALS, DataType.BOOLEAN, Literal.of(literal), column(0, DataType.VARCHAR));
                Expr greaterFlipped = call(Operator.GREATER_THAN, DataType.BOOLEAN, Literal.of(literal),
                        column(0, DataType.VARCHAR));
                List<Object> expectedLess = new ArrayList<>();
                List<Object> expectedEqual = new ArrayList<>();
                for (String word : WORDS) {
                    expectedLess.add(word == null ? null : compareBytes(word, literal) < 0);
                    expectedEqual.add(word == null ? null : word.equals(literal));
                }
                assertThat(evaluate(TEXT, singleColumn(WORDS), less, layout)).isEqualTo(expectedLess);
                assertThat(evaluate(TEXT, singleColumn(WORDS), greaterFlipped, layout)).isEqualTo(expectedLess);
                assertThat(evaluate(TEXT, singleColumn(WORDS), equal, layout)).isEqualTo(expectedEqual);
            }
        }
    }

    private static int compareBytes(String a, String b) {
        return Arrays.compareUnsigned(a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                b.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void stringFunctionsCountCharactersNotBytes() {
        List<String> words = Arrays.asList("  padded  ", "日本語テキスト", "MiXeD", null, "");
        Expr s = column(0, DataType.VARCHAR);
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.SUBSTRING, DataType.VARCHAR, s, Literal.of(2),
                Literal.of(3)))).containsExactly(" pa", "本語テ", "iXe", null, "");
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.SUBSTRING, DataType.VARCHAR, s, Literal.of(-1),
                Literal.of(4)))).containsExactly("  ", "日本", "Mi", null, "");
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.SUBSTRING, DataType.VARCHAR, s, Literal.of(6))))
                .containsExactly("ded  ", "スト", "", null, "");
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.CHAR_LENGTH, DataType.INT32, s)))
                .containsExactly(10, 7, 5, null, 0);
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.TRIM, DataType.VARCHAR, s)))
                .containsExactly("padded", "日本語テキスト", "MiXeD", null, "");
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.UPPER, DataType.VARCHAR, s)))
                .containsExactly("  PADDED  ", "日本語テキスト", "MIXED", null, "");
        assertThat(evaluate(TEXT, singleColumn(words), call(Operator.CONCAT, DataType.VARCHAR,
                call(Operator.LOWER, DataType.VARCHAR, s), Literal.of("!")))).containsExactly("  padded  !",
                "日本語テキスト!", "mixed!", null, "!");
        assertThatThrownBy(() -> evaluate(TEXT, singleColumn(words), call(Operator.SUBSTRING, DataType.VARCHAR, s,
                Literal.of(1), Literal.of(-1)))).isInstanceOf(QueryException.class).hasMessageContaining("negative");
    }

    @Test
    void extractAndCalendarArithmeticMatchJavaTime() {
        List<Field> dates = List.of(Field.nullable("d", DataType.DATE));
        List<Integer> days = new ArrayList<>();
        for (int day = -800_000; day <= 800_000; day += 9_973) {
            days.add(day);
        }
        days.addAll(List.of(0, -1, 59, 60, 10_957, 11_016, 19_753)); // around leap days and epoch
        Expr d = column(0, DataType.DATE);
        record Field2(Operator operator, ChronoField field) {
        }
        for (Field2 check : List.of(new Field2(Operator.EXTRACT_YEAR, ChronoField.YEAR),
                new Field2(Operator.EXTRACT_MONTH, ChronoField.MONTH_OF_YEAR),
                new Field2(Operator.EXTRACT_DAY, ChronoField.DAY_OF_MONTH),
                new Field2(Operator.EXTRACT_DAY_OF_YEAR, ChronoField.DAY_OF_YEAR))) {
            List<Object> expected = days.stream().map(day -> (Object) LocalDate.ofEpochDay(day)
                    .getLong(check.field())).toList();
            assertThat(evaluate(dates, singleColumn(days), call(check.operator(), DataType.INT64, d)))
                    .as(check.operator().toString()).isEqualTo(expected);
        }
        List<Object> weekdays = days.stream().map(day -> (Object) (long) (LocalDate.ofEpochDay(day).getDayOfWeek()
                .getValue() % 7)).toList();
        assertThat(evaluate(dates, singleColumn(days), call(Operator.EXTRACT_DAY_OF_WEEK, DataType.INT64, d)))
                .isEqualTo(weekdays);
        for (int months : List.of(1, -1, 13, -25, 0)) {
            List<Object> expected = days.stream().map(day -> (Object) (int) LocalDate.ofEpochDay(day)
                    .plusMonths(months).toEpochDay()).toList();
            assertThat(evaluate(dates, singleColumn(days), call(Operator.ADD_MONTHS, DataType.DATE, d,
                    Literal.of(months)))).as("+" + months + " months").isEqualTo(expected);
        }
        int january31 = (int) LocalDate.of(2024, 1, 31).toEpochDay();
        assertThat(evaluate(dates, singleColumn(List.of(january31)), call(Operator.ADD_MONTHS, DataType.DATE, d,
                Literal.of(1)))).containsExactly((int) LocalDate.of(2024, 2, 29).toEpochDay());
        assertThat(evaluate(dates, singleColumn(List.of(january31)), call(Operator.SUBTRACT_DATES, DataType.INT32,
                d, Literal.of(LocalDate.of(2023, 1, 31))))).containsExactly(365);
    }

    @Test
    void castsRoundTripThroughText() {
        List<Field> fields = List.of(Field.nullable("d", DataType.decimal(10, 2)));
        Expr d = column(0, DataType.decimal(10, 2));
        List<BigDecimal> values = List.of(new BigDecimal("12.50"), new BigDecimal("-0.05"), new BigDecimal("0.00"));
        assertThat(evaluate(fields, singleColumn(values), call(Operator.CAST, DataType.VARCHAR, d)))
                .containsExactly("12.50", "-0.05", "0.00");
        assertThat(evaluate(fields, singleColumn(values), call(Operator.CAST, DataType.INT64, d)))
                .containsExactly(13L, 0L, 0L);
        assertThat(evaluate(fields, singleColumn(values), call(Operator.CAST, DataType.FLOAT64, d)))
                .containsExactly(12.5, -0.05, 0.0);
        List<String> texts = List.of("2024-02-29", " 1999-12-31 ");
        assertThat(evaluate(TEXT, singleColumn(texts), call(Operator.CAST, DataType.DATE, column(0,
                DataType.VARCHAR)))).containsExactly((int) LocalDate.of(2024, 2, 29).toEpochDay(),
                (int) LocalDate.of(1999, 12, 31).toEpochDay());
        assertThat(evaluate(List.of(Field.nullable("d", DataType.DATE)), singleColumn(List.of(19_782)),
                call(Operator.CAST, DataType.VARCHAR, column(0, DataType.DATE)))).containsExactly("2024-02-29");
        assertThat(evaluate(TEXT, singleColumn(List.of("42", "-7")), call(Operator.CAST, DataType.INT32,
                column(0, DataType.VARCHAR)))).containsExactly(42, -7);
        assertThatThrownBy(() -> evaluate(TEXT, singleColumn(List.of("2023-02-29")), call(Operator.CAST,
                DataType.DATE, column(0, DataType.VARCHAR)))).isInstanceOf(QueryException.class)
                .hasMessageContaining("2023-02-29");
        assertThatThrownBy(() -> evaluate(TEXT, singleColumn(List.of("12x")), call(Operator.CAST, DataType.INT64,
                column(0, DataType.VARCHAR)))).isInstanceOf(QueryException.class).hasMessageContaining("12x");
        assertThatThrownBy(() -> evaluate(List.of(Field.nullable("x", DataType.INT64)), singleColumn(List.of(
                3_000_000_000L)), call(Operator.CAST, DataType.INT32, column(0, DataType.INT64))))
                .isInstanceOf(QueryException.class).hasMessageContaining("out of range");
        assertThat(evaluate(List.of(Field.nullable("x", DataType.FLOAT64)), singleColumn(List.of(2.5, -2.5, 0.49999)),
                call(Operator.CAST, DataType.INT64, column(0, DataType.FLOAT64)))).containsExactly(3L, -3L, 0L);
        assertThat(evaluate(List.of(Field.nullable("x", DataType.INT32)), singleColumn(List.of(7)),
                call(Operator.CAST, DataType.decimal(5, 2), column(0, DataType.INT32))))
                .containsExactly(new BigDecimal("7.00"));
    }

    @Test
    void timestampsExtractAddAndFormat() {
        List<Field> stamps = List.of(Field.nullable("t", DataType.TIMESTAMP));
        java.time.Instant instant = java.time.Instant.parse("2024-02-29T13:45:07.250Z");
        long micros = instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
        long before = java.time.Instant.parse("1969-12-31T23:59:59Z").getEpochSecond() * 1_000_000;
        List<Long> values = List.of(micros, before);
        Expr t = column(0, DataType.TIMESTAMP);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.EXTRACT_HOUR, DataType.INT64, t)))
                .containsExactly(13L, 23L);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.EXTRACT_MINUTE, DataType.INT64, t)))
                .containsExactly(45L, 59L);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.EXTRACT_SECOND, DataType.INT64, t)))
                .containsExactly(7L, 59L);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.EXTRACT_DAY, DataType.INT64, t)))
                .containsExactly(29L, 31L);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.CAST, DataType.VARCHAR, t)))
                .containsExactly("2024-02-29 13:45:07.25", "1969-12-31 23:59:59");
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.CAST, DataType.DATE, t)))
                .containsExactly((int) LocalDate.of(2024, 2, 29).toEpochDay(), -1);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.ADD_MONTHS, DataType.TIMESTAMP, t,
                Literal.of(12)))).containsExactly(micros + 365L * 86_400_000_000L, before + 365L * 86_400_000_000L);
        assertThat(evaluate(stamps, singleColumn(values), call(Operator.ADD_MICROS, DataType.TIMESTAMP, t,
                Literal.of(1L)))).containsExactly(micros + 1, before + 1);
        assertThat(evaluate(TEXT, singleColumn(List.of("2024-02-29 13:45:07.25")), call(Operator.CAST,
                DataType.TIMESTAMP, column(0, DataType.VARCHAR)))).containsExactly(micros);
    }
}
