package dev.forge.columnar.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.io.RandomTables.NullPattern;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NativeLeakCheck.class)
class ParquetRoundTripTest {
    @TempDir
    Path folder;

    /** Every type Parquet output supports: all but decimals wider than 18 digits. */
    private static Schema parquetSchema(NullPattern nulls) {
        return new Schema(RandomTables.schema(nulls).fields().stream()
                .filter(field -> !(field.type() instanceof DataType.Decimal decimal && decimal.precision() > 18))
                .toList());
    }

    @Test
    void everyTypeAndNullPatternReadsBackUnchanged() throws Exception {
        for (NullPattern nulls : NullPattern.values()) {
            Schema schema = parquetSchema(nulls);
            for (int rows : new int[] {0, 1, 3000}) {
                Path path = folder.resolve("t" + nulls + rows + ".parquet");
                try (Table written = RandomTables.table(schema, rows, 7 + rows, nulls, true)) {
                    ParquetTableWriter.write(written, path);
                    try (Table read = ParquetTableReader.read(path)) {
                        assertThat(read.schema()).isEqualTo(schema);
                        RandomTables.assertSameValues(written, read);
                    }
                }
            }
        }
    }

    @Test
    void wideDecimalsAreRefusedByName() {
        Schema schema = Schema.of(Field.required("big", DataType.decimal(30, 4)));
        try (Table written = RandomTables.table(schema, 3, 1, NullPattern.NONE, false)) {
            assertThatThrownBy(() -> ParquetTableWriter.write(written, folder.resolve("wide.parquet")))
                    .hasMessageContaining("column 'big' is DECIMAL(30,4)");
        }
    }
}
