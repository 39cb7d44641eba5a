package dev.forge.columnar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.testing.NativeLeakCheck;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Columns made concurrently come back in order; on failures nothing leaks and the lowest column's failure is thrown. */
@ExtendWith(NativeLeakCheck.class)
class ColumnsInParallelTest {

    private static Column column(int index) {
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.INT64)) {
            for (int row = 0; row <= index; row++) {
                builder.appendLong(index * 1000L + row);
            }
            return builder.build();
        }
    }

    @Test
    void columnsComeBackInOrder() {
        List<Column> columns = ColumnsInParallel.make(40, ColumnsInParallelTest::column);
        try {
            assertThat(columns).hasSize(40);
            for (int c = 0; c < columns.size(); c++) {
                assertThat(columns.get(c).length()).isEqualTo(c + 1);
                assertThat(columns.get(c).view().getLong(c)).isEqualTo(c * 1000L + c);
            }
        } finally {
            columns.forEach(Column::close);
        }
    }

    @Test
    void theLowestFailingColumnsCheckedFailureIsThrownAndMadeColumnsAreClosed() {
        for (int attempt = 0; attempt < 20; attempt++) {
            assertThatThrownBy(() -> ColumnsInParallel.make(40, index -> {
                if (index == 7 || index == 31) {
                    throw new IOException("column " + index + " is damaged");
                }
                return column(index);
            })).isInstanceOf(IOException.class).hasMessage("column 7 is damaged");
        }
    }

    @Test
    void anUncheckedFailureIsThrownAsItIs() {
        assertThatThrownBy(() -> ColumnsInParallel.make(5, index -> {
            if (index == 3) {
                throw new IllegalStateException("column 3 cannot be made");
            }
            return column(index);
        })).isInstanceOf(IllegalStateException.class).hasMessage("column 3 cannot be made");
    }
}
