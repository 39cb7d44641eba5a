package dev.forge.bench.experiments.cases;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Schema;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongFunction;

/**
 * The GPU parser's results in host memory: each column's values (for VARCHAR the int64 offsets into the text, and
 * int32 lengths beside), the row info ({@link GpuTextParser#ROW_INFO_BYTES}) and the {@link ParseErrors} record.
 *
 * @param lengths per column, the VARCHAR lengths, or null for other types
 */
record ParseOutputs(Schema schema, List<MemorySegment> values, List<MemorySegment> lengths, MemorySegment rowInfo,
        MemorySegment errors) {

    /** Segments for {@code rows} rows of {@code schema}, from {@code allocate}. */
    static ParseOutputs allocate(Schema schema, long rows, LongFunction<MemorySegment> allocate) {
        MemorySegment[] values = new MemorySegment[schema.size()];
        MemorySegment[] lengths = new MemorySegment[schema.size()];
        for (int c = 0; c < schema.size(); c++) {
            DataType type = schema.field(c).type();
            boolean varchar = type instanceof DataType.Varchar;
            values[c] = allocate.apply(rows * (varchar ? 8 : DeviceTextColumns.rowBytes(type)));
            lengths[c] = varchar ? allocate.apply(rows * 4) : null;
        }
        return new ParseOutputs(schema, Arrays.asList(values), Arrays.asList(lengths),
                allocate.apply(GpuTextParser.ROW_INFO_BYTES), allocate.apply(ParseErrors.BYTES));
    }

    /** Rows the GPU found in the text (a last line without a line end included). */
    long rowsFound() {
        return rowInfo.get(ValueLayout.JAVA_LONG, 16);
    }

    ParseErrors parseErrors() {
        return ParseErrors.read(errors);
    }

    /** Bytes of all column outputs. */
    long columnBytes() {
        long bytes = 0;
        for (int c = 0; c < values.size(); c++) {
            bytes += values.get(c).byteSize() + (lengths.get(c) == null ? 0 : lengths.get(c).byteSize());
        }
        return bytes;
    }
}
