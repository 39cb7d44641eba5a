package dev.forge.executor.gpu.run;

import dev.forge.columnar.DataType;
import dev.forge.executor.gpu.codegen.AggregateSlot;
import dev.forge.executor.gpu.codegen.GeneratedKernel;
import dev.forge.executor.gpu.pipeline.PipelineSink;
import dev.forge.executor.gpu.pipeline.TopGroups;
import dev.forge.plan.AggregateFunction;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Picks the compacted groups worth decoding when a TopN over them follows ({@link TopGroups}): those whose first sort
 * key is at least as good as the count-th best, those where it is NULL, and those the host must check whatever the
 * TopN keeps (an exact SUM that may not fit its type, which decoding reports). The key is read from the group's words
 * as a 64-bit number in the key's order, exactly for keys and 64-bit values and saturated for sums beyond 64 bits;
 * an order that only ever merges neighbours still keeps every group of the true top.
 */
final class TopGroupCandidates {
    private TopGroupCandidates() {
    }

    /**
     * The indices, in increasing order, of the groups among {@code groups} in {@code memory} (laid out as
     * {@link AggregateResult#decodeGroups} reads them) that the TopN can return or the host must check; null where
     * that would be all or most of them.
     */
    static int[] select(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, MemorySegment memory,
            long groups) {
        TopGroups top = sink.top();
        if (top == null || groups > Integer.MAX_VALUE || top.count() >= groups / 2) {
            return null;
        }
        int rowWords = kernel.aggregateWords() - 1;
        int count = (int) top.count();
        SortField field = SortField.of(kernel, sink, top.field());
        CheckedSums sums = CheckedSums.of(kernel);
        long[] order = new long[(int) groups];
        boolean[] always = new boolean[(int) groups];
        int tasks = (int) ((groups + GroupColumns.GROUPS_PER_TASK - 1) / GroupColumns.GROUPS_PER_TASK);
        IntStream range = IntStream.range(0, tasks);
        // in parallel as the decoding: the first queries run before the JIT has compiled this loop
        long ordered = (memory.isAccessibleBy(new Thread(() -> { })) ? range.parallel() : range).mapToLong(task -> {
            int end = (int) Math.min(groups, (task + 1) * GroupColumns.GROUPS_PER_TASK);
            long valued = 0;
            for (int group = (int) (task * GroupColumns.GROUPS_PER_TASK); group < end; group++) {
                long base = (long) group * rowWords;
                always[group] = sums.mayNotFit(memory, base) || field.isNull(memory, base);
                if (!always[group]) {
                    long value = field.value(memory, base);
                    order[group] = top.descending() ? value : ~value; // larger is better either way
                    valued++;
                }
            }
            return valued;
        }).sum();
        if (ordered <= count) {
            return null;
        }
        long threshold = countthLargest(order, always, count);
        int[] kept = new int[(int) groups];
        int keptCount = 0;
        for (int group = 0; group < groups; group++) {
            if (always[group] || order[group] >= threshold) {
                kept[keptCount++] = group;
            }
        }
        return Arrays.copyOf(kept, keptCount);
    }

    /** The {@code count}-th largest of the values not marked {@code skipped} (there are more than {@code count}). */
    static long countthLargest(long[] values, boolean[] skipped, int count) {
        if (count == 0) {
            return Long.MAX_VALUE; // nothing needed: only the groups kept anyway
        }
        long[] heap = new long[count]; // a min-heap of the largest values so far; its root is the count-th largest
        int size = 0;
        for (int i = 0; i < values.length; i++) {
            if (skipped[i]) {
                continue;
            }
            long value = values[i];
            if (size < count) {
                heap[size] = value;
                siftUp(heap, size++);
            } else if (value > heap[0]) {
                heap[0] = value;
                siftDown(heap, size);
            }
        }
        return heap[0];
    }

