package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.gpu.UnsupportedOnGpuException;
import dev.forge.executor.gpu.pipeline.JoinStage;
import dev.forge.executor.gpu.pipeline.Pipeline;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.expr.Call;
import dev.forge.plan.expr.ColumnRef;
import dev.forge.plan.expr.Expr;
import dev.forge.plan.expr.Literal;
import dev.forge.plan.expr.Operator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the straight-line CUDA that evaluates plan expressions for one row ({@code row}) of a tile, handing each kind
 * of expression to its generator class. Every argument is evaluated (no branches, so a warp never diverges); errors are
 * guarded instead: an error counts only where the plan says the failing part is evaluated (the chosen CASE branch, an
 * AND operand after operands that were not FALSE, ...), which gives the CPU executor's semantics without its branches.
 */
public final class ExpressionGenerator {
    private final CodeWriter writer;
    private final ParameterList parameters;
    private final Pipeline pipeline;
    private final List<Field> fields;
    private final int scanFieldCount;
    private Map<Integer, GeneratedValue> loadedColumns = new HashMap<>();
    /** Where scan columns come from in a staged kernel (per-item arrays loaded ahead), or null: loaded in place. */
    private TilePrefetch prefetch;

    public ExpressionGenerator(CodeWriter writer, ParameterList parameters, Pipeline pipeline) {
        this.writer = writer;
        this.parameters = parameters;
        this.pipeline = pipeline;
        this.fields = pipeline.fields();
        this.scanFieldCount = pipeline.scan().fields().size();
    }

    /** The C variable holding the build row that join {@code join} has bound (inside its probe loop). */
    public static String buildRow(int join) {
        return "join" + join + "_row";
    }

    public CodeWriter writer() {
        return writer;
    }

    public ParameterList parameters() {
        return parameters;
    }

    /** Scan columns are read from {@code prefetch}'s per-item arrays while it is active (a staged kernel). */
    void loadThrough(TilePrefetch prefetch) {
        this.prefetch = prefetch;
    }

    /** Forgets the columns loaded so far: the next row scope loads them again. */
    public void beginRow() {
        loadedColumns.clear();
    }

    /** The columns loaded so far; a scope that closes before later code restores them (its loads go out of scope). */
    public Map<Integer, GeneratedValue> loadedColumns() {
        return new HashMap<>(loadedColumns);
    }

    public void restoreLoadedColumns(Map<Integer, GeneratedValue> loaded) {
        loadedColumns = new HashMap<>(loaded);
    }

    public GeneratedValue generate(Expr expression) {
        return switch (expression) {
            case ColumnRef reference -> column(reference);
            case Literal literal -> LiteralGenerator.generate(literal, this);
            case Call call -> call(call);
        };
    }

    /** The AND of one or more conditions, as one expression (a single condition itself). */
    static Expr conjunction(List<Expr> conditions) {
        return conditions.size() == 1 ? conditions.getFirst()
                : new Call(Operator.AND, conditions, DataType.BOOLEAN, true);
    }

    public List<GeneratedValue> generateAll(List<Expr> expressions) {
        return expressions.stream().map(this::generate).toList();
    }

    /**
     * The VARCHAR expression whose dictionary codes {@code expression} is in the kernel: a column (its codes), or a
     * string function of one with constant other arguments (codes of a dictionary derived on the host, see
     * {@link StringFunctionGenerator}); anything else is not supported on the GPU yet.
     */
    public Expr dictionaryOf(Expr expression, String where) {
        if (expression instanceof ColumnRef) {
            return expression;
        }
        if (expression instanceof Call call && StringFunctionGenerator.isDerivable(call)) {
            return expression;
        }
        if (expression instanceof Call call && StringFunctionGenerator.isStringFunction(call.operator())) {
            throw new UnsupportedOnGpuException("the string function " + call.operator().symbol() + " (in " + where
                    + ") is supported on the GPU only over one string column with constant other arguments");
        }
        String what = expression instanceof Call call ? call.operator().symbol() + " giving a string" : "a string";
        throw new UnsupportedOnGpuException(what + " (in " + where + ") is not supported on the GPU yet: string"
                + " expressions must be a column or a string function of one");
    }

