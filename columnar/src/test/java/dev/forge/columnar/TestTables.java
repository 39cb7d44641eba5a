package dev.forge.columnar;

import java.util.ArrayList;
import java.util.List;

/** Seeded tables for tests. */
public final class TestTables {
    private TestTables() {
    }

    /** One column of every {@link ColumnKind}, named after it; nullable where the pattern has nulls. */
    public static Table everyKind(long rows, NullPattern nulls, long seed) {
        List<Field> fields = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        for (ColumnKind kind : ColumnKind.values()) {
            fields.add(new Field(kind.name(), kind.type, nulls != NullPattern.NONE));
            columns.add(kind.generate(seed, rows, nulls));
        }
        return new Table(new Schema(fields), columns);
    }
}
