package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.run.DictionaryBounds;
import dev.forge.executor.gpu.run.DictionaryMatches;
import dev.forge.executor.gpu.run.StringDictionaries;
import dev.forge.executor.gpu.run.ScalarRows;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.Scan;
import dev.forge.plan.TableCatalog;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one C++ program that runs generated pipelines, join builds included, on the CPU emulation of CUDA the way
 * {@code PipelineRunner} runs them on the device (materialise each build side, hash it into a table of at least twice
 * its rows, launch the probing kernel, run it again with room for every materialised row), over the tables' own
 * column bytes, and prints what each root kernel wrote: per-block partials, or the materialised rows. Outputs start
 * poisoned, so a word the kernel should have written and did not shows. Covers the parameters of ungrouped aggregates
 * and materialisations over INT32/INT64/DATE/BOOLEAN columns and of group tables (the groups' raw words). Each query
 * has its own catalog (a stage's result tables and scalar rows are its own), from which its parameters are bound.
 */
final class EmulatedPipelinePrograms {
    static final int BLOCK_THREADS = 256;
    static final int TILE_ROWS = 1024;

    private final StringDictionaries strings;
    private final StringBuilder kernelIncludes = new StringBuilder();
    private final StringBuilder data = new StringBuilder();
    private final StringBuilder functions = new StringBuilder();
    private final StringBuilder main = new StringBuilder();
    private final Map<MemorySegment, String> arrays = new IdentityHashMap<>();
    private final Map<String, String> files = new LinkedHashMap<>();
    private final Map<String, byte[]> binaries = new LinkedHashMap<>();
    private int kernels;
    private int queries;

    /** Derives string functions' dictionaries as the runner does. */
    EmulatedPipelinePrograms(StringDictionaries strings) {
        this.strings = strings;
    }

    /**
     * Adds a query whose root kernel is {@code root}, reading {@code catalog}; its output is printed after the line
     * {@code QUERY <n>}.
     */
    void add(GeneratedKernel root, TableCatalog catalog) {
        int module = emit(root, catalog);
        main.append("    std::printf(\"QUERY ").append(queries++).append("\\n\");\n");
        main.append("    print_").append(module).append("(run_").append(module).append("());\n");
    }

    /** The program's files by name: driver.cpp and one kernel source per pipeline. */
    Map<String, String> files() {
        StringBuilder driver = new StringBuilder();
        driver.append("#include \"pipeline_on_cpu.h\"\n#include <cstdio>\n#include <cstdlib>\n#include <vector>\n\n");
        driver.append(kernelIncludes).append('\n');
        driver.append("""
                struct Sink {
                    std::vector<std::vector<unsigned char>> values;
                    std::vector<std::vector<unsigned char>> validity;
                    std::vector<unsigned long long> partials;
                    std::vector<unsigned long long> group_table;
                    std::vector<unsigned long long> groups;
                    unsigned long long group_count = 0;
                    long long rows = 0;
                    unsigned grid = 1;
                    int status = 0; // a kernel's error: the host would run the query on the CPU
                };

                struct Built {
                    Sink rows;
                    std::vector<unsigned long long> slot_rows;
                    std::vector<unsigned long long> slot_keys;
                    std::vector<unsigned long long> links;
                    long long capacity = 0;
                };

                static std::vector<unsigned long long> load(const char* name, size_t bytes) {
                    std::vector<unsigned long long> words((bytes + 7) / 8);
                    FILE* file = std::fopen(name, "rb");
                    if (file == nullptr || std::fread(words.data(), 1, bytes, file) != bytes) {
                        std::printf("cannot read %s\\n", name);
                        std::exit(4);
                    }
                    std::fclose(file);
                    return words;
                }

                static unsigned grid_for(long long items, long long per_block) {
                    long long blocks = (items + per_block - 1) / per_block;
                    return (unsigned)(blocks < 1 ? 1 : (blocks > 3 ? 3 : blocks)); // few blocks: grid-stride too
                }

                static long long join_capacity(long long rows) {
                    long long capacity = 64;
                    while (capacity < 2 * rows) capacity *= 2;
                    return capacity;
                }

                """);
        driver.append(data).append('\n').append(functions).append("int main() {\n").append(main)
                .append("    return 0;\n}\n");
        Map<String, String> all = new LinkedHashMap<>(files);
        all.put("driver.cpp", driver.toString());
        return all;
    }

    private int emit(GeneratedKernel kernel, TableCatalog catalog) {
        List<Integer> builds = kernel.builds().stream().map(build -> emit(build, catalog)).toList();
        int m = kernels++;
        files.put("kernel" + m + ".cu", kernel.source());
        int joins = kernel.pipeline().joins().size();
        kernelIncludes.append("#define forge_pipeline forge_pipeline_").append(m).append('\n');
        kernelIncludes.append("#define ").append(GeneratedKernel.COMPACT_SELECTED_GROUPS_KERNEL).append(' ')
                .append(GeneratedKernel.COMPACT_SELECTED_GROUPS_KERNEL).append('_').append(m).append('\n');
        for (int j = 0; j < joins; j++) {
            kernelIncludes.append("#define forge_join_build").append(j).append(" forge_join_build").append(j).append('_')
                    .append(m).append('\n');
        }
        kernelIncludes.append("#include \"kernel").append(m).append(".cu\"\n#undef forge_pipeline\n#undef ")
                .append(GeneratedKernel.COMPACT_SELECTED_GROUPS_KERNEL).append('\n');
        for (int j = 0; j < joins; j++) {
            kernelIncludes.append("#undef forge_join_build").append(j).append('\n');
        }
        Scan scan = kernel.pipeline().scan();
        Table table = catalog.table(scan.table());
        PipelineSink sink = kernel.pipeline().sink();
        StringBuilder f = new StringBuilder("static Sink run_" + m + "() {\n    std::vector<Built> joins(" + joins
                + ");\n");
        for (int j = 0; j < joins; j++) {
            JoinStage join = kernel.pipeline().joins().get(j);
            List<Expr> columns = ((PipelineSink.Materialization) join.build().sink()).columns();
            f.append("    {\n        Built& b = joins[").append(j).append("];\n        b.rows = run_")
                    .append(builds.get(j)).append("();\n        if (b.rows.status != 0) return b.rows;\n")
                    // first a table for a quarter of the rows, as a wrong statistics bound would give: where the
                    // kernel claims more than half its slots, the table is built again from the rows
                    .append("        b.capacity = join_capacity(b.rows.rows / 4);\n        for (;;) {\n")
                    .append("        b.slot_rows.assign(b.capacity, ~0ULL);\n        b.slot_keys.assign(b.capacity * ")
                    .append(kernel.joinKeyWords(j)).append(", 0xA5A5A5A5A5A5A5A5ULL); // unwritten on the GPU too\n")
                    .append("        b.links.assign(b.rows.rows > 0 ? b.rows.rows : 1, 0xA5A5A5A5A5A5A5A5ULL);\n")
                    .append("        unsigned long long claimed = 0;\n")
                    .append("        if (b.rows.rows > 0) {\n")
                    .append("            launch_on_cpu(grid_for(b.rows.rows, ").append(BLOCK_THREADS).append("), ")
                    .append(BLOCK_THREADS).append(", [&] { forge_join_build").append(j).append('_').append(m)
                    .append("((long long)b.rows.rows");
            for (int key : join.buildKeys()) {
                f.append(", (const ").append(CudaTypes.materialized(columns.get(key).type()))
                        .append("*)b.rows.values[").append(key).append("].data()");
                if (columns.get(key).nullable()) {
                    f.append(", b.rows.validity[").append(key).append("].data()");
                }
            }
            f.append(", b.slot_rows.data(), b.slot_keys.data(), b.links.data(), b.capacity, &claimed); });\n")
                    .append("        }\n        if (claimed <= (unsigned long long)b.capacity / 2) break;\n")
                    .append("        if (b.capacity >= join_capacity(b.rows.rows)) {\n")
                    .append("            std::printf(\"a join table sized from its rows had too few slots\\n\");\n")
                    .append("            std::exit(5);\n        }\n")
                    .append("        b.capacity = join_capacity(b.rows.rows);\n        }\n    }\n");
        }
        f.append("    const long long row_count = ").append(table.rowCount()).append("LL;\n");
        f.append("    long long group_capacity = 16; // small, so tables behind joins fill and run again\n");
        f.append("    long long capacity = row_count;\n    const unsigned grid = grid_for(row_count, ")
                .append(TILE_ROWS).append(");\n    for (;;) {\n        Sink sink;\n        sink.grid = grid;\n")
                .append("        int status = 0;\n        unsigned long long count = 0;\n");
        if (sink instanceof PipelineSink.Materialization materialization) {
            int columnCount = materialization.columns().size();
            f.append("        sink.values.resize(").append(columnCount).append(");\n        sink.validity.resize(")
                    .append(columnCount).append(");\n");
            for (int c = 0; c < columnCount; c++) {
                f.append("        sink.values[").append(c).append("].assign(capacity * ")
                        .append(bytes(kernel.outputElementTypes().get(c))).append(" + 16, 0xab);\n");
                f.append("        sink.validity[").append(c).append("].assign(capacity + 16, 0xcd);\n");
            }
        } else if (sink instanceof PipelineSink.UngroupedAggregation) {
            f.append("        sink.partials.assign((size_t)grid * ").append(kernel.aggregateWords())
                    .append(", 0xababababababababULL);\n");
        } else {
            f.append("        sink.group_table.assign((size_t)group_capacity * ").append(kernel.aggregateWords())
                    .append(", 0ULL);\n");
        }
        f.append("        launch_on_cpu(grid, ").append(BLOCK_THREADS).append(", [&] { forge_pipeline_").append(m)
                .append("(");
        List<KernelParameter> parameters = kernel.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            f.append(i == 0 ? "" : ", ").append(argument(parameters.get(i), table, kernel.pipeline(), catalog));
        }
        f.append("); });\n");
        if (sink instanceof PipelineSink.GroupedAggregation) {
            // as the runner: a full table behind joins runs again four times as large, then the groups are compacted
            f.append("        if (status == 2) {\n            group_capacity *= 4;\n            continue;\n        }\n")
                    .append("        sink.groups.assign((size_t)group_capacity * ").append(kernel.aggregateWords() - 1)
                    .append(", 0xababababababababULL);\n        launch_on_cpu(grid_for(group_capacity, ")
                    .append(BLOCK_THREADS).append("), ").append(BLOCK_THREADS)
                    .append(", [&] { ").append(kernel.filtersGroups() ? GeneratedKernel.COMPACT_SELECTED_GROUPS_KERNEL
                            + "_" + m : GeneratedKernel.COMPACT_GROUPS_KERNEL)
                    .append("(sink.group_table.data(), group_capacity, ").append(kernel.aggregateWords())
                    .append(", sink.groups.data(), &sink.group_count");
            if (kernel.filtersGroups()) {
                f.append(", &status");
                for (KernelParameter parameter : kernel.compactionParameters()) {
                    f.append(", ").append(argument(parameter, table, kernel.pipeline(), catalog));
                }
            }
            f.append("); });\n");
        }
        f.append("        if (status != 0) {\n            sink.status = status;\n            return sink;\n        }\n")
                .append("        sink.rows = (long long)count;\n");
        if (sink instanceof PipelineSink.Materialization) {
            f.append("        if (sink.rows > capacity) {\n            capacity = sink.rows;\n            continue;\n")
                    .append("        }\n");
        }
        f.append("        return sink;\n    }\n}\n\n");
        f.append("static void print_").append(m).append("(const Sink& sink) {\n");
        f.append("    if (sink.status != 0) {\n        std::printf(\"STATUS %d\\n\", sink.status);\n        return;\n")
                .append("    }\n");
        if (sink instanceof PipelineSink.Materialization materialization) {
            f.append("    std::printf(\"ROWS %lld\\n\", sink.rows);\n    for (long long r = 0; r < sink.rows; ++r) {\n");
            for (int c = 0; c < materialization.columns().size(); c++) {
                String element = kernel.outputElementTypes().get(c);
                String at = "sink.values[" + c + "].data() + r * " + bytes(element);
                String value = switch (element) { // raw: the test decodes by the column's type
                    case "int" -> "std::printf(\"%d \", *(const int*)(" + at + "))";
                    case "i64" -> "std::printf(\"%lld \", *(const long long*)(" + at + "))";
                    case "unsigned char" -> "std::printf(\"%d \", (int)*(" + at + "))";
                    case "float" -> "std::printf(\"%u \", *(const unsigned*)(" + at + "))";
                    case "double" -> "std::printf(\"%llu \", *(const unsigned long long*)(" + at + "))";
                    case "u64" -> "std::printf(\"%llu:%llu \", *(const unsigned long long*)(" + at
                            + "), *(const unsigned long long*)(" + at + " + 8))";
                    default -> throw new IllegalArgumentException("the emulated runner prints no " + element);
                };
                String valid = materialization.columns().get(c).nullable() ? "sink.validity[" + c + "][r] == 1"
                        : "true";
                f.append("        if (").append(valid).append(") ").append(value)
                        .append("; else std::printf(\"NULL \");\n");
            }
            f.append("        std::printf(\"\\n\");\n    }\n");
        } else if (sink instanceof PipelineSink.GroupedAggregation) {
            f.append("    std::printf(\"GROUPS %llu ").append(kernel.aggregateWords() - 1)
                    .append("\\n\", sink.group_count);\n    for (unsigned long long i = 0; i < sink.group_count * ")
                    .append(kernel.aggregateWords() - 1).append("; ++i) std::printf(\"%llu\\n\", sink.groups[i]);\n");
        } else {
            f.append("    std::printf(\"PARTIALS %u ").append(kernel.aggregateWords()).append("\\n\", sink.grid);\n")
                    .append("    for (unsigned long long word : sink.partials) std::printf(\"%llu\\n\", word);\n");
        }
        f.append("}\n\n");
        functions.append(f);
        return m;
    }

    private String argument(KernelParameter parameter, Table table, Pipeline pipeline, TableCatalog catalog) {
        Scan scan = pipeline.scan();
        return switch (parameter) {
            case KernelParameter.RowCount _ -> "row_count";
            case KernelParameter.Status _ -> "&status";
            case KernelParameter.ColumnValues values -> "(const " + values.elementType() + "*)"
                    + array(column(table, scan, values.field()).view().values());
            case KernelParameter.ColumnValidity validity -> {
                ColumnView view = column(table, scan, validity.field()).view();
                yield view.nullCount() > 0 ? "(const unsigned int*)" + array(view.validity())
                        : "(const unsigned int*)nullptr";
            }
            case KernelParameter.LiteralValue literal -> literal(literal);
            case KernelParameter.OutputCount _ -> "&count";
            case KernelParameter.OutputCapacity _ -> "capacity";
            case KernelParameter.OutputValues values -> "(" + values.elementType() + "*)sink.values[" + values.column()
                    + "].data()";
            case KernelParameter.OutputValidity validity -> "sink.validity[" + validity.column() + "].data()";
            case KernelParameter.Partials _ -> "sink.partials.data()";
            case KernelParameter.GroupTable _ -> "sink.group_table.data()";
            case KernelParameter.GroupCapacity _ -> "group_capacity";
            case KernelParameter.DictionaryBound bound -> Integer.toString(DictionaryBounds.bound(
                    strings.dictionary(pipeline, bound.strings(), catalog), bound.text(),
                    bound.upper()));
            case KernelParameter.DictionaryMatches like -> "(const unsigned int*)" + words(DictionaryMatches.of(
                    strings.dictionary(pipeline, like.strings(), catalog), like.pattern(),
                    like.escape()));
            case KernelParameter.JoinRows rows -> "joins[" + rows.join() + "].slot_rows.data()";
            case KernelParameter.JoinKeys keys -> "joins[" + keys.join() + "].slot_keys.data()";
            case KernelParameter.JoinLinks links -> "joins[" + links.join() + "].links.data()";
            case KernelParameter.JoinCapacity capacity -> "joins[" + capacity.join() + "].capacity";
            case KernelParameter.BuildValues values -> "(const " + values.elementType() + "*)joins[" + values.join()
                    + "].rows.values[" + values.column() + "].data()";
            case KernelParameter.BuildValidity validity -> "joins[" + validity.join() + "].rows.validity["
                    + validity.column() + "].data()";
            case KernelParameter.DictionaryMapping mapping -> "(const int*)" + words(strings.mapping(pipeline,
                    mapping.function(), catalog));
            case KernelParameter.ScalarValue scalar -> scalarValue(scalar,
                    ScalarRows.column(pipeline, scalar.scalar(), scalar.column(), catalog).view());
            case KernelParameter.ScalarValidity validity -> ScalarRows.column(pipeline, validity.scalar(),
                    validity.column(), catalog).view().isNull(0) ? "0" : "1";
        };
    }

    /** A scalar row's value as the runner binds it: zeros for NULL, a decimal's two halves. */
    private static String scalarValue(KernelParameter.ScalarValue scalar, ColumnView row) {
        boolean isNull = row.isNull(0);
        return switch (row.type()) {
            case DataType.Boolean _ -> !isNull && row.getBoolean(0) ? "1" : "0";
            case DataType.Int32 _, DataType.Date _ -> isNull ? "0" : Integer.toString(row.getInt(0));
            case DataType.Int64 _, DataType.Timestamp _ -> (isNull ? 0 : row.getLong(0)) + "LL";
            case DataType.Float32 _ -> Float.toHexString(isNull ? 0f : row.getFloat(0)) + "f";
            case DataType.Float64 _ -> Double.toHexString(isNull ? 0.0 : row.getDouble(0));
            case DataType.Decimal _ -> {
                var unscaled = isNull ? java.math.BigInteger.ZERO : row.getUnscaled(0);
                yield (scalar.part() == 0 ? unscaled.longValue() : unscaled.shiftRight(64).longValue()) + "LL";
            }
            case DataType.Varchar _ -> throw new IllegalArgumentException("string scalars are not bound");
        };
    }

    private static Column column(Table table, Scan scan, int field) {
        return table.column(scan.columns().get(field));
    }

    private static String literal(KernelParameter.LiteralValue literal) {
        Object value = literal.literal().value();
        return switch (literal.literal().type()) {
            case DataType.Boolean _ -> ((Boolean) value) ? "true" : "false";
            case DataType.Int32 _, DataType.Date _ -> Integer.toString((Integer) value);
            case DataType.Int64 _, DataType.Timestamp _ -> value + "LL";
            case DataType.Float32 _ -> Float.toHexString((Float) value) + "f";
            case DataType.Float64 _ -> Double.toHexString((Double) value);
            case DataType.Decimal _ -> {
                var unscaled = ((BigDecimal) value).unscaledValue();
                yield (literal.part() == 0 ? unscaled.longValue() : unscaled.shiftRight(64).longValue()) + "LL";
            }
            case DataType.Varchar _ -> throw new IllegalArgumentException("string literals are dictionary bounds");
        };
    }

    /**
     * The bytes of a host buffer, padded to 8 bytes as the device cache pads them: a file {@code <name>.bin} beside the
     * program, which reads it at start (the program runs in that folder).
     */
    /** A LIKE parameter's bit per dictionary code, as a data file like a column's. */
    private String words(int[] bits) {
        return array(MemorySegment.ofArray(bits));
    }

    private String array(MemorySegment segment) {
        return arrays.computeIfAbsent(segment, key -> {
            String name = "data" + arrays.size();
            long size = segment.byteSize();
            byte[] bytes = new byte[(int) Math.max(8, (size + 7) & ~7L)];
            MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, 0, bytes, 0, (int) size);
            binaries.put(name + ".bin", bytes);
            data.append("static const std::vector<unsigned long long> ").append(name).append("_words = load(\"")
                    .append(name).append(".bin\", ").append(bytes.length).append(");\n");
            data.append("static const unsigned char* const ").append(name).append(" = (const unsigned char*)")
                    .append(name).append("_words.data();\n");
            return name;
        });
    }

    /** The data files the program reads, by name. */
    Map<String, byte[]> binaries() {
        return binaries;
    }

    private static int bytes(String element) {
        return switch (element) {
            case "unsigned char" -> 1;
            case "int", "float" -> 4;
            case "i64", "double" -> 8;
            case "u64" -> 16;
            default -> throw new IllegalArgumentException(element);
        };
    }
}
