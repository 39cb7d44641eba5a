package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.bench.experiments.ExperimentOutcome;
import dev.forge.bench.experiments.ExperimentRegistry;
import dev.forge.bench.experiments.ExperimentSuite;
import dev.forge.bench.experiments.Profile;
import dev.forge.bench.experiments.RunSettings;
import dev.forge.bench.experiments.SuiteReport;
import dev.forge.bench.experiments.TrialResult;
import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.columnar.DataType;
import dev.forge.primitives.cpu.CpuWorkers;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU text parser on a GPU: the parse experiment at 100K and 1,000,003 rows in both formats (the harness validates
 * every column against the CPU reader after the first run and after a run into poisoned memory), and the small texts
 * of {@link ParseCases}, valid and bad, each into outputs poisoned first.
 */
@RequiresGpu
class ParseGpuTest {

    @TempDir
    Path folder;

    @Test
    void theExperimentsColumnsEqualTheReaders() {
        List<String> log = new ArrayList<>();
        RunSettings settings = RunSettings.of(Profile.QUICK, List.of(100_000L, 1_000_003L), 2, 0, false);
        SuiteReport report = new ExperimentSuite(settings, log::add).run(ExperimentRegistry.select(List.of("parse")));
        assertThat(report.failureCount()).as(String.join("\n", log)).isZero();
        ExperimentOutcome outcome = report.outcomes().getFirst();
        assertThat(outcome.results()).hasSize(4);
        for (TrialResult result : outcome.results()) {
            assertThat(result.contenderMeasured()).as(result.toString()).isTrue();
            assertThat(result.transfer()).isNotNull();
            assertThat(result.validation()).startsWith("exact: " + result.size() + " rows x 6 columns");
        }
    }

    @Test
    void smallTextsAreReadAsTheReaderReadsThemAndBadRowsReported() throws Exception {
        CudaDevice device = Cuda.defaultDevice();
        GpuTextParser parser = new GpuTextParser(device);
        List<String> failures = new ArrayList<>();
        try (CpuWorkers workers = CpuWorkers.withThreads(2); Stream stream = device.createStream();
                MemoryPool pool = device.createPool()) {
            for (ParseCases.Case parseCase : ParseCases.all()) {
                Path file = folder.resolve("case" + parseCase.format().fileSuffix());
                Files.writeString(file, parseCase.text(), StandardCharsets.UTF_8);
                ParseOutputs outputs = parse(device, parser, parseCase, stream, pool);
                String problem = ParseCaseCheck.problem(parseCase, outputs, file, workers);
                if (problem != null) {
                    failures.add(problem);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Parses one case on the GPU into outputs poisoned first, and copies them back. */
    private static ParseOutputs parse(CudaDevice device, GpuTextParser parser, ParseCases.Case parseCase,
            Stream stream, MemoryPool pool) {
        byte[] text = parseCase.text().getBytes(StandardCharsets.UTF_8);
        var schema = ParseRecords.SCHEMA;
        long rows = parseCase.capacity();
        ParseOutputs outputs = ParseOutputs.allocate(schema, rows, bytes -> Arena.ofAuto().allocate(Math.max(1,
                bytes), 8).asSlice(0, bytes));
        List<DeviceBuffer> buffers = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            DeviceBuffer deviceText = keep(buffers, device.allocate(text.length));
            deviceText.copyFrom(MemorySegment.ofArray(text));
            DeviceBuffer lineEnds = keep(buffers, device.allocate(8 * rows));
            DeviceBuffer rowInfo = keep(buffers, device.allocate(GpuTextParser.ROW_INFO_BYTES));
            DeviceBuffer errors = keep(buffers, device.allocate(ParseErrors.BYTES));
            long[] values = new long[schema.size()];
            long[] lengths = new long[schema.size()];
            List<DeviceBuffer> valueBuffers = new ArrayList<>();
            List<DeviceBuffer> lengthBuffers = new ArrayList<>();
            for (int c = 0; c < schema.size(); c++) {
                DeviceBuffer columnValues = keep(buffers, device.allocate(outputs.values().get(c).byteSize()));
                columnValues.fill((byte) 0xA5);
                values[c] = columnValues.address();
                valueBuffers.add(columnValues);
                DeviceBuffer columnLengths = null;
                if (schema.field(c).type() instanceof DataType.Varchar) {
                    columnLengths = keep(buffers, device.allocate(outputs.lengths().get(c).byteSize()));
                    columnLengths.fill((byte) 0xA5);
                    lengths[c] = columnLengths.address();
                }
                lengthBuffers.add(columnLengths);
            }
            DeviceBuffer columns = keep(buffers, device.allocate(DeviceTextColumns.BYTES));
            columns.copyFrom(DeviceTextColumns.layout(schema, values, lengths, arena));
            parser.parse(parseCase.format(), deviceText, lineEnds, columns, rowInfo, errors, pool, stream);
            stream.synchronize();
            rowInfo.copyTo(outputs.rowInfo());
            errors.copyTo(outputs.errors());
            for (int c = 0; c < schema.size(); c++) {
                valueBuffers.get(c).copyTo(outputs.values().get(c));
                if (lengthBuffers.get(c) != null) {
                    lengthBuffers.get(c).copyTo(outputs.lengths().get(c));
                }
            }
        } finally {
            buffers.forEach(DeviceBuffer::close);
        }
        return outputs;
    }

    private static DeviceBuffer keep(List<DeviceBuffer> buffers, DeviceBuffer buffer) {
        buffers.add(buffer);
        return buffer;
    }
}
