package dev.forge.executor.gpu.run;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.Schema;
import dev.forge.columnar.Table;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import dev.forge.executor.gpu.codegen.AggregateSlot;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.memory.PinnedStaging;
import dev.forge.executor.gpu.pipeline.GpuPlan;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.expr.Expr;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Turns aggregate state words into result rows: per-block partials merged in block order (so float sums repeat
 * exactly on the same device), or the compacted groups of the group table. Exact sums are checked against the
 * result type here; one that does not fit sends the query to the CPU, which reports the overflow.
 */
final class AggregateResult {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private AggregateResult() {
    }

    static Table readUngrouped(GeneratedKernel kernel, PipelineSink.UngroupedAggregation sink, DeviceBuffer partials,
            int blocks, Function<Expr, ColumnView> dictionaries, Stream stream) {
        int words = kernel.aggregateWords();
        long[] merged = new long[words];
        BigInteger[] sums = new BigInteger[words];
        double[] floats = new double[words];
        // a confined arena: this thread alone reads the partials, and closing it costs no handshake with every thread
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment memory = arena.allocate((long) blocks * words * 8, 8);
            partials.slice(0, memory.byteSize()).copyTo(memory);
            for (AggregateSlot slot : kernel.aggregates()) {
                int first = slot.firstWord();
                ExactSum sum = new ExactSum();
                for (int block = 0; block < blocks; block++) {
                    long base = (long) block * words;
                    long word = memory.getAtIndex(ValueLayout.JAVA_LONG, base + first);
                    switch (slot.kind()) {
                        case COUNT -> {
                        }
                        case EXACT_SUM -> sum.add(word, memory.getAtIndex(ValueLayout.JAVA_LONG, base + first + 1));
                        case FLOAT_SUM -> floats[first] += Double.longBitsToDouble(word);
                        case EXTREME -> merged[first] = Long.compareUnsigned(word, merged[first]) > 0 ? word
                                : merged[first];
                        case SINGLE -> {
                            merged[first] = Long.compareUnsigned(word, merged[first]) > 0 ? word : merged[first];
                            merged[slot.rowsWord()] += memory.getAtIndex(ValueLayout.JAVA_LONG, base + slot.rowsWord());
                        }
                    }
                    merged[slot.countWord()] += memory.getAtIndex(ValueLayout.JAVA_LONG, base + slot.countWord());
                }
                sums[first] = sum.value();
            }
        }
        List<Field> fields = GpuPlan.uniqueNames(sink.fields());
        List<ColumnBuilder> builders = builders(fields, 1);
        try {
            for (int a = 0; a < kernel.aggregates().size(); a++) {
                AggregateSlot slot = kernel.aggregates().get(a);
                long rows = slot.kind() == AggregateSlot.Kind.SINGLE ? merged[slot.rowsWord()] : 0;
                appendAggregate(builders.get(a), slot, merged[slot.firstWord()], 0, sums[slot.firstWord()],
                        floats[slot.firstWord()], merged[slot.countWord()], rows, dictionaries);
            }
            return build(fields, builders);
        } finally {
            builders.forEach(ColumnBuilder::close);
        }
    }

    static Table readGrouped(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink,
            PipelineRunner.SinkBuffers buffers, Function<Expr, ColumnView> dictionaries, PinnedStaging staging) {
        int rowWords = kernel.aggregateWords() - 1; // the state word is left out
        long groups;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(8, 8);
            buffers.groupCount().copyTo(count);
            groups = count.get(ValueLayout.JAVA_LONG, 0);
        }
        long bytes = groups * rowWords * 8;
        MemorySegment pinned = staging.segment(bytes);
        if (pinned != null) {
            buffers.groups().slice(0, bytes).copyTo(pinned);
            return decodeCandidates(kernel, sink, pinned, groups, dictionaries);
        }
        // no groups, or more than the staging buffer keeps
        try (HostBuffer host = HostBuffer.allocateForOverwrite(Math.max(8, bytes), "GPU groups")) {
            if (groups > 0) {
                buffers.groups().slice(0, bytes).copyTo(host.segment());
            }
            return decodeCandidates(kernel, sink, host.segment(), groups, dictionaries);
        }
    }

    /**
     * {@link #decodeGroups}, of only the groups a TopN that follows can return where the sink says which (see
     * {@link TopGroupCandidates}), gathered first.
     */
    static Table decodeCandidates(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, MemorySegment memory,
            long groups, Function<Expr, ColumnView> dictionaries) {
        int[] candidates = TopGroupCandidates.select(kernel, sink, memory, groups);
        if (candidates == null) {
            return decodeGroups(kernel, sink, memory, groups, dictionaries);
        }
        long rowBytes = (kernel.aggregateWords() - 1) * 8L;
        try (HostBuffer gathered = HostBuffer.allocateForOverwrite(Math.max(8, candidates.length * rowBytes),
                "GPU top group candidates")) {
            MemorySegment target = gathered.segment();
            for (int i = 0; i < candidates.length; i++) {
                MemorySegment.copy(memory, candidates[i] * rowBytes, target, i * rowBytes, rowBytes);
            }
            return decodeGroups(kernel, sink, target, candidates.length, dictionaries);
        }
    }

    /**
     * The result rows of {@code groups} compacted groups in {@code memory}, one group after another, each the group
     * table's words without its state word: the keys (and a NULL-mask word), then each aggregate's words. On the host
     * alone, so a CPU test can check it ({@code AggregateResultTest}, {@code GroupColumnsTest}) and a profile time it
     * ({@code GroupReadBackProfile}). Column by column in parallel ({@link GroupColumns}) where it can, else value by
     * value.
     */
    static Table decodeGroups(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, MemorySegment memory,
            long groups, Function<Expr, ColumnView> dictionaries) {
        return GroupColumns.decode(kernel, sink, memory, groups, dictionaries)
                .orElseGet(() -> decodeGroupsByValue(kernel, sink, memory, groups, dictionaries));
    }

    /**
     * {@link #decodeGroups} value by value through {@code ColumnBuilder}, strings as Java strings: what {@link
     * GroupColumns} does not take, and its test's reference.
     */
    static Table decodeGroupsByValue(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink,
            MemorySegment memory, long groups, Function<Expr, ColumnView> dictionaries) {
        int rowWords = kernel.aggregateWords() - 1;
        List<Field> fields = GpuPlan.uniqueNames(sink.fields());
        List<ColumnBuilder> builders = builders(fields, groups);
        try {
            List<Expr> keys = sink.keys();
            for (long group = 0; group < groups; group++) {
                long base = group * rowWords;
                long nullMask = kernel.keyNullMask()
                        ? memory.getAtIndex(ValueLayout.JAVA_LONG, base + kernel.keyWords() - 1) : 0;
                for (int k = 0; k < keys.size(); k++) {
                    ColumnBuilder builder = builders.get(k);
                    if ((nullMask & (1L << k)) != 0) {
                        builder.appendNull();
                    } else {
                        appendValue(builder, memory.getAtIndex(ValueLayout.JAVA_LONG, base + k), keys.get(k),
                                dictionaries);
                    }
                }
                for (int a = 0; a < kernel.aggregates().size(); a++) {
                    AggregateSlot slot = kernel.aggregates().get(a);
                    long at = base + slot.firstWord() - 1;
                    long word = memory.getAtIndex(ValueLayout.JAVA_LONG, at);
                    long high = slot.kind() == AggregateSlot.Kind.EXACT_SUM
                            ? memory.getAtIndex(ValueLayout.JAVA_LONG, at + 1) : 0;
                    long count = memory.getAtIndex(ValueLayout.JAVA_LONG, base + slot.countWord() - 1);
                    long rows = slot.kind() == AggregateSlot.Kind.SINGLE
                            ? memory.getAtIndex(ValueLayout.JAVA_LONG, base + slot.rowsWord() - 1) : 0;
                    appendAggregate(builders.get(keys.size() + a), slot, word, high, null,
                            Double.longBitsToDouble(word), count, rows, dictionaries);
                }
            }
            return build(fields, builders);
        } finally {
            builders.forEach(ColumnBuilder::close);
        }
    }

    private static List<ColumnBuilder> builders(List<Field> fields, long rows) {
        List<ColumnBuilder> builders = new ArrayList<>();
        for (Field field : fields) {
            builders.add(ColumnBuilder.of(field.type(), rows));
        }
        return builders;
    }

    private static Table build(List<Field> fields, List<ColumnBuilder> builders) {
        List<Column> columns = new ArrayList<>();
        try {
            for (ColumnBuilder builder : builders) {
                columns.add(builder.build());
            }
        } catch (RuntimeException failed) {
            columns.forEach(Column::close);
            throw failed;
        }
        return new Table(new Schema(fields), columns);
    }

    /**
     * Appends a SUM that fits 64 bits without BigInteger when its type surely holds it (a result of millions of groups
     * goes through here); false when the general path must decide.
     */
    private static boolean appendedSmallSum(ColumnBuilder builder, DataType type, long value) {
        return switch (type) {
            case DataType.Int64 _ -> {
                builder.appendLong(value);
                yield true;
            }
            case DataType.Decimal decimal when decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION -> {
                builder.appendInt128(value, value >> 63); // 19 digits at most: within DECIMAL(p > 18)
                yield true;
            }
            default -> false;
        };
    }

    static BigInteger signed128(long low, long high) {
        BigInteger unsignedLow = low >= 0 ? BigInteger.valueOf(low) : BigInteger.valueOf(low).add(TWO_TO_64);
        return BigInteger.valueOf(high).shiftLeft(64).add(unsignedLow);
    }

    /**
     * Appends one aggregate's value. An exact SUM is {@code sum} when not null (merged partials), else the 128-bit
     * {@code word} (low) and {@code high}; {@code rows} is SINGLE_VALUE's count of rows, NULL values included.
     */
    private static void appendAggregate(ColumnBuilder builder, AggregateSlot slot, long word, long high,
            BigInteger sum, double floatSum, long count, long rows, Function<Expr, ColumnView> dictionaries) {
        AggregateFunction function = slot.input().function();
        DataType type = slot.input().resultType();
        switch (slot.kind()) {
            case COUNT -> builder.appendLong(count);
            case EXACT_SUM -> {
                if (count == 0 && function == AggregateFunction.SUM) {
                    builder.appendNull();
                    return;
                }
                if (sum == null && high == word >> 63 && appendedSmallSum(builder, type, count == 0 ? 0 : word)) {
                    return;
                }
                BigInteger total = count == 0 ? BigInteger.ZERO : sum != null ? sum : signed128(word, high);
                switch (type) {
                    case DataType.Int64 _ -> {
                        if (total.bitLength() > 63) {
                            throw new GpuFallbackException("an integer SUM overflowed INT64 (the CPU reports it)");
                        }
                        builder.appendLong(total.longValue());
                    }
                    case DataType.Decimal decimal -> {
                        if (total.abs().toString().length() > decimal.precision()) {
                            throw new GpuFallbackException("a decimal SUM exceeded " + decimal + " (the CPU reports it)");
                        }
                        builder.appendDecimal(new BigDecimal(total, decimal.scale()));
                    }
                    default -> throw new IllegalStateException("an exact SUM cannot give " + type);
                }
            }
            case FLOAT_SUM -> {
                if (count == 0 && function == AggregateFunction.SUM) {
                    builder.appendNull();
                } else if (type instanceof DataType.Float32) {
                    builder.appendFloat((float) floatSum);
                } else {
                    builder.appendDouble(floatSum);
                }
            }
            case EXTREME, SINGLE -> {
                if (slot.kind() == AggregateSlot.Kind.SINGLE && rows > 1) {
                    throw new GpuFallbackException("a scalar sub-query returned more than one row (the CPU reports it)");
                }
                if (count == 0) {
                    builder.appendNull();
                    return;
                }
                appendValue(builder, slot.decodedValue(word), slot.input().argument(), dictionaries);
            }
        }
    }

    /**
     * Appends a value held as a 64-bit word: integers sign-extended, floats as double bits, booleans 0 or 1, strings as
     * codes of {@code expression}'s dictionary (a column's, or a string function's, see {@link StringDictionaries}).
     */
    private static void appendValue(ColumnBuilder builder, long word, Expr expression, Function<Expr, ColumnView> dictionaries) {
        switch (expression.type()) {
            case DataType.Boolean _ -> builder.appendBoolean(word != 0);
            case DataType.Int32 _, DataType.Date _ -> builder.appendInt((int) word);
            case DataType.Int64 _, DataType.Timestamp _ -> builder.appendLong(word);
            case DataType.Decimal decimal -> {
                if (decimal.precision() > DataType.MAX_INT64_DECIMAL_PRECISION) {
                    builder.appendInt128(word, word >> 63); // narrowed on the GPU: the value fits 64 bits
                } else {
                    builder.appendLong(word);
                }
            }
            case DataType.Float32 _ -> builder.appendFloat((float) Double.longBitsToDouble(word));
            case DataType.Float64 _ -> builder.appendDouble(Double.longBitsToDouble(word));
            case DataType.Varchar _ -> builder.appendString(dictionaries.apply(expression).getString(word));
        }
    }
}
