package dev.forge.executor.gpu.run;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.PhysicalType;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.codegen.AggregateSlot;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.LongStream;

/**
 * Reads the compacted groups of a group table into result columns directly: each column's buffers are allocated at
 * their final size and filled in parallel over ranges of groups, and string columns keep the dictionary codes the
 * GPU grouped by, with the dictionary entries they use ({@link UsedDictionary}), instead of one Java string per value.
 * A TPC-H SF 10 run on the H100 spent 3 of its 4 seconds reading groups back value by value through {@code
 * ColumnBuilder} (Q10's 381K groups of five strings 1.3 s, Q18's 15M groups 0.8 s).
 *
 * <p>The values are the ones {@link AggregateResult}'s value-by-value path gives, which stays for what this one does
 * not take: result types an aggregate cannot have. {@code GroupColumnsTest} compares the two on random words. That
 * path also took string columns whose dictionary is much larger than the result, until TPC-H Q20 at SF 10 spent 85 of
 * its 120 ms there (its groups carry a partsupp comment, from a dictionary of 8M).
 */
final class GroupColumns {
    /** Groups per parallel task: a multiple of 64, so no two tasks write the same byte of a bitmap. */
    static final long GROUPS_PER_TASK = 1 << 16;
    private static final long[] POWERS_OF_TEN = powersOfTen();

    private final GeneratedKernel kernel;
    private final PipelineSink.GroupedAggregation sink;
    private final MemorySegment memory;
    private final long groups;
    private final Function<Expr, ColumnView> dictionaries;
    private final int rowWords;

    private GroupColumns(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, MemorySegment memory,
            long groups, Function<Expr, ColumnView> dictionaries) {
        this.kernel = kernel;
        this.sink = sink;
        this.memory = memory;
        this.groups = groups;
        this.dictionaries = dictionaries;
        this.rowWords = kernel.aggregateWords() - 1;
    }

    /**
     * The result table, or empty where a column needs the value-by-value path. Throws {@link GpuFallbackException}
     * where a value does not fit its type (the CPU executor reports it), as the value-by-value path does.
     */
    static Optional<Table> decode(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, MemorySegment memory,
            long groups, Function<Expr, ColumnView> dictionaries) {
        return new GroupColumns(kernel, sink, memory, groups, dictionaries).decode();
    }

    private Optional<Table> decode() {
        List<Field> fields = GpuPlan.uniqueNames(sink.fields());
        List<Expr> keys = sink.keys();
        for (int f = 0; f < fields.size(); f++) {
            if (!supported(fields.get(f).type(), f < keys.size() ? null : kernel.aggregates().get(f - keys.size()))) {
                return Optional.empty();
            }
        }
        List<Output> outputs = new ArrayList<>();
        List<Column> columns = new ArrayList<>();
        try {
            for (int f = 0; f < fields.size(); f++) {
                outputs.add(f < keys.size() ? keyOutput(f, fields.get(f))
                        : aggregateOutput(kernel.aggregates().get(f - keys.size()), fields.get(f)));
            }
            fillAll(outputs);
            while (!outputs.isEmpty()) {
                columns.add(outputs.getFirst().toColumn());
                outputs.removeFirst();
            }
        } catch (RuntimeException failed) {
            outputs.forEach(Output::close);
            columns.forEach(Column::close);
            throw failed;
        }
        return Optional.of(new Table(new Schema(fields), columns));
    }

    /**
     * One pass over the groups, in parallel over ranges of them, each group's words read once for all its columns (a
     * group is 50-100 bytes: a pass per column would read every cache line once per column).
     */
    private void fillAll(List<Output> outputs) {
        long tasks = (groups + GROUPS_PER_TASK - 1) / GROUPS_PER_TASK;
        LongStream range = LongStream.range(0, tasks);
        // the read-back's host buffer is shared; memory only its owner thread may touch is read in order
        (memory.isAccessibleBy(new Thread(() -> { })) ? range.parallel() : range).forEach(task -> {
            long end = Math.min(groups, (task + 1) * GROUPS_PER_TASK);
            for (long group = task * GROUPS_PER_TASK; group < end; group++) {
                long base = group * rowWords;
                for (Output output : outputs) {
                    output.fill(group, base);
                }
            }
        });
    }

    /** Whether a field's values can be written here: every type a key or an aggregate has, but a sum's. */
    private static boolean supported(DataType type, AggregateSlot slot) {
        return slot == null || slot.kind() != AggregateSlot.Kind.EXACT_SUM
                || type instanceof DataType.Int64 || type instanceof DataType.Decimal;
    }

    /** Writes one value, held as a 64-bit word, into row {@code group} of a column's values. */
    @FunctionalInterface
    private interface ValueWriter {
        void write(MemorySegment values, long group, long word);
    }

