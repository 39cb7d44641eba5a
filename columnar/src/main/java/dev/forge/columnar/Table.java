package dev.forge.columnar;

import java.util.List;

/** Columns of equal length under a {@link Schema}; the table owns and closes them. */
public final class Table implements AutoCloseable {
    private final Schema schema;
    private final List<Column> columns;
    private final long rowCount;

    /** Takes ownership of {@code columns}; on a mismatch with the schema they are closed and the call throws. */
    public Table(Schema schema, List<Column> columns) {
        this.schema = schema;
        this.columns = List.copyOf(columns);
        try {
            if (schema.size() != columns.size()) {
                throw new IllegalArgumentException("schema has " + schema.size() + " fields but " + columns.size()
                        + " columns were given");
            }
            long rows = columns.isEmpty() ? 0 : columns.getFirst().length();
            for (int i = 0; i < columns.size(); i++) {
                Field field = schema.field(i);
                Column column = columns.get(i);
                if (!field.type().equals(column.type())) {
                    throw new IllegalArgumentException("field '" + field.name() + "' is " + field.type()
                            + " but its column is " + column.type());
                }
                if (column.length() != rows) {
                    throw new IllegalArgumentException("column '" + field.name() + "' has " + column.length()
                            + " rows, the first column " + rows);
                }
                if (!field.nullable() && column.nullCount() > 0) {
                    throw new IllegalArgumentException("field '" + field.name() + "' is not nullable but its column has "
                            + column.nullCount() + " nulls");
                }
            }
            this.rowCount = rows;
        } catch (RuntimeException invalid) {
            close();
            throw invalid;
        }
    }

    public Schema schema() {
        return schema;
    }

    public long rowCount() {
        return rowCount;
    }

    public Column column(int index) {
        return columns.get(index);
    }

    public Column column(String name) {
        return columns.get(schema.indexOf(name));
    }

    public List<Column> columns() {
        return columns;
    }

    @Override
    public void close() {
        for (Column column : columns) {
            column.close();
        }
    }
}
