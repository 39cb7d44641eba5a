package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.Format;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.bench.experiments.ValidationException;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Schema;
import dev.forge.columnar.io.ReadResult;
import dev.forge.cuda.DeviceBuffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Text parsing into typed columns ({@link ParseRecords}: INT32, INT64, DECIMAL(12,2), FLOAT64, DATE, VARCHAR), as
 * CSV without a header and as NDJSON of the same records. The baseline is columnar's own reader on all cores
 * ({@code DelimitedReader}, {@code NdjsonReader}) reading the text from a file just written (so from the page cache;
 * opening and reading it is part of its time, as the readers read paths); the contender uploads the text and parses
 * it with {@link GpuTextParser}. Every GPU column must equal the reader's ({@link ParsedColumnsCheck}).
 */
public final class ParseExperiment implements Experiment {
    /** NdjsonReader reads the whole file into one Java array. */
    static final long NDJSON_READER_MAX_BYTES = Integer.MAX_VALUE - 8;
    /** The scan's temporary storage and the pool's rounding. */
    private static final long DEVICE_SLACK = 64L << 20;
    /** Bytes per row of a reader's table (values and codes), counted three times: the kept one, the new, its parts. */
    private static final long TABLE_ROW_BYTES = 3 * 40;
    /** NdjsonReader's index of lines (an int[3] per line in a list). */
    private static final long NDJSON_LINE_INDEX_BYTES = 40;

    @Override
    public String name() {
        return "parse";
    }

    @Override
    public String description() {
        return "CSV and NDJSON text into typed columns (int32, int64, decimal, float64, date, varchar): GPU line"
                + " split + one thread per row vs columnar's DelimitedReader and NdjsonReader on all cores";
    }

    @Override
    public List<String> variants() {
        return List.of(TextFormat.CSV.variant(), TextFormat.NDJSON.variant());
    }

    @Override
    public String sizeUnit() {
        return "rows";
    }

    @Override
    public Optional<String> sizeLimit(String variant, long size) {
        long bytes = ParseText.maxBytes(TextFormat.ofVariant(variant), size);
        if (TextFormat.ofVariant(variant) == TextFormat.NDJSON && bytes > NDJSON_READER_MAX_BYTES) {
            return Optional.of("NdjsonReader reads a file into one Java array (at most 2 GB), and the text may take"
                    + " up to " + Format.bytes(bytes));
        }
        return Optional.empty();
    }

    @Override
    public long deviceBytes(String variant, long size) {
        long text = ParseText.maxBytes(TextFormat.ofVariant(variant), size);
        return text + size * (8 + DeviceTextColumns.rowBytes(ParseRecords.SCHEMA)) + GpuTextParser.scratchBytes(text)
                + DeviceTextColumns.BYTES + DEVICE_SLACK;
    }

    @Override
    public long hostBytes(String variant, long size) {
        TextFormat format = TextFormat.ofVariant(variant);
        long text = ParseText.maxBytes(format, size);
        // the text in memory and in the page cache, plus NdjsonReader's own copy of it
        long copies = format == TextFormat.NDJSON ? 3 : 2;
        long perRow = DeviceTextColumns.rowBytes(ParseRecords.SCHEMA) + TABLE_ROW_BYTES
                + (format == TextFormat.NDJSON ? NDJSON_LINE_INDEX_BYTES : 0);
        return copies * text + size * perRow;
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.noCub("CUB has no text parser; its DeviceScan, which finds the line starts here, is"
                + " measured in the scan experiment");
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new ParseTrial(TextFormat.ofVariant(variant), size, context);
    }

    private static final class ParseTrial extends PrimitiveTrial {
        private final TextFormat format;
        private final long rows;
        private final MemorySegment text;
        private final Path file;
        private ParseOutputs gpuOutputs;
        private ReadResult latest;

