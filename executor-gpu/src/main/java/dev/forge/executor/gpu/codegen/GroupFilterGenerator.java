package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the kernel that compacts a group table keeping only the groups its HAVING condition selects
 * ({@link PipelineSink.GroupedAggregation#having}). Each full slot's keys and aggregates are decoded from the table's
 * words as the host decodes the groups it reads back ({@code AggregateResult}), and the condition is evaluated over
 * them by the same expression generators as a pipeline's; a group is kept where it is TRUE. The host never sees the
 * groups left out, so the check it makes on every group it reads is made here on every group: an exact SUM outside its
 * type raises FORGE_ERROR_ARITHMETIC, as an error of the condition does, and the CPU executor runs the query and
 * reports it.
 */
final class GroupFilterGenerator {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private final GroupedLayout layout;
    private final CodeWriter body = new CodeWriter();
    private final ParameterList parameters = new ParameterList();

    /** Where a group's keys and aggregates lie among its slot's words (the state word is word 0). */
    record GroupedLayout(PipelineSink.GroupedAggregation sink, List<AggregateSlot> slots, int keyWords,
            boolean keyNullMask) {
    }

    /** The source of the kernel and its parameters after the fixed ones (the condition's literals). */
    record CompactionKernel(String source, List<KernelParameter> parameters) {
    }

    private GroupFilterGenerator(GroupedLayout layout) {
        this.layout = layout;
    }

    /** The kernel {@link GeneratedKernel#COMPACT_SELECTED_GROUPS_KERNEL} for {@code pipeline}'s HAVING condition. */
    static CompactionKernel generate(Pipeline pipeline, GroupedLayout layout) {
        return new GroupFilterGenerator(layout).generate(pipeline);
    }

    private CompactionKernel generate(Pipeline pipeline) {
        body.indent(2);
        Map<Integer, GeneratedValue> fields = new HashMap<>();
        collectFields(layout.sink().having(), fields);
        String error = sumsOutOfRange();
        ExpressionGenerator expressions = new ExpressionGenerator(body, parameters, pipeline);
        expressions.restoreLoadedColumns(fields); // the condition reads the decoded fields, never a scan column
        GeneratedValue condition = expressions.generate(layout.sink().having());
        error = CodeWriter.or(error, condition.error());
        if (!error.equals(GeneratedValue.FALSE)) {
            body.line("if (" + error + ") forge_raise(status, FORGE_ERROR_ARITHMETIC);");
        }
        body.line("return " + CodeWriter.and(condition.valid(), condition.value()) + ";");
        List<KernelParameter> all = parameters.all();
        StringBuilder source = new StringBuilder();
        source.append("\n// Compacts the groups that the HAVING condition keeps.\n");
        source.append("extern \"C\" __global__ void __launch_bounds__(FORGE_BLOCK_THREADS)\n");
        source.append(GeneratedKernel.COMPACT_SELECTED_GROUPS_KERNEL).append("(const u64* __restrict__ table,")
                .append(" const i64 capacity, const int words, u64* __restrict__ out, u64* __restrict__ out_count,")
                .append("\n    int* __restrict__ status");
        for (KernelParameter parameter : all) {
            source.append(",\n    ").append(parameter.declaration());
        }
        source.append(") {\n    forge_compact_groups_where(table, capacity, words, out, out_count,")
                .append(" [&](const i64 group) -> bool {\n").append(body).append("    });\n}\n");
        return new CompactionKernel(source.toString(), all);
    }

    /** Declares the value of each sink field that {@code expression} reads, decoded from the group's words. */
    private void collectFields(Expr expression, Map<Integer, GeneratedValue> fields) {
        switch (expression) {
            case ColumnRef reference -> fields.computeIfAbsent(reference.index(), this::decodeField);
            case Call call -> call.arguments().forEach(argument -> collectFields(argument, fields));
            default -> {
            }
        }
    }

    private static String word(int word) {
        return "table[(i64)" + word + " * capacity + group]";
    }

    private GeneratedValue decodeField(int field) {
        List<Expr> keys = layout.sink().keys();
        if (field < keys.size()) {
            Expr key = keys.get(field);
            String value = body.declare(CudaTypes.register(key.type()), "v", fromWord(key.type(), word(1 + field)));
            String valid = GeneratedValue.TRUE;
            if (key.nullable()) { // the NULL-mask word is the last key word
                String mask = word(layout.keyWords());
                valid = body.declare("bool", "n", "((" + mask + " >> " + field + ") & 1ULL) == 0ULL");
            }
            return new GeneratedValue(value, valid, GeneratedValue.FALSE, key.type());
        }
        AggregateSlot slot = layout.slots().get(field - keys.size());
        DataType type = slot.input().resultType();
        String count = word(slot.countWord());
        String value = switch (slot.kind()) {
            case COUNT -> "(i64)" + count;
            case EXACT_SUM -> type instanceof DataType.Int64 ? "(i64)" + exactSum(slot) : exactSum(slot);
            case FLOAT_SUM -> "(" + CudaTypes.register(type) + ")__longlong_as_double((i64)"
                    + word(slot.firstWord()) + ")";
            case EXTREME -> extreme(slot, type);
            case SINGLE -> throw new IllegalStateException("SINGLE_VALUE keeps its filter on the host");
        };
        String declared = body.declare(CudaTypes.register(type), "v", value);
        boolean nullable = slot.kind() != AggregateSlot.Kind.COUNT && slot.input().function() != AggregateFunction.SUM0;
        String valid = nullable ? body.declare("bool", "n", count + " != 0ULL") : GeneratedValue.TRUE;
        return new GeneratedValue(declared, valid, GeneratedValue.FALSE, type);
    }

    /** A key word as its register type: integers sign-extended, floats as double bits, booleans 0 or 1. */
    private static String fromWord(DataType type, String word) {
        return switch (type) {
            case DataType.Boolean _ -> "(" + word + " != 0ULL)";
            case DataType.Float32 _ -> "(float)__longlong_as_double((i64)" + word + ")";
            case DataType.Float64 _ -> "__longlong_as_double((i64)" + word + ")";
            case DataType.Decimal _ -> "(i128)(i64)" + word;
            case DataType.Int32 _, DataType.Date _ -> "(int)(i64)" + word;
            case DataType.Int64 _, DataType.Timestamp _ -> "(i64)" + word;
            case DataType.Varchar _ -> throw new IllegalStateException("string keys keep their filter on the host");
        };
    }

    /** The 128-bit sum of an exact SUM slot (zero where it counted no value). */
    private static String exactSum(AggregateSlot slot) {
        return "(" + word(slot.countWord()) + " == 0ULL ? (i128)0 : (i128)(((u128)" + word(slot.firstWord() + 1)
                + " << 64) | (u128)" + word(slot.firstWord()) + "))";
    }

    /** MIN, MAX or ANY_VALUE: the inverse of the order-preserving encoding ({@code KernelGenerator.encodeExtreme}). */
    private static String extreme(AggregateSlot slot, DataType type) {
        String encoded = slot.inverted() ? "(~" + word(slot.firstWord()) + ")" : word(slot.firstWord());
        if (slot.floatingValue()) {
            return "(" + CudaTypes.register(type) + ")__longlong_as_double((i64)((" + encoded
                    + " & 0x8000000000000000ULL) ? " + encoded + " & 0x7fffffffffffffffULL : ~" + encoded + "))";
        }
        return fromWord(type, "(" + encoded + " ^ 0x8000000000000000ULL)");
    }

    /**
     * Whether any exact SUM of the group leaves its type (INT64, or the precision of its DECIMAL), which the host
     * checks on every group it reads back; "false" where there is none.
     */
    private String sumsOutOfRange() {
        String error = GeneratedValue.FALSE;
        for (AggregateSlot slot : layout.slots()) {
            if (slot.kind() != AggregateSlot.Kind.EXACT_SUM) {
                continue;
            }
            String sum = body.declare("i128", "s", exactSum(slot));
            String outside = switch (slot.input().resultType()) {
                case DataType.Int64 _ -> sum + " != (i128)(i64)" + sum;
                case DataType.Decimal decimal -> {
                    String bound = i128Constant(BigInteger.TEN.pow(decimal.precision()));
                    yield "(" + sum + " >= " + bound + " || " + sum + " <= -" + bound + ")";
                }
                default -> throw new IllegalStateException("an exact SUM cannot give " + slot.input().resultType());
            };
            error = CodeWriter.or(error, body.declare("bool", "e", outside));
        }
        return error;
    }

    /** A non-negative constant below 2^127 as a C expression of type i128. */
    private static String i128Constant(BigInteger value) {
        BigInteger[] parts = value.divideAndRemainder(TWO_TO_64);
        return "((i128)(((u128)0x" + parts[0].toString(16) + "ULL << 64) | (u128)0x" + parts[1].toString(16) + "ULL))";
    }
}