    /** One result column being filled: its buffers, and where each group's value comes from. */
    private abstract class Output {
        final DataType type;
        final HostBuffer values;
        final HostBuffer validity;
        final MemorySegment valueMemory;
        final MemorySegment validityMemory;
        private final String name;
        private final Expr dictionarySource;
        private final ValueWriter writer;

        /**
         * A column of {@code field}'s type; a validity bitmap only where the field may be NULL. A string column's codes
         * index the dictionary of {@code dictionarySource}.
         */
        Output(Field field, Expr dictionarySource) {
            this.type = field.type();
            this.name = field.name();
            this.dictionarySource = dictionarySource;
            long bytes = switch (type.physicalType()) {
                case BIT -> Bitmaps.byteSize(groups);
                case STRING -> groups * 4; // dictionary codes
                default -> groups * type.physicalType().valueBytes();
            };
            this.writer = writer(type);
            HostBuffer validityBuffer = null;
            // every group writes its value, unless it is NULL or a bit: only then must the rest read as zeros
            String purpose = "GPU group column " + field.name();
            HostBuffer valueBuffer = field.nullable() || type.physicalType() == PhysicalType.BIT
                    ? HostBuffer.allocate(Math.max(8, bytes), purpose)
                    : HostBuffer.allocateForOverwrite(Math.max(8, bytes), purpose);
            try {
                if (field.nullable()) {
                    validityBuffer = HostBuffer.allocate(Math.max(8, Bitmaps.byteSize(groups)),
                            "GPU group validity " + field.name());
                }
            } catch (RuntimeException failed) {
                valueBuffer.close();
                throw failed;
            }
            this.values = valueBuffer;
            this.validity = validityBuffer;
            this.valueMemory = valueBuffer.segment();
            this.validityMemory = validityBuffer == null ? null : validityBuffer.segment();
        }

        /** Fills the value (and validity bit) of {@code group}, whose words start at {@code base}. */
        abstract void fill(long group, long base);

        long word(long index) {
            return memory.getAtIndex(ValueLayout.JAVA_LONG, index);
        }

        /** Writes a value held as a 64-bit word, as {@link AggregateResult}'s appendValue reads it. */
        void write(long group, long word) {
            markValid(group);
            writer.write(valueMemory, group, word);
        }

        void writeInt128(long group, long low, long high) {
            markValid(group);
            valueMemory.setAtIndex(ValueLayout.JAVA_LONG, 2 * group, low);
            valueMemory.setAtIndex(ValueLayout.JAVA_LONG, 2 * group + 1, high);
        }

        /**
         * Leaves {@code group} NULL (its validity bit clear). A field that cannot be NULL has no bitmap: a NULL there
         * breaks the plan's promise, and the value-by-value path's table would refuse it too.
         */
        void markNull(long group) {
            if (validityMemory == null) {
                throw new IllegalStateException("group " + group + " has no value for " + name + ", which cannot be"
                        + " NULL");
            }
        }

        /** A group left without a value is NULL; a field that cannot be NULL has no bitmap to mark. */
        private void markValid(long group) {
            if (validityMemory != null) {
                Bitmaps.set(validityMemory, group, true);
            }
        }

        /**
         * Hands the buffers to a column (the validity only where a value is NULL); a string column gets the entries of
         * its dictionary that its codes use, its codes renumbered.
         */
        Column toColumn() {
            Column dictionary = type instanceof DataType.Varchar
                    ? UsedDictionary.compact(dictionaries.apply(dictionarySource), valueMemory, groups, validityMemory)
                    : null;
            long nulls = validity == null ? 0 : Bitmaps.countClear(validityMemory, groups);
            if (nulls == 0 && validity != null) {
                validity.close();
            }
            return new Column(type, groups, nulls, nulls == 0 ? null : validity, values, null, dictionary);
        }

        void close() {
            values.close();
            if (validity != null) {
                validity.close();
            }
        }
    }

    /** How a value held as a 64-bit word is stored for {@code type}, as {@link AggregateResult}'s appendValue does. */
    private static ValueWriter writer(DataType type) {
        return switch (type) {
            case DataType.Boolean _ -> (values, group, word) -> Bitmaps.set(values, group, word != 0);
            case DataType.Int32 _, DataType.Date _, DataType.Varchar _ ->
                    (values, group, word) -> values.setAtIndex(ValueLayout.JAVA_INT, group, (int) word);
            case DataType.Int64 _, DataType.Timestamp _ ->
                    (values, group, word) -> values.setAtIndex(ValueLayout.JAVA_LONG, group, word);
            case DataType.Decimal decimal when decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION ->
                    (values, group, word) -> { // narrowed on the GPU: the value fits 64 bits
                        values.setAtIndex(ValueLayout.JAVA_LONG, 2 * group, word);
                        values.setAtIndex(ValueLayout.JAVA_LONG, 2 * group + 1, word >> 63);
                    };
            case DataType.Decimal _ -> (values, group, word) -> values.setAtIndex(ValueLayout.JAVA_LONG, group, word);
            case DataType.Float32 _ -> (values, group, word) ->
                    values.setAtIndex(ValueLayout.JAVA_FLOAT, group, (float) Double.longBitsToDouble(word));
            case DataType.Float64 _ ->
                    (values, group, word) -> values.setAtIndex(ValueLayout.JAVA_LONG, group, word); // the bits
        };
    }

