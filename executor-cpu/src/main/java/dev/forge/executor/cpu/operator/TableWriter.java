package dev.forge.executor.cpu.operator;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Layouts;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.DoubleVector;
import dev.forge.executor.cpu.vector.Int128Vector;
import dev.forge.executor.cpu.vector.LongVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the result batches into an off-heap {@link Table} with the plan's fields. Strings come out in the plain
 * layout (offsets and bytes). A name that repeats in the plan's fields (a join of two tables with the same column
 * name) gets {@code #position} appended, as EXPLAIN writes it, because a table's names are unique.
 */
public final class TableWriter {
    private TableWriter() {
    }

    public static Table write(List<Field> fields, List<Batch> batches) {
        Schema schema = new Schema(uniqueNames(fields));
        long rows = 0;
        for (Batch batch : batches) {
            rows += batch.rowCount();
        }
        List<Column> columns = new ArrayList<>(fields.size());
        try {
            for (int c = 0; c < fields.size(); c++) {
                columns.add(writeColumn(fields.get(c).type(), batches, c, rows));
            }
        } catch (RuntimeException | Error failure) {
            for (Column column : columns) {
                column.close();
            }
            throw failure;
        }
        return new Table(schema, columns);
    }

    static List<Field> uniqueNames(List<Field> fields) {
        Map<String, Integer> counts = new HashMap<>();
        for (Field field : fields) {
            counts.merge(field.name(), 1, Integer::sum);
        }
        List<Field> renamed = new ArrayList<>(fields.size());
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field field = fields.get(i);
            String name = field.name();
            if (counts.get(name) > 1 && !used.add(name)) {
                name = name + "#" + i;
            }
            renamed.add(new Field(name, field.type(), field.nullable()));
        }
        return renamed;
    }

    private static Column writeColumn(DataType type, List<Batch> batches, int column, long rows) {
        long nullCount = 0;
        for (Batch batch : batches) {
            boolean[] nulls = batch.column(column).nulls();
            if (nulls != null) {
                for (int i = 0; i < batch.rowCount(); i++) {
                    nullCount += nulls[i] ? 1 : 0;
                }
            }
        }
        HostBuffer validity = null;
        HostBuffer values = null;
        HostBuffer bytes = null;
        try {
            if (nullCount > 0) {
                validity = HostBuffer.allocate(Bitmaps.byteSize(rows), "result validity");
                MemorySegment bitmap = validity.segment();
                long at = 0;
                for (Batch batch : batches) {
                    Vector vector = batch.column(column);
                    for (int i = 0; i < batch.rowCount(); i++) {
                        if (!vector.isNull(i)) {
                            Bitmaps.set(bitmap, at + i, true);
                        }
                    }
                    at += batch.rowCount();
                }
            }
            switch (type.physicalType()) {
                case BIT -> {
                    values = HostBuffer.allocate(Bitmaps.byteSize(rows), "result booleans");
                    MemorySegment bitmap = values.segment();
                    long at = 0;
                    for (Batch batch : batches) {
                        BooleanVector vector = (BooleanVector) batch.column(column);
                        for (int i = 0; i < batch.rowCount(); i++) {
                            if (vector.values()[i]) {
                                Bitmaps.set(bitmap, at + i, true);
                            }
                        }
                        at += batch.rowCount();
                    }
                }
                case INT32 -> {
                    values = HostBuffer.allocate(rows * 4, "result " + type);
                    MemorySegment segment = values.segment();
                    long at = 0;
                    for (Batch batch : batches) {
                        long[] source = ((LongVector) batch.column(column)).values();
                        for (int i = 0; i < batch.rowCount(); i++) {
                            segment.setAtIndex(Layouts.INT, at + i, (int) source[i]);
                        }
                        at += batch.rowCount();
                    }
                }
                case INT64 -> {
                    values = HostBuffer.allocate(rows * 8, "result " + type);
                    long at = 0;
                    for (Batch batch : batches) {
                        long[] source = ((LongVector) batch.column(column)).values();
                        MemorySegment.copy(source, 0, values.segment(), Layouts.LONG, at * 8, batch.rowCount());
                        at += batch.rowCount();
                    }
                }
                case FLOAT32 -> {
                    values = HostBuffer.allocate(rows * 4, "result " + type);
                    MemorySegment segment = values.segment();
                    long at = 0;
                    for (Batch batch : batches) {
                        double[] source = ((DoubleVector) batch.column(column)).values();
                        for (int i = 0; i < batch.rowCount(); i++) {
                            segment.setAtIndex(Layouts.FLOAT, at + i, (float) source[i]);
                        }
                        at += batch.rowCount();
                    }
                }
                case FLOAT64 -> {
                    values = HostBuffer.allocate(rows * 8, "result " + type);
                    long at = 0;
                    for (Batch batch : batches) {
                        double[] source = ((DoubleVector) batch.column(column)).values();
                        MemorySegment.copy(source, 0, values.segment(), Layouts.DOUBLE, at * 8, batch.rowCount());
                        at += batch.rowCount();
                    }
                }
                case INT128 -> {
                    values = HostBuffer.allocate(rows * 16, "result " + type);
                    MemorySegment segment = values.segment();
                    long at = 0;
                    for (Batch batch : batches) {
                        Int128Vector vector = (Int128Vector) batch.column(column);
                        for (int i = 0; i < batch.rowCount(); i++) {
                            segment.set(Layouts.LONG, (at + i) * 16, vector.low()[i]);
                            segment.set(Layouts.LONG, (at + i) * 16 + 8, vector.high()[i]);
                        }
                        at += batch.rowCount();
                    }
                }
                case STRING -> {
                    long totalBytes = 0;
                    for (Batch batch : batches) {
                        StringVector vector = (StringVector) batch.column(column);
                        for (int i = 0; i < batch.rowCount(); i++) {
                            totalBytes += vector.isNull(i) ? 0 : vector.lengths()[i];
                        }
                    }
                    values = HostBuffer.allocate((rows + 1) * 8, "result string offsets");
                    bytes = HostBuffer.allocate(totalBytes, "result string bytes");
                    MemorySegment offsets = values.segment();
                    MemorySegment utf8 = bytes.segment();
                    long at = 0;
                    long written = 0;
                    for (Batch batch : batches) {
                        StringVector vector = (StringVector) batch.column(column);
                        for (int i = 0; i < batch.rowCount(); i++) {
                            offsets.setAtIndex(Layouts.LONG, at + i, written);
                            if (!vector.isNull(i)) {
                                int length = vector.lengths()[i];
                                MemorySegment.copy(vector.data(), vector.starts()[i], utf8, Layouts.BYTE, written,
                                        length);
                                written += length;
                            }
                        }
                        at += batch.rowCount();
                    }
                    offsets.setAtIndex(Layouts.LONG, rows, written);
                }
            }
        } catch (RuntimeException | Error failure) {
            for (HostBuffer buffer : new HostBuffer[] {validity, values, bytes}) {
                if (buffer != null) {
                    buffer.close();
                }
            }
            throw failure;
        }
        return new Column(type, rows, nullCount, validity, values, bytes, null);
    }
}
