package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.ValidationException;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Checks the GPU parser's columns against the table a CPU reader made of the same text: no bad rows reported, the
 * same row count, and every value of every row equal: INT32, INT64, unscaled DECIMAL and DATE (days) exactly,
 * FLOAT64 bit for bit, VARCHAR as the same UTF-8 bytes (the reader's dictionary entry or plain string against the
 * text at the GPU's offset and length).
 */
final class ParsedColumnsCheck {
    private static final long ROWS_PER_TASK = 1 << 16;

    private ParsedColumnsCheck() {
    }

    /** What was compared, or {@link ValidationException} at the first difference. */
    static String compare(Table expected, ParseOutputs actual, MemorySegment text, CpuWorkers workers) {
        Schema schema = actual.schema();
        actual.parseErrors().describe(schema).ifPresent(problem -> {
            throw new ValidationException("the GPU parser rejected text the CPU reader read: " + problem);
        });
        long rows = expected.rowCount();
        Compare.exactCount("rows found", rows, actual.rowsFound());
        List<String> compared = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            Field field = schema.field(c);
            ColumnView view = expected.column(c).view();
            if (view.nullCount() != 0) {
                throw new ValidationException("the CPU reader's column '" + field.name() + "' has " + view.nullCount()
                        + " nulls; the experiment's columns are not nullable");
            }
            String what = "column '" + field.name() + "' (" + field.type() + ")";
            switch (field.type()) {
                case DataType.Int32 _, DataType.Date _ -> Compare.exact(what, view.values(), actual.values().get(c),
                        rows, 4);
                case DataType.Int64 _, DataType.Decimal _ -> Compare.exact(what, view.values(), actual.values().get(c),
                        rows, 8);
                case DataType.Float64 _ -> Compare.exact(what + " bit for bit", view.values(), actual.values().get(c),
                        rows, 8);
                case DataType.Varchar _ -> strings(what, view, actual.values().get(c), actual.lengths().get(c), text,
                        rows, workers);
                case DataType.Boolean _, DataType.Float32 _, DataType.Timestamp _ -> throw new IllegalArgumentException(
                        what + ": the GPU text parser does not write this type");
            }
            compared.add(field.name() + " " + field.type());
        }
        return String.format(Locale.ROOT, "exact: %d rows x %d columns (%s; FLOAT64 bit for bit, VARCHAR bytes)",
                rows, schema.size(), String.join(", ", compared));
    }

    private static void strings(String what, ColumnView expected, MemorySegment offsets, MemorySegment lengths,
            MemorySegment text, long rows, CpuWorkers workers) {
        int tasks = Math.toIntExact((rows + ROWS_PER_TASK - 1) / ROWS_PER_TASK);
        AtomicLong firstBad = new AtomicLong(Long.MAX_VALUE);
        workers.forEach(tasks, task -> {
            long end = Math.min(rows, (task + 1) * ROWS_PER_TASK);
            for (long row = task * ROWS_PER_TASK; row < end; row++) {
                if (!sameString(expected, row, offsets, lengths, text)) {
                    firstBad.accumulateAndGet(row, Math::min);
                    return;
                }
            }
        });
        long row = firstBad.get();
        if (row != Long.MAX_VALUE) {
            long offset = offsets.getAtIndex(ValueLayout.JAVA_LONG, row);
            int length = lengths.getAtIndex(ValueLayout.JAVA_INT, row);
            String got = offset >= 0 && length >= 0 && offset + length <= text.byteSize()
                    ? "'" + new String(text.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE),
                            StandardCharsets.UTF_8) + "'"
                    : "offset " + offset + " and length " + length + ", outside the " + text.byteSize()
                            + " bytes of text";
            throw new ValidationException(String.format(Locale.ROOT, "%s: row %d of %d differs: expected '%s', got %s",
                    what, row, rows, expected.getString(row), got));
        }
    }

    private static boolean sameString(ColumnView expected, long row, MemorySegment offsets, MemorySegment lengths,
            MemorySegment text) {
        long offset = offsets.getAtIndex(ValueLayout.JAVA_LONG, row);
        int length = lengths.getAtIndex(ValueLayout.JAVA_INT, row);
        if (offset < 0 || length < 0 || offset + length > text.byteSize()) {
            return false;
        }
        ColumnView plain = expected;
        long index = row;
        if (expected.stringLayout() == StringLayout.DICTIONARY) {
            plain = expected.dictionary();
            index = expected.values().getAtIndex(ValueLayout.JAVA_INT, row);
        }
        long start = plain.values().getAtIndex(ValueLayout.JAVA_LONG, index);
        long end = plain.values().getAtIndex(ValueLayout.JAVA_LONG, index + 1);
        return end - start == length
                && MemorySegment.mismatch(plain.bytes(), start, end, text, offset, offset + length) < 0;
    }
}
