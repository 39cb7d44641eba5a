package dev.forge.executor.gpu.codegen;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.engine.corpus.ResultRows;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.run.GpuFallbackException;
import dev.forge.plan.AggregateFunction;
import dev.forge.plan.expr.Expr;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntToLongFunction;

/**
 * Reads what {@link EmulatedPipelinePrograms} printed for one root kernel into typed rows, as the corpus compares them
 * (integers and decimals as BigDecimal, floats as Double, dates as LocalDate, strings from the column's dictionary):
 * materialised rows, or per-block partials merged in block order. Compacted groups are read by the runner's own code
 * ({@code GroupColumns}, see KernelEmulation).
 */
final class EmulatedResults {
    private static final BigInteger TWO_TO_64 = BigInteger.ONE.shiftLeft(64);

    private EmulatedResults() {
    }

    static ResultRows read(GeneratedKernel kernel, List<String> lines, Function<Expr, ColumnView> dictionaries) {
        return switch (kernel.pipeline().sink()) {
            case PipelineSink.Materialization materialization -> materialized(kernel, materialization, lines, dictionaries);
            case PipelineSink.UngroupedAggregation ungrouped -> ungrouped(kernel, ungrouped, lines, dictionaries);
            case PipelineSink.GroupedAggregation _ -> throw new IllegalArgumentException("groups are read back by the"
                    + " runner's own code (KernelEmulation.decodedGroups)");
        };
    }

    private static ResultRows materialized(GeneratedKernel kernel, PipelineSink.Materialization sink, List<String> lines,
            Function<Expr, ColumnView> dictionaries) {
        List<List<Object>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] texts = line.strip().isEmpty() ? new String[0] : line.strip().split(" ");
            List<Object> row = new ArrayList<>();
            for (int c = 0; c < sink.columns().size(); c++) {
                Expr column = sink.columns().get(c);
                String text = texts[c];
                if (text.equals("NULL")) {
                    row.add(null);
                } else if (kernel.outputElementTypes().get(c).equals("u64")) {
                    String[] words = text.split(":");
                    row.add(new BigDecimal(signed128(Long.parseUnsignedLong(words[0]),
                            Long.parseUnsignedLong(words[1])), ((DataType.Decimal) column.type()).scale()));
                } else if (column.type() instanceof DataType.Float32) {
                    row.add((double) Float.intBitsToFloat(Integer.parseUnsignedInt(text)));
                } else if (column.type() instanceof DataType.Float64) {
                    row.add(Double.longBitsToDouble(Long.parseUnsignedLong(text)));
                } else {
                    row.add(value(Long.parseLong(text), column, kernel, dictionaries));
                }
            }
            rows.add(row);
        }
        return new ResultRows(sink.columns().size(), rows);
    }

    private static ResultRows ungrouped(GeneratedKernel kernel, PipelineSink.UngroupedAggregation sink,
            List<String> lines, Function<Expr, ColumnView> dictionaries) {
        String[] header = lines.getFirst().split(" ");
        int blocks = Integer.parseInt(header[1]);
        int words = Integer.parseInt(header[2]);
        List<Object> row = new ArrayList<>();
        for (AggregateSlot slot : kernel.aggregates()) {
            long count = 0;
            BigInteger sum = BigInteger.ZERO;
            double floats = 0;
            long best = 0;
            long rows = 0;
            for (int block = 0; block < blocks; block++) {
                int base = 1 + block * words;
                IntToLongFunction word = w -> Long.parseUnsignedLong(lines.get(base + w));
                count += word.applyAsLong(slot.countWord());
                long state = word.applyAsLong(slot.firstWord());
                switch (slot.kind()) {
                    case COUNT -> {
                    }
                    case EXACT_SUM -> sum = sum.add(signed128(state, word.applyAsLong(slot.firstWord() + 1)));
                    case FLOAT_SUM -> floats += Double.longBitsToDouble(state);
                    case EXTREME -> best = Long.compareUnsigned(state, best) > 0 ? state : best;
                    case SINGLE -> {
                        best = Long.compareUnsigned(state, best) > 0 ? state : best;
                        rows += word.applyAsLong(slot.rowsWord());
                    }
                }
            }
            row.add(aggregate(slot, count, rows, sum, floats, best, kernel, dictionaries));
        }
        return new ResultRows(sink.aggregates().size(), List.of(row));
    }

    /** One aggregate's value as the runner gives it; SINGLE_VALUE over more than one row is the runner's fallback. */
    private static Object aggregate(AggregateSlot slot, long count, long rows, BigInteger sum, double floats, long best,
            GeneratedKernel kernel, Function<Expr, ColumnView> dictionaries) {
        boolean sumOfNothing = count == 0 && slot.input().function() == AggregateFunction.SUM;
        DataType type = slot.input().resultType();
        return switch (slot.kind()) {
            case COUNT -> BigDecimal.valueOf(count);
            case EXACT_SUM -> sumOfNothing ? null
                    : new BigDecimal(sum, type instanceof DataType.Decimal decimal ? decimal.scale() : 0);
            case FLOAT_SUM -> sumOfNothing ? null : type instanceof DataType.Float32 ? (double) (float) floats : floats;
            case EXTREME, SINGLE -> {
                if (slot.kind() == AggregateSlot.Kind.SINGLE && rows > 1) {
                    throw new GpuFallbackException("a scalar sub-query returned more than one row (the CPU reports it)");
                }
                if (count == 0) {
                    yield null;
                }
                long encoded = slot.inverted() ? ~best : best;
                if (slot.floatingValue()) {
                    double value = Double.longBitsToDouble(encoded < 0 ? encoded & Long.MAX_VALUE : ~encoded);
                    yield slot.input().argument().type() instanceof DataType.Float32 ? (double) (float) value : value;
                }
                yield value(encoded ^ Long.MIN_VALUE, slot.input().argument(), kernel, dictionaries);
            }
        };
    }

    /** A value held as a sign-extended integer word, typed as {@code expression}: a string code becomes its string. */
    private static Object value(long word, Expr expression, GeneratedKernel kernel, Function<Expr, ColumnView> dictionaries) {
        return switch (expression.type()) {
            case DataType.Boolean _ -> word != 0;
            case DataType.Int32 _, DataType.Int64 _ -> BigDecimal.valueOf(word);
            case DataType.Decimal decimal -> BigDecimal.valueOf(word, decimal.scale());
            case DataType.Date _ -> LocalDate.ofEpochDay(word);
            case DataType.Varchar _ -> dictionaries.apply(expression).getString(word);
            case DataType.Timestamp _ -> java.time.LocalDateTime.ofInstant(java.time.Instant.ofEpochSecond(
                    Math.floorDiv(word, 1_000_000L), Math.floorMod(word, 1_000_000L) * 1000), java.time.ZoneOffset.UTC);
            case DataType.Float32 _, DataType.Float64 _ ->
                    throw new IllegalArgumentException("the emulation test reads no " + expression.type() + " words");
        };
    }

    private static BigInteger signed128(long low, long high) {
        BigInteger unsignedLow = low >= 0 ? BigInteger.valueOf(low) : BigInteger.valueOf(low).add(TWO_TO_64);
        return BigInteger.valueOf(high).shiftLeft(64).add(unsignedLow);
    }
}