    private Output keyOutput(int k, Field field) {
        Expr key = sink.keys().get(k);
        int nullMaskWord = kernel.keyWords() - 1;
        return new Output(field, key) {
            @Override
            void fill(long group, long base) {
                if (kernel.keyNullMask() && (word(base + nullMaskWord) & (1L << k)) != 0) {
                    markNull(group);
                    return;
                }
                write(group, word(base + k));
            }
        };
    }

    private Output aggregateOutput(AggregateSlot slot, Field field) {
        boolean sumOfNoneIsNull = slot.input().function() == AggregateFunction.SUM;
        return new Output(field, slot.input().argument()) {
            @Override
            void fill(long group, long base) {
                long word = word(base + slot.firstWord() - 1);
                long count = word(base + slot.countWord() - 1);
                switch (slot.kind()) {
                    case COUNT -> write(group, count);
                    case EXACT_SUM -> {
                        if (count == 0 && sumOfNoneIsNull) {
                            markNull(group);
                            return;
                        }
                        long high = count == 0 ? 0 : word(base + slot.firstWord());
                        writeExactSum(this, group, count == 0 ? 0 : word, high);
                    }
                    case FLOAT_SUM -> {
                        if (count == 0 && sumOfNoneIsNull) {
                            markNull(group);
                            return;
                        }
                        write(group, word); // double bits; a FLOAT32 column narrows them as the other path does
                    }
                    case EXTREME, SINGLE -> {
                        if (slot.kind() == AggregateSlot.Kind.SINGLE && word(base + slot.rowsWord() - 1) > 1) {
                            throw new GpuFallbackException(
                                    "a scalar sub-query returned more than one row (the CPU reports it)");
                        }
                        if (count == 0) {
                            markNull(group);
                            return;
                        }
                        write(group, slot.decodedValue(word));
                    }
                }
            }
        };
    }

    /**
     * Whether an exact sum of {@code type} (128 bits, {@code low} and {@code high}) surely fits the type from its low 64
     * bits alone: it fits 64 bits, and a DECIMAL(p <= 18) has at most p digits (|v| < 10^p; 64 bits hold at most 19
     * digits, so a wider DECIMAL holds any of them). False leaves the answer to the 128-bit check.
     */
    static boolean fitsFrom64Bits(DataType type, long low, long high) {
        if (high != low >> 63) {
            return false;
        }
        return !(type instanceof DataType.Decimal decimal) || decimal.precision() > 18
                || (low != Long.MIN_VALUE && Math.abs(low) < POWERS_OF_TEN[decimal.precision()]);
    }

    /**
     * Writes an exact sum after the checks of the value-by-value path: an INT64 must fit 64 bits and a DECIMAL its
     * precision, or the query goes to the CPU, which reports the overflow.
     */
    private static void writeExactSum(Output output, long group, long low, long high) {
        switch (output.type) {
            case DataType.Int64 _ -> {
                if (!fitsFrom64Bits(output.type, low, high)) {
                    throw new GpuFallbackException("an integer SUM overflowed INT64 (the CPU reports it)");
                }
                output.write(group, low);
            }
            case DataType.Decimal decimal -> {
                int precision = decimal.precision();
                boolean fits = fitsFrom64Bits(decimal, low, high) || high != low >> 63 && precision > 18
                        && AggregateResult.signed128(low, high).abs().toString().length() <= precision;
                if (!fits) {
                    throw new GpuFallbackException("a decimal SUM exceeded " + decimal + " (the CPU reports it)");
                }
                if (precision > DataType.MAX_INT64_DECIMAL_PRECISION) {
                    output.writeInt128(group, low, high);
                } else {
                    output.write(group, low);
                }
            }
            default -> throw new IllegalStateException("an exact SUM cannot give " + output.type);
        }
    }

    private static long[] powersOfTen() {
        long[] powers = new long[19];
        powers[0] = 1;
        for (int i = 1; i < powers.length; i++) {
            powers[i] = powers[i - 1] * 10;
        }
        return powers;
    }
}