    private static void siftUp(long[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) >>> 1;
            if (heap[parent] <= heap[at]) {
                return;
            }
            long swap = heap[parent];
            heap[parent] = heap[at];
            heap[at] = swap;
            at = parent;
        }
    }

    private static void siftDown(long[] heap, int size) {
        int at = 0;
        while (true) {
            int child = 2 * at + 1;
            if (child >= size) {
                return;
            }
            if (child + 1 < size && heap[child + 1] < heap[child]) {
                child++;
            }
            if (heap[at] <= heap[child]) {
                return;
            }
            long swap = heap[child];
            heap[child] = heap[at];
            heap[at] = swap;
            at = child;
        }
    }

    private static long word(MemorySegment memory, long base, int word) {
        return memory.getAtIndex(ValueLayout.JAVA_LONG, base + word);
    }

    /** How a group's value of the sort field is read from its words, worked out once per result. */
    private enum Reading {
        INTEGER, DOUBLE, COUNT, EXACT_SUM, EXTREME
    }

    /**
     * The sort field: how its value is read, from which word (a sum's high word follows its low one; {@code extreme}
     * is the MIN, MAX or ANY_VALUE slot that decodes its word, else null), and what makes it NULL: a set bit
     * {@code nullBit} of the NULL-mask word (a key), or a zero count word (an aggregate over no values, except COUNT
     * and SUM0); -1 where nothing does.
     */
    private record SortField(Reading reading, int valueWord, AggregateSlot extreme, int nullMaskWord, int nullBit,
            int countWord, boolean nullWithoutValues) {
        static SortField of(GeneratedKernel kernel, PipelineSink.GroupedAggregation sink, int field) {
            int keys = sink.keys().size();
            if (field < keys) {
                boolean nullable = kernel.keyNullMask() && sink.keys().get(field).nullable();
                return new SortField(isFloat(sink.keys().get(field).type()) ? Reading.DOUBLE : Reading.INTEGER, field,
                        null, nullable ? kernel.keyWords() - 1 : -1, nullable ? field : -1, -1, false);
            }
            AggregateSlot slot = kernel.aggregates().get(field - keys);
            Reading reading = switch (slot.kind()) {
                case COUNT -> Reading.COUNT;
                case EXACT_SUM -> Reading.EXACT_SUM;
                case FLOAT_SUM -> Reading.DOUBLE;
                case EXTREME -> Reading.EXTREME;
                case SINGLE -> throw new IllegalStateException("SINGLE_VALUE groups are all decoded");
            };
            boolean nullWithoutValues = slot.kind() != AggregateSlot.Kind.COUNT
                    && slot.input().function() != AggregateFunction.SUM0;
            return new SortField(reading, slot.firstWord() - 1, reading == Reading.EXTREME ? slot : null, -1, -1,
                    slot.countWord() - 1, nullWithoutValues);
        }

        boolean isNull(MemorySegment memory, long base) {
            return nullBit >= 0 ? (word(memory, base, nullMaskWord) & (1L << nullBit)) != 0
                    : nullWithoutValues && word(memory, base, countWord) == 0;
        }

        /** The value of a group whose field is not NULL, as a long in the field's order (see the class comment). */
        long value(MemorySegment memory, long base) {
            long value = word(memory, base, valueWord);
            return switch (reading) {
                case INTEGER -> value;
                case DOUBLE -> orderedDouble(Double.longBitsToDouble(value));
                case COUNT -> word(memory, base, countWord);
                case EXACT_SUM -> {
                    if (word(memory, base, countWord) == 0) {
                        yield 0; // SUM0 over no values
                    }
                    long high = word(memory, base, valueWord + 1);
                    yield high == value >> 63 ? value : high < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
                }
                case EXTREME -> {
                    long decoded = extreme.decodedValue(value);
                    yield extreme.floatingValue() ? orderedDouble(Double.longBitsToDouble(decoded)) : decoded;
                }
            };
        }
    }

    /**
     * The exact SUMs, whose range decoding checks on every group it reads: their low words, count words and result
     * types.
     */
    private record CheckedSums(int[] lowWords, int[] countWords, DataType[] types) {
        static CheckedSums of(GeneratedKernel kernel) {
            List<AggregateSlot> sums = kernel.aggregates().stream()
                    .filter(slot -> slot.kind() == AggregateSlot.Kind.EXACT_SUM).toList();
            int[] lowWords = new int[sums.size()];
            int[] countWords = new int[sums.size()];
            DataType[] types = new DataType[sums.size()];
            for (int s = 0; s < sums.size(); s++) {
                AggregateSlot slot = sums.get(s);
                lowWords[s] = slot.firstWord() - 1;
                countWords[s] = slot.countWord() - 1;
                types[s] = slot.input().resultType();
            }
            return new CheckedSums(lowWords, countWords, types);
        }

        /**
         * Whether an exact SUM of the group may not fit its type (so the group is decoded, which checks it exactly and
         * reports it), by decoding's own fast rule ({@link GroupColumns#fitsFrom64Bits}).
         */
        boolean mayNotFit(MemorySegment memory, long base) {
            for (int s = 0; s < lowWords.length; s++) {
                if (word(memory, base, countWords[s]) != 0 && !GroupColumns.fitsFrom64Bits(types[s],
                        word(memory, base, lowWords[s]), word(memory, base, lowWords[s] + 1))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static boolean isFloat(DataType type) {
        return type instanceof DataType.Float32 || type instanceof DataType.Float64;
    }

    /** A double as a long in the engine's order: -0.0 as 0.0, every NaN above +infinity. */
    static long orderedDouble(double value) {
        if (Double.isNaN(value)) {
            return Double.doubleToRawLongBits(Double.NaN);
        }
        long bits = Double.doubleToRawLongBits(value == 0.0 ? 0.0 : value);
        return bits >= 0 ? bits : bits ^ Long.MAX_VALUE;
    }
}