    private GeneratedValue column(ColumnRef reference) {
        GeneratedValue loaded = loadedColumns.get(reference.index());
        if (loaded != null) {
            return loaded;
        }
        int field = reference.index();
        if (field >= scanFieldCount) {
            return pipeline.scalarOfField(field) >= 0 ? scalarColumn(field) : buildColumn(field);
        }
        Field scanField = fields.get(field);
        DataType type = scanField.type();
        String element = CudaTypes.column(type);
        parameters.add(new KernelParameter.ColumnValues(field, element));
        String load = switch (type) {
            case DataType.Boolean _ -> "forge_bit(col" + field + ", row)";
            case DataType.Decimal _ -> CudaTypes.loadMaterialized(type, "col" + field, "row"); // 64 or 128 bits
            default -> "col" + field + "[row]";
        };
        String register = CudaTypes.register(type);
        String value = writer.declare(register, "v", prefetch != null && prefetch.active()
                ? prefetch.value("col" + field, register, load) : load);
        String valid = GeneratedValue.TRUE;
        if (scanField.nullable()) {
            parameters.add(new KernelParameter.ColumnValidity(field));
            valid = writer.declare("bool", "n", "forge_valid(col" + field + "_valid, row)");
        }
        GeneratedValue result = new GeneratedValue(value, valid, GeneratedValue.FALSE, type);
        loadedColumns.put(field, result);
        return result;
    }

    /** A build-side field, read from the join's materialised build rows at the build row its probe loop bound. */
    private GeneratedValue buildColumn(int field) {
        int join = pipeline.joinOfField(field);
        JoinStage stage = pipeline.joins().get(join);
        int column = field - stage.firstField();
        Expr definition = ((PipelineSink.Materialization) stage.build().sink()).columns().get(column);
        DataType type = definition.type();
        String array = "join" + join + "_c" + column;
        String row = buildRow(join);
        // a LEFT join binds FORGE_NO_ROW for a probe row without a match: every build field is NULL there
        boolean missing = stage.kind() == dev.forge.plan.JoinKind.LEFT;
        parameters.add(new KernelParameter.BuildValues(join, column, CudaTypes.materialized(type)));
        String register = CudaTypes.register(type);
        String load;
        if (prefetch != null && prefetch.loadsBuildColumns() && !missing) { // staged joins only: never LEFT
            load = prefetch.value(array, register, CudaTypes.loadMaterialized(type, array, StagedJoinGenerator.bound(join)));
        } else {
            load = CudaTypes.loadMaterialized(type, array, missing ? "(" + row + " == FORGE_NO_ROW ? 0 : " + row + ")"
                    : row);
        }
        String value = writer.declare(register, "v", load);
        String valid = missing ? "(" + row + " != FORGE_NO_ROW)" : GeneratedValue.TRUE;
        if (definition.nullable()) { // the build kernel wrote validity bytes exactly where its expression is nullable
            parameters.add(new KernelParameter.BuildValidity(join, column));
            String byteValid = missing ? "(" + row + " != FORGE_NO_ROW && " + array + "_valid[" + row + "] != 0)"
                    : "(" + array + "_valid[" + row + "] != 0)";
            valid = byteValid;
        }
        if (!valid.equals(GeneratedValue.TRUE)) {
            valid = writer.declare("bool", "n", valid);
        }
        GeneratedValue result = new GeneratedValue(value, valid, GeneratedValue.FALSE, type);
        loadedColumns.put(field, result);
        return result;
    }

