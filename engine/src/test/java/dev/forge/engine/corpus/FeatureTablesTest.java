package dev.forge.engine.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(NativeLeakCheck.class)
class FeatureTablesTest {
    @Test
    void parsesTypesNullsQuotesAndEmptyTables() {
        String text = """
                # comment
                table t
                id INT32 NOT NULL | name VARCHAR | amount DECIMAL(9, 2) | at TIMESTAMP
                1 | 'a | b' | 1.50 | 2024-01-31 10:00:00
                2 | NULL | NULL | NULL

                table empty
                x INT64
                """;
        Map<String, Table> tables = FeatureTables.parse("t", text);
        try {
            Table t = tables.get("t");
            assertThat(t.rowCount()).isEqualTo(2);
            assertThat(t.schema().field(0).nullable()).isFalse();
            assertThat(t.schema().field(2).type()).isEqualTo(DataType.decimal(9, 2));
            assertThat(t.column(1).view().getString(0)).isEqualTo("a | b");
            assertThat(t.column(2).view().getDecimal(0)).isEqualTo(new BigDecimal("1.50"));
            assertThat(t.column(3).view().getLong(0)).isEqualTo(1706695200_000_000L);
            assertThat(t.column(1).view().isNull(1)).isTrue();
            assertThat(tables.get("empty").rowCount()).isZero();
        } finally {
            tables.values().forEach(Table::close);
        }
    }

    @Test
    void aBadValueNamesItsLine() {
        assertThatThrownBy(() -> FeatureTables.parse("f", "table t\nx INT32\n1\nabc\n"))
                .hasMessageContaining("f:4").hasMessageContaining("abc");
        assertThatThrownBy(() -> FeatureTables.parse("f", "table t\nx INT32 NOT NULL\nNULL\n"))
                .hasMessageContaining("NOT NULL");
    }
}
