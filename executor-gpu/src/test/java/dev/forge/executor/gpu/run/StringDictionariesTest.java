package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.engine.Forge;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Dictionaries of string functions' values: derived with the CPU's semantics, sorted, mapped, cached, forgotten. */
class StringDictionariesTest {
    private static final ColumnRef PHONE = new ColumnRef(0, DataType.VARCHAR, true);
    private static final Scan SCAN = new Scan("t", List.of(0), List.of(Field.nullable("phone", DataType.VARCHAR)),
            List.of());
    private static final Pipeline PIPELINE = new Pipeline(SCAN, List.of(), new PipelineSink.Materialization(
            List.of(PHONE), SCAN.fields()));

    private static Expr call(Operator operator, Expr... arguments) {
        return new Call(operator, List.of(arguments), DataType.VARCHAR, true);
    }

    @Test
    void aSubstringMapsEachCodeToItsValueInASortedDictionaryOfTheValues() {
        try (Table table = phones("31-555", "13-200", "31-123", "17-999", null, "13-201");
                StringDictionaries strings = new StringDictionaries(Long.MAX_VALUE)) {
            TableCatalog catalog = Forge.of(Map.of("t", table)).catalog();
            Expr prefix = call(Operator.SUBSTRING, PHONE, Literal.of(1), Literal.of(2));
            ColumnView derived = strings.dictionary(PIPELINE, prefix, catalog);
            assertThat(strings(derived)).containsExactly("13", "17", "31");
            ColumnView source = table.column(0).view().dictionary(); // 13-200, 13-201, 17-999, 31-123, 31-555
            int[] codes = strings.mapping(PIPELINE, prefix, catalog);
            assertThat(codes).hasSize((int) source.length());
            for (int code = 0; code < codes.length; code++) {
                assertThat(derived.getString(codes[code])).isEqualTo(source.getString(code).substring(0, 2));
            }
            assertThat(strings.dictionary(PIPELINE, prefix, catalog)).isSameAs(derived); // derived once
            assertThat(strings.dictionary(PIPELINE, PHONE, catalog)).isSameAs(source);
        }
    }

    @Test
    void theCpusSemanticsDecideAndANullValueMapsToMinusOne() {
        try (Table table = phones("ab", "cd", "Ab");
                StringDictionaries strings = new StringDictionaries(Long.MAX_VALUE)) {
            TableCatalog catalog = Forge.of(Map.of("t", table)).catalog();
            // SQL's SUBSTRING from 0 for 2 characters gives the first one
            Expr fromZero = call(Operator.SUBSTRING, call(Operator.UPPER, PHONE), Literal.of(0), Literal.of(2));
            assertThat(strings(strings.dictionary(PIPELINE, fromZero, catalog))).containsExactly("A", "C");
            Expr nothing = call(Operator.SUBSTRING, PHONE, Literal.nullOf(DataType.INT32));
            assertThat(strings.mapping(PIPELINE, nothing, catalog)).containsOnly(-1);
        }
    }

    @Test
    void likeMatchesAreMadeOncePerColumnPatternAndFunctionAndForgottenWithTheColumn() {
        try (Table table = phones("31-555", "13-200", "31-123", null);
                StringDictionaries strings = new StringDictionaries(Long.MAX_VALUE)) {
            TableCatalog catalog = Forge.of(Map.of("t", table)).catalog();
            int[] thirtyOnes = strings.likeMatches(PIPELINE, PHONE, "31%", null, catalog);
            // the sorted dictionary: 13-200, 31-123, 31-555
            assertThat(thirtyOnes).containsExactly(0b110);
            assertThat(strings.likeMatches(PIPELINE, PHONE, "31%", null, catalog)).isSameAs(thirtyOnes);
            assertThat(strings.likeMatches(PIPELINE, PHONE, "%-2%", null, catalog)).containsExactly(0b001);
            Expr prefix = call(Operator.SUBSTRING, PHONE, Literal.of(1), Literal.of(2)); // 13, 31
            assertThat(strings.likeMatches(PIPELINE, prefix, "31%", null, catalog)).containsExactly(0b10);
            strings.forget(table.column(0));
            int[] again = strings.likeMatches(PIPELINE, PHONE, "31%", null, catalog);
            assertThat(again).isNotSameAs(thirtyOnes).containsExactly(0b110);
        }
    }

    @Test
    void whatWasDerivedFromAColumnIsForgottenWithIt() {
        try (Table table = phones("x1", "y2");
                StringDictionaries strings = new StringDictionaries(Long.MAX_VALUE)) {
            TableCatalog catalog = Forge.of(Map.of("t", table)).catalog();
            Expr first = call(Operator.SUBSTRING, PHONE, Literal.of(1), Literal.of(1));
            ColumnView before = strings.dictionary(PIPELINE, first, catalog);
            strings.forget(table.column(0));
            assertThat(strings.dictionary(PIPELINE, first, catalog)).isNotSameAs(before);
        }
    }

    private static List<String> strings(ColumnView dictionary) {
        List<String> values = new ArrayList<>();
        for (long code = 0; code < dictionary.length(); code++) {
            values.add(dictionary.getString(code));
        }
        return values;
    }

    private static Table phones(String... values) {
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR, values.length)
                .stringLayout(StringLayout.DICTIONARY)) {
            for (String value : values) {
                if (value == null) {
                    builder.appendNull();
                } else {
                    builder.appendString(value);
                }
            }
            Column column = builder.build();
            return new Table(new Schema(List.of(Field.nullable("phone", DataType.VARCHAR))), List.of(column));
        }
    }
}