        ParseTrial(TextFormat format, long rows, TrialContext context) {
            super(context);
            this.format = format;
            this.rows = rows;
            try {
                this.text = ParseText.generate(format, rows, context.workers(), memory::host);
                this.file = Files.createTempFile("forge-parse-", format.fileSuffix());
            } catch (IOException failed) {
                memory.close();
                throw new UncheckedIOException("cannot make a temporary file for the parse experiment", failed);
            } catch (RuntimeException failed) {
                memory.close();
                throw failed;
            }
            try {
                ParseText.writeFile(text, file);
                if (context.hasGpu()) {
                    prepareGpu();
                }
            } catch (RuntimeException failed) {
                close();
                throw failed;
            }
        }

        private void prepareGpu() {
            Schema schema = ParseRecords.SCHEMA;
            GpuTextParser parser = new GpuTextParser(context.gpu().device());
            DeviceBuffer deviceText = memory.device(text.byteSize());
            DeviceBuffer lineEnds = memory.device(8 * rows);
            DeviceBuffer rowInfo = memory.device(GpuTextParser.ROW_INFO_BYTES);
            DeviceBuffer errors = memory.device(ParseErrors.BYTES);
            gpuOutputs = ParseOutputs.allocate(schema, rows, memory::host);
            gpu = GpuSteps.forge().upload(text, deviceText);
            long[] values = new long[schema.size()];
            long[] lengths = new long[schema.size()];
            for (int c = 0; c < schema.size(); c++) {
                DeviceBuffer columnValues = memory.device(gpuOutputs.values().get(c).byteSize());
                values[c] = columnValues.address();
                gpu.download(columnValues, gpuOutputs.values().get(c));
                if (schema.field(c).type() instanceof DataType.Varchar) {
                    DeviceBuffer columnLengths = memory.device(gpuOutputs.lengths().get(c).byteSize());
                    lengths[c] = columnLengths.address();
                    gpu.download(columnLengths, gpuOutputs.lengths().get(c));
                }
            }
            // the column description is constant: copied once here, not part of each run's upload
            DeviceBuffer columns = memory.device(DeviceTextColumns.BYTES);
            try (Arena arena = Arena.ofConfined()) {
                columns.copyFrom(DeviceTextColumns.layout(schema, values, lengths, arena));
            }
            var pool = context.gpu().pool();
            gpu.compute(stream -> parser.parse(format, deviceText, lineEnds, columns, rowInfo, errors, pool, stream))
                    .download(rowInfo, gpuOutputs.rowInfo()).download(errors, gpuOutputs.errors());
        }

        @Override
        public TrialShape shape() {
            long outputs = rows * DeviceTextColumns.rowBytes(ParseRecords.SCHEMA);
            long bookkeeping = GpuTextParser.ROW_INFO_BYTES + ParseErrors.BYTES;
            return new TrialShape(rows, text.byteSize() + outputs, text.byteSize(), outputs + bookkeeping);
        }

        @Override
        public String baselineName() {
            return "columnar " + CpuReaders.name(format) + " from the page cache, " + context.workers().parallelism()
                    + " threads";
        }

        @Override
        public void runBaseline() {
            ReadResult result;
            try {
                result = CpuReaders.read(format, file, ParseRecords.SCHEMA, context.workers().parallelism());
            } catch (IOException failed) {
                throw new UncheckedIOException("the CPU reader could not read " + file, failed);
            }
            if (latest != null) {
                latest.table().close();
            }
            latest = result;
        }

        @Override
        public String validate() {
            if (latest == null) {
                throw new ValidationException("the CPU reader has not run, so there is nothing to compare with");
            }
            if (latest.skippedRows() != 0) {
                throw new ValidationException("the CPU reader skipped " + latest.skippedRows() + " rows: "
                        + latest.firstSkipped());
            }
            return ParsedColumnsCheck.compare(latest.table(), gpuOutputs, text, context.workers());
        }

        @Override
        public void close() {
            if (latest != null) {
                latest.table().close();
                latest = null;
            }
            try {
                if (file != null) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException failed) {
                throw new UncheckedIOException("cannot delete the parse experiment's file " + file, failed);
            } finally {
                super.close();
            }
        }
    }
}