    /**
     * A field of a scalar row (an earlier stage's single row): kernel parameters, its validity one too when the field
     * is nullable, so the same kernel serves every value, NULL included.
     */
    private GeneratedValue scalarColumn(int field) {
        int scalar = pipeline.scalarOfField(field);
        int column = field - pipeline.scalars().get(scalar).firstField();
        Field scalarField = fields.get(field);
        DataType type = scalarField.type();
        String name = KernelParameter.ScalarValue.name(scalar, column);
        String value = switch (type) {
            case DataType.Varchar _ -> throw new UnsupportedOnGpuException("a string value of a scalar sub-query is"
                    + " not supported on the GPU yet");
            case DataType.Boolean _ -> {
                parameters.add(new KernelParameter.ScalarValue(scalar, column, "int", 0));
                yield "(" + name + " != 0)";
            }
            case DataType.Decimal _ -> {
                parameters.add(new KernelParameter.ScalarValue(scalar, column, "i64", 0));
                parameters.add(new KernelParameter.ScalarValue(scalar, column, "i64", 1));
                yield "((i128)(((u128)(u64)" + name + "_high << 64) | (u128)(u64)" + name + "))";
            }
            default -> {
                parameters.add(new KernelParameter.ScalarValue(scalar, column, CudaTypes.register(type), 0));
                yield name;
            }
        };
        String valid = GeneratedValue.TRUE;
        if (scalarField.nullable()) {
            parameters.add(new KernelParameter.ScalarValidity(scalar, column));
            valid = "(" + name + "_valid != 0)";
        }
        GeneratedValue result = new GeneratedValue(value, valid, GeneratedValue.FALSE, type);
        loadedColumns.put(field, result);
        return result;
    }

    private GeneratedValue call(Call call) {
        return switch (call.operator()) {
            case ADD, SUBTRACT, MULTIPLY, DIVIDE, MOD, NEGATE, ABS -> ArithmeticGenerator.generate(call, this);
            case EQUALS, NOT_EQUALS, LESS_THAN, LESS_THAN_OR_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL,
                 IS_DISTINCT_FROM, IS_NOT_DISTINCT_FROM -> ComparisonGenerator.generate(call, this);
            case AND, OR, NOT -> LogicGenerator.generate(call, this);
            case IS_NULL, IS_NOT_NULL, IS_TRUE, IS_NOT_TRUE, IS_FALSE, IS_NOT_FALSE ->
                    NullTestGenerator.generate(call, this);
            case CASE, COALESCE -> ConditionalGenerator.generate(call, this);
            case IN -> InListGenerator.generate(call, this);
            case EXTRACT_YEAR, EXTRACT_QUARTER, EXTRACT_MONTH, EXTRACT_DAY, EXTRACT_DAY_OF_WEEK, EXTRACT_DAY_OF_YEAR,
                 EXTRACT_HOUR, EXTRACT_MINUTE, EXTRACT_SECOND, ADD_DAYS, ADD_MONTHS, ADD_MICROS, SUBTRACT_DATES ->
                    DateGenerator.generate(call, this);
            case CAST -> CastGenerator.generate(call, this);
            case LIKE -> LikeGenerator.generate(call, this);
            case SUBSTRING, CONCAT, UPPER, LOWER, TRIM -> StringFunctionGenerator.generate(call, this);
            case CHAR_LENGTH -> throw new UnsupportedOnGpuException(
                    "the string function " + call.operator().symbol() + " is not supported on the GPU yet");
        };
    }

    /** A value that is NULL when any argument is and raises any argument's error: most operators' rule. */
    static String allValid(List<GeneratedValue> arguments) {
        String valid = GeneratedValue.TRUE;
        for (GeneratedValue argument : arguments) {
            valid = CodeWriter.and(valid, argument.valid());
        }
        return valid;
    }

    static String anyError(List<GeneratedValue> arguments) {
        String error = GeneratedValue.FALSE;
        for (GeneratedValue argument : arguments) {
            error = CodeWriter.or(error, argument.error());
        }
        return error;
    }

    /** Declares a fresh overflow flag, {@code false} until a checked operation sets it. */
    String overflowFlag() {
        String flag = writer.fresh("e");
        writer.line("bool " + flag + " = false;");
        return flag;
    }

    /** The error of an operation whose own check sets {@code flag}: only where its arguments were valid. */
    static String errorOf(List<GeneratedValue> arguments, String valid, String flag) {
        return CodeWriter.or(anyError(arguments), CodeWriter.and(valid, flag));
    }
}
