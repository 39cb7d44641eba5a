package dev.forge.executor.gpu.run;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Reads the rows a materialising kernel compacted into columns of a new host {@link Table}. */
final class MaterializedResult {
    private MaterializedResult() {
    }

    static Table read(GeneratedKernel kernel, PipelineSink.Materialization sink, PipelineRunner.SinkBuffers buffers,
            long rows, Function<Expr, ColumnView> dictionaries, Stream stream) {
        List<Field> fields = GpuPlan.uniqueNames(sink.fields());
        List<Column> columns = new ArrayList<>();
        try {
            for (int c = 0; c < fields.size(); c++) {
                Field field = fields.get(c);
                String element = kernel.outputElementTypes().get(c);
                HostBuffer values = copy(buffers.outputValues().get(c), rows * PipelineRunner.elementBytes(element),
                        "GPU result values of " + field.name(), stream);
                HostBuffer validity = null;
                long nulls = 0;
                DeviceBuffer validityBytes = buffers.outputValidity().get(c);
                if (validityBytes != null) {
                    try (HostBuffer bytes = copy(validityBytes, rows, "GPU result validity bytes", stream)) {
                        validity = bitmapOf(bytes.segment(), rows, "GPU result validity of " + field.name());
                        nulls = Bitmaps.countClear(validity.segment(), rows);
                    }
                    if (nulls == 0) {
                        validity.close();
                        validity = null;
                    }
                }
                if (field.type() instanceof DataType.Boolean) {
                    HostBuffer bytes = values;
                    values = bitmapOf(bytes.segment(), rows, "GPU result values of " + field.name());
                    bytes.close();
                }
                Column dictionary = null;
                if (field.type() instanceof DataType.Varchar) {
                    // the entries the rows use, not a copy of a dictionary that may be far larger than the result
                    dictionary = UsedDictionary.compact(dictionaries.apply(sink.columns().get(c)), values.segment(),
                            rows, validity == null ? null : validity.segment());
                }
                columns.add(new Column(field.type(), rows, nulls, validity, values, null, dictionary));
            }
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
        return new Table(new Schema(fields), columns);
    }

    /** The rows the kernel counted (waits for the stream). */
    static long rowCount(PipelineRunner.SinkBuffers buffers, Stream stream) {
        try (Arena arena = Arena.ofConfined()) { // closing a confined arena costs no handshake with every thread
            MemorySegment count = arena.allocate(8, 8);
            buffers.outputCount().copyToAsync(count, stream);
            stream.synchronize();
            return count.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    private static HostBuffer copy(DeviceBuffer device, long bytes, String purpose, Stream stream) {
        HostBuffer host = HostBuffer.allocateForOverwrite(bytes, purpose);
        if (bytes > 0) {
            device.slice(0, bytes).copyTo(host.segment());
        }
        return host;
    }

    /** One bit per row from one byte per row (non-zero: set). */
    private static HostBuffer bitmapOf(MemorySegment bytes, long rows, String purpose) {
        HostBuffer bitmap = HostBuffer.allocate(Bitmaps.byteSize(rows), purpose);
        for (long row = 0; row < rows; row++) {
            if (bytes.get(ValueLayout.JAVA_BYTE, row) != 0) {
                Bitmaps.set(bitmap.segment(), row, true);
            }
        }
        return bitmap;
    }
}
