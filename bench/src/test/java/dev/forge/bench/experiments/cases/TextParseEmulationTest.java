package dev.forge.bench.experiments.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.columnar.io.ReadResult;
import dev.forge.cuda.testing.HostPrograms;
import dev.forge.primitives.cpu.CpuWorkers;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the GPU text parser's CUDA source on the CPU (src/test/emulation/text_parse_on_cpu.cpp, built by g++ with
 * AddressSanitizer and UndefinedBehaviorSanitizer against columnar's cuda_on_cpu.h), where there is no GPU: its field
 * functions against columnar's own reader on every case of {@link TextFieldCases}, and all its kernels, launched as
 * {@link GpuTextParser} launches them (in a small grid that loops), on the experiment's generated CSV and NDJSON and on
 * {@link ParseCases}. {@link ParseGpuTest} runs the same texts on a GPU.
 */
class TextParseEmulationTest {
    private static final Path COLUMNAR_EMULATION = Path.of("../columnar/src/test/emulation");
    /** Time the compiler and each emulation run may take before the test fails. */
    private static final long PROGRAM_SECONDS = 300;

    @TempDir
    static Path folder;
    private static Path program;
    private static CpuWorkers workers;

    @BeforeAll
    static void build() throws IOException, InterruptedException {
        assumeTrue(HostPrograms.onPath("g++"), "text parser emulation skipped: no g++ on the PATH");
        assumeTrue(Files.exists(COLUMNAR_EMULATION.resolve("cuda_on_cpu.h")), "text parser emulation skipped: no "
                + COLUMNAR_EMULATION.resolve("cuda_on_cpu.h") + " beside this module");
        program = folder.resolve("text_parse_on_cpu");
        HostPrograms.run(List.of("g++", "-std=c++20", "-O0", "-w", "-fno-strict-aliasing",
                "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-Isrc/main/cuda", "-I" + COLUMNAR_EMULATION,
                "src/test/emulation/text_parse_on_cpu.cpp", "-o", program.toString()), "compiling the emulation",
                PROGRAM_SECONDS);
        workers = CpuWorkers.withThreads(2);
    }

    @AfterAll
    static void closeWorkers() {
        if (workers != null) {
            workers.close();
        }
    }

    @Test
    void everyFieldParsesAsTheCpuReaderReadsIt() throws Exception {
        List<TextFieldCases.Field> fields = TextFieldCases.all();
        Path cases = folder.resolve("fields.txt");
        Files.write(cases, fields.stream().map(TextFieldCases.Field::line).toList(), StandardCharsets.UTF_8);
        List<String> answers = HostPrograms.run(List.of(program.toString(), "fields", cases.toString()),
                "parsing the fields", PROGRAM_SECONDS).lines().toList();
        assertThat(answers).hasSize(fields.size());
        int checked = 0;
        for (int i = 0; i < fields.size(); i++) {
            TextFieldCases.Field field = fields.get(i);
            String[] answer = answers.get(i).split(" ");
            ParseError gpu = ParseError.ofCode(Integer.parseInt(answer[0]));
            String cpu = cpuValue(field);
            String what = field.type() + " '" + field.text() + "'";
            if (field.gpuOnlyRejects() != null) {
                assertThat(cpu).as(what + " on the CPU").isNotNull();
                assertThat(gpu).as(what + " on the GPU").isEqualTo(field.gpuOnlyRejects());
            } else if (cpu == null) {
                assertThat(gpu).as(what + " is rejected by the CPU reader, so by the GPU too")
                        .isNotEqualTo(ParseError.OK);
            } else {
                assertThat(gpu).as(what).isEqualTo(ParseError.OK);
                assertThat(answer[1]).as(what).isEqualTo(cpu);
            }
            checked++;
        }
        assertThat(checked).isGreaterThan(100);
    }

