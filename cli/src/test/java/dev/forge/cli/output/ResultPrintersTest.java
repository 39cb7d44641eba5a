package dev.forge.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ResultPrintersTest {
    private Table table;

    @BeforeEach
    void buildTable() {
        try (ColumnBuilder ids = ColumnBuilder.of(DataType.INT64);
                ColumnBuilder names = ColumnBuilder.of(DataType.VARCHAR);
                ColumnBuilder amounts = ColumnBuilder.of(DataType.decimal(38, 2));
                ColumnBuilder days = ColumnBuilder.of(DataType.DATE);
                ColumnBuilder ratios = ColumnBuilder.of(DataType.FLOAT64)) {
            ids.appendLong(1).appendLong(-1234567).appendNull();
            names.appendString("plain").appendString("with, \"quote\"").appendString("");
            amounts.appendDecimal(new BigDecimal("12345678901234567890123456.05")).appendNull()
                    .appendDecimal(new BigDecimal("-0.50"));
            days.appendDate(LocalDate.of(1998, 12, 1)).appendDate(LocalDate.of(1970, 1, 1)).appendNull();
            ratios.appendDouble(0.1).appendDouble(Double.NaN).appendDouble(-0.0);
            table = new Table(new Schema(List.of(Field.nullable("id", DataType.INT64),
                    Field.nullable("name", DataType.VARCHAR), Field.nullable("amount", DataType.decimal(38, 2)),
                    Field.nullable("day", DataType.DATE), Field.nullable("ratio", DataType.FLOAT64))),
                    List.of(ids.build(), names.build(), amounts.build(), days.build(), ratios.build()));
        }
    }

    @AfterEach
    void close() {
        table.close();
    }

    private String print(OutputFormat format, PrintOptions options) throws IOException {
        StringBuilder out = new StringBuilder();
        format.printer(options).print(table, null, out);
        return out.toString();
    }

    @Test
    void csvIsExactAndQuotesOnlyWhereNeeded() throws IOException {
        assertThat(print(OutputFormat.CSV, PrintOptions.PLAIN)).isEqualTo("""
                id,name,amount,day,ratio
                1,plain,12345678901234567890123456.05,1998-12-01,0.1
                -1234567,"with, ""quote""\",,1970-01-01,NaN
                ,"",-0.50,,-0.0
                """);
    }

    @Test
    void jsonKeepsEveryDecimalDigitAndNamesNonFiniteFloats() throws IOException {
        assertThat(print(OutputFormat.JSONL, PrintOptions.PLAIN)).isEqualTo("""
                {"id": 1, "name": "plain", "amount": 12345678901234567890123456.05, "day": "1998-12-01", "ratio": 0.1}
                {"id": -1234567, "name": "with, \\"quote\\"", "amount": null, "day": "1970-01-01", "ratio": "NaN"}
                {"id": null, "name": "", "amount": -0.50, "day": null, "ratio": -0.0}
                """);
        assertThat(print(OutputFormat.JSON, PrintOptions.PLAIN)).startsWith("[\n  {\"id\": 1,").endsWith("}\n]\n");
    }

    @Test
    void tableAlignsGroupsThousandsAndElidesTheMiddle() throws IOException {
        String text = print(OutputFormat.TABLE, PrintOptions.PLAIN);
        assertThat(text.lines().toList()).hasSize(5);
        assertThat(text).contains("-1,234,567").contains("12,345,678,901,234,567,890,123,456.05").contains("NULL");
        assertThat(text.lines().map(String::length).distinct().count()).isEqualTo(1);

        String elided = print(OutputFormat.TABLE, new PrintOptions(false, 2));
        assertThat(elided).contains("1 rows not shown").doesNotContain("-1,234,567");
        assertThat(print(OutputFormat.TABLE, new PrintOptions(true, 10))).contains("\u001b[2m");
    }

    @Test
    void markdownRightAlignsNumbers() throws IOException {
        assertThat(print(OutputFormat.MARKDOWN, PrintOptions.PLAIN).lines().toList().subList(0, 2)).containsExactly(
                "| id | name | amount | day | ratio |", "|---:|---|---:|---|---:|");
    }

    @Test
    void thousandsGroupingHandlesSignsAndFractions() {
        assertThat(ValueText.groupThousands("-1234567.50")).isEqualTo("-1,234,567.50");
        assertThat(ValueText.groupThousands("999")).isEqualTo("999");
        assertThat(ValueText.groupThousands("-100000")).isEqualTo("-100,000");
    }
}
