package dev.forge.cli.shell;

import dev.forge.cli.query.ColumnDescription;
import dev.forge.cli.query.QueryAnswer;
import dev.forge.cli.query.QueryFailure;
import dev.forge.cli.query.TableDescription;
import dev.forge.cli.shell.CommandSession.Outcome;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.io.TextFormatting;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code .describe t}: per column its type, non-null count, null percentage, distinct count, minimum, maximum and a
 * sample value, all computed by SQL on the session's engine (so the numbers are exact and the engine is exercised),
 * printed as a table in the session's format.
 */
final class TableProfile {
    private static final Schema SCHEMA = Schema.of(
            Field.required("column", DataType.VARCHAR),
            Field.required("type", DataType.VARCHAR),
            Field.nullable("count", DataType.INT64),
            Field.nullable("null_percent", DataType.decimal(5, 2)),
            Field.nullable("distinct", DataType.INT64),
            Field.nullable("min", DataType.VARCHAR),
            Field.nullable("max", DataType.VARCHAR),
            Field.nullable("sample", DataType.VARCHAR));

    private final CommandSession session;

    TableProfile(CommandSession session) {
        this.session = session;
    }

    Outcome describe(String tableName) {
        TableDescription table = new DotCommands(session).table(tableName);
        String from = " FROM " + quote(table.name());
        List<Object[]> rows = new ArrayList<>();
        try {
            long total;
            try (QueryAnswer count = query("SELECT COUNT(*)" + from)) {
                total = single(count, 0);
            }
            List<String> samples = samples(table, from);
            for (int i = 0; i < table.columns().size(); i++) {
                ColumnDescription column = table.columns().get(i);
                String name = quote(column.name());
                Object[] row = new Object[8];
                row[0] = column.name();
                row[1] = column.type().toString();
                try (QueryAnswer counts = query("SELECT COUNT(" + name + "), COUNT(DISTINCT " + name + ")" + from)) {
                    long count = single(counts, 0);
                    row[2] = count;
                    row[3] = total == 0 ? null : BigDecimal.valueOf(100.0 * (total - count) / total)
                            .setScale(2, RoundingMode.HALF_EVEN);
                    row[4] = single(counts, 1);
                }
                String[] range = range(name, from);
                row[5] = range[0];
                row[6] = range[1];
                row[7] = samples.get(i);
                rows.add(row);
            }
        } catch (QueryFailure failure) {
            return session.fail(failure, null);
        }
        try (Table description = build(rows)) {
            CommandSession.print(description, null, session.settings().format, session.settings().printOptions(),
                    session.results());
        }
        return Outcome.DONE;
    }

    /** Minimum and maximum as text; both null where the engine has no MIN/MAX for the type. */
    private String[] range(String name, String from) {
        try (QueryAnswer range = query("SELECT MIN(" + name + "), MAX(" + name + ")" + from)) {
            return new String[] {text(range, 0), text(range, 1)};
        } catch (QueryFailure noOrder) {
            return new String[2];
        }
    }

    /** The first non-null value of each column among the first rows. */
    private List<String> samples(TableDescription table, String from) throws QueryFailure {
        List<String> samples = new ArrayList<>();
        try (QueryAnswer first = query("SELECT *" + from + " LIMIT 20")) {
            for (int column = 0; column < table.columns().size(); column++) {
                ColumnView view = first.table().column(column).view();
                String sample = null;
                for (long row = 0; row < view.length() && sample == null; row++) {
                    sample = view.isNull(row) ? null : TextFormatting.format(view, row);
                }
                samples.add(sample);
            }
        }
        return samples;
    }

    private QueryAnswer query(String sql) throws QueryFailure {
        return session.backend().run(sql, session.settings().engine());
    }

    private static long single(QueryAnswer answer, int column) {
        return answer.table().column(column).view().getLong(0);
    }

    private static String text(QueryAnswer answer, int column) {
        ColumnView view = answer.table().column(column).view();
        return view.length() == 0 || view.isNull(0) ? null : TextFormatting.format(view, 0);
    }

    private static Table build(List<Object[]> rows) {
        List<Column> columns = new ArrayList<>();
        try {
            for (int index = 0; index < SCHEMA.size(); index++) {
                try (ColumnBuilder builder = ColumnBuilder.of(SCHEMA.field(index).type(), rows.size())) {
                    for (Object[] row : rows) {
                        switch (row[index]) {
                            case null -> builder.appendNull();
                            case String text -> builder.appendString(text);
                            case Long number -> builder.appendLong(number);
                            case BigDecimal decimal -> builder.appendDecimal(decimal);
                            default -> throw new IllegalStateException("unexpected " + row[index].getClass());
                        }
                    }
                    columns.add(builder.build());
                }
            }
            return new Table(SCHEMA, columns);
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
    }

    static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }
}