    /** The value the CPU reader reads from {@code field} as the emulation prints it, or null when it rejects it. */
    private static String cpuValue(TextFieldCases.Field field) throws IOException {
        DataType type = switch (field.type()) {
            case "int32" -> DataType.INT32;
            case "int64" -> DataType.INT64;
            case "decimal" -> DataType.decimal(field.precision(), field.scale());
            case "float64" -> DataType.FLOAT64;
            case "date" -> DataType.DATE;
            default -> throw new IllegalArgumentException(field.type());
        };
        Path file = folder.resolve("field.csv");
        Files.writeString(file, field.text() + "\n", StandardCharsets.UTF_8);
        ReadResult result;
        try {
            result = CpuReaders.read(TextFormat.CSV, file, Schema.of(Field.required("value", type)), 1);
        } catch (RuntimeException | IOException rejected) {
            return null;
        }
        try (Table table = result.table()) {
            if (table.rowCount() != 1) {
                return null;
            }
            var view = table.column(0).view();
            return switch (type) {
                case DataType.Int32 _, DataType.Date _ -> Integer.toString(view.getInt(0));
                case DataType.Float64 _ -> String.format(Locale.ROOT, "0x%016x",
                        Double.doubleToRawLongBits(view.getDouble(0)));
                default -> Long.toString(view.getLong(0));
            };
        }
    }

    @Test
    void theKernelsParseTheExperimentsTextAsTheCpuReadersDo() throws Exception {
        for (TextFormat format : TextFormat.values()) {
            long rows = 5_003;
            try (Arena arena = Arena.ofShared()) {
                MemorySegment text = ParseText.generate(format, rows, workers, bytes -> arena.allocate(bytes, 16));
                Path file = folder.resolve("generated" + format.fileSuffix());
                ParseText.writeFile(text, file);
                ParseOutputs outputs = emulate(format, file, rows, 3, 64, ParseRecords.SCHEMA, arena);
                try (Table expected = CpuReaders.read(format, file, ParseRecords.SCHEMA, 2).table()) {
                    assertThat(ParsedColumnsCheck.compare(expected, outputs, text, workers))
                            .startsWith("exact: 5003 rows x 6 columns");
                }
            }
        }
    }

    @Test
    void theKernelsReadSmallTextsAsTheReaderAndReportBadRows() throws Exception {
        List<String> failures = new ArrayList<>();
        for (ParseCases.Case parseCase : ParseCases.all()) {
            try (Arena arena = Arena.ofShared()) {
                Path file = folder.resolve("case" + parseCase.format().fileSuffix());
                Files.writeString(file, parseCase.text(), StandardCharsets.UTF_8);
                ParseOutputs outputs = emulate(parseCase.format(), file, parseCase.capacity(), 2, 32,
                        ParseRecords.SCHEMA, arena);
                String problem = ParseCaseCheck.problem(parseCase, outputs, file, workers);
                if (problem != null) {
                    failures.add(problem);
                }
            }
        }
        assertThat(failures).isEmpty();
    }

    private static ParseOutputs emulate(TextFormat format, Path text, long capacity, int grid, int block,
            Schema schema, Arena arena) throws IOException, InterruptedException {
        Path layout = folder.resolve("layout.bin");
        long[] none = new long[schema.size()];
        Files.write(layout, DeviceTextColumns.layout(schema, none, none, arena).toArray(ValueLayout.JAVA_BYTE));
        Path out = Files.createDirectories(folder.resolve("out-" + format.variant()));
        HostPrograms.run(List.of(program.toString(), "rows", format.variant(), text.toString(), layout.toString(),
                Long.toString(capacity), Integer.toString(grid), Integer.toString(block), out.toString()),
                "running the kernels", PROGRAM_SECONDS);
        List<MemorySegment> values = new ArrayList<>();
        List<MemorySegment> lengths = new ArrayList<>();
        for (int c = 0; c < schema.size(); c++) {
            values.add(read(out.resolve("values-" + c + ".bin"), arena));
            Path lengthFile = out.resolve("lengths-" + c + ".bin");
            lengths.add(schema.field(c).type() instanceof DataType.Varchar ? read(lengthFile, arena) : null);
        }
        return new ParseOutputs(schema, values, lengths, read(out.resolve("row-info.bin"), arena),
                read(out.resolve("errors.bin"), arena));
    }

    private static MemorySegment read(Path file, Arena arena) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        MemorySegment segment = arena.allocate(Math.max(1, bytes.length), 8);
        MemorySegment.copy(bytes, 0, segment, ValueLayout.JAVA_BYTE, 0, bytes.length);
        return segment.asSlice(0, bytes.length);
    }
}
