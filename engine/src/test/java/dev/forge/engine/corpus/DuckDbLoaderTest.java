package dev.forge.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A table large enough to load in parallel parts arrives in DuckDB whole: every row once, values and NULLs kept. */
class DuckDbLoaderTest {

    @Test
    void aTableLoadedInPartsHasEveryRowOnce() throws Exception {
        int rows = 3_000_017; // in parts on any machine of two cores or more, the last part uneven
        Column ids;
        Column amounts;
        try (ColumnBuilder idBuilder = ColumnBuilder.of(DataType.INT64, rows);
                ColumnBuilder amountBuilder = ColumnBuilder.of(DataType.FLOAT64, rows)) {
            for (int i = 0; i < rows; i++) {
                idBuilder.appendLong(i);
                if (i % 7 == 3) {
                    amountBuilder.appendNull();
                } else {
                    amountBuilder.appendDouble(i % 1000 / 4.0);
                }
            }
            ids = idBuilder.build();
            amounts = amountBuilder.build();
        }
        long expectedAmountSum = 0; // in quarters, exact
        long expectedAmounts = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 7 != 3) {
                expectedAmountSum += i % 1000;
                expectedAmounts++;
            }
        }
        try (Table table = new Table(Schema.of(Field.required("id", DataType.INT64),
                Field.nullable("amount", DataType.FLOAT64)), List.of(ids, amounts));
                Connection connection = DriverManager.getConnection("jdbc:duckdb:")) {
            DuckDbLoader.load(connection, "t", table);
            try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id), MIN(id), MAX(id),"
                            + " SUM(id), COUNT(amount), SUM(amount * 4) FROM t")) {
                assertThat(result.next()).isTrue();
                assertThat(result.getLong(1)).isEqualTo(rows);
                assertThat(result.getLong(2)).isEqualTo(rows);
                assertThat(result.getLong(3)).isZero();
                assertThat(result.getLong(4)).isEqualTo(rows - 1);
                assertThat(result.getLong(5)).isEqualTo((long) rows * (rows - 1) / 2);
                assertThat(result.getLong(6)).isEqualTo(expectedAmounts);
                assertThat(result.getDouble(7)).isEqualTo((double) expectedAmountSum);
            }
        }
    }
}
