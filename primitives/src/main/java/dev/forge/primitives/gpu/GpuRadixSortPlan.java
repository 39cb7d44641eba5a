package dev.forge.primitives.gpu;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * What one radix sort queues on a stream, worked out on the host before anything runs: how much temporary memory it
 * takes (one pool allocation, carved into the pieces below), what to zero, and each kernel launch with its
 * arguments. {@link GpuRadixSort} runs it on the GPU; the kernel emulation test runs the same plan on the CPU.
 *
 * <p>The passes: a histogram launch counting every digit place, then one onesweep launch per place, least
 * significant first, each reading one buffer and writing the other. The last pass writes the outputs, so the passes
 * alternate backwards from there between the outputs and the alternate buffers of the temporary memory. When the
 * outputs are the inputs and that alternation would have a pass read and write the same buffer, an identity pass
 * (0 digit bits: every tile copies itself) goes first. A sort with no digit place left (one key, or an empty bit
 * range) is that identity pass alone, which still writes NaNs canonical and argsort's indices.
 *
 * <p>Temporary memory, each piece 256-byte aligned: the control words (each launch's tile counter and the
 * histogram's finished-block counter), the digit counts and output offsets per place, the look-back's tile state
 * (RADIX 8-byte words per tile, shared by every pass), then the alternate key and value buffers, and for argsort
 * the sorted keys, which only the sort itself needs.
 */
public record GpuRadixSortPlan(long scratchBytes, List<Step> steps) {

    /** The memory a launch argument points into. */
    public enum Role {
        KEYS, VALUES, SORTED_KEYS, SORTED_VALUES, SCRATCH
    }

    public sealed interface Step permits Zero, Launch {
    }

    /** Zero {@code bytes} bytes of the temporary memory from {@code offset}. */
    public record Zero(long offset, long bytes) implements Step {
    }

    public record Launch(String kernel, int grid, int block, List<Argument> arguments) implements Step {
        public Launch {
            arguments = List.copyOf(arguments);
        }
    }

    public sealed interface Argument permits Pointer, NullPointer, IntValue, LongValue {
    }

    public record Pointer(Role role, long offset) implements Argument {
    }

    /** A pointer the kernel does not follow in this launch. */
    public record NullPointer() implements Argument {
    }

    public record IntValue(int value) implements Argument {
    }

    public record LongValue(long value) implements Argument {
    }

    /**
     * One sort: {@code valueBytes} is 0 for keys only, else 4 or 8; {@code valuesAreIndices} makes the values each
     * key's input position (argsort) instead of reading them; {@code inPlace} says the outputs are the inputs.
     */
    public record Request(long count, ElementType keyType, int valueBytes, boolean valuesAreIndices, SortOrder order,
            GpuRadixSortBits bits, boolean inPlace, int multiprocessors) {
        public Request {
            if (count < 0 || count > MAX_COUNT) {
                throw new IllegalArgumentException("a GPU radix sort takes 0 to " + MAX_COUNT + " keys, not " + count
                        + ": sort parts of the input and merge them");
            }
            if (valueBytes != 0 && valueBytes != 4 && valueBytes != 8) {
                throw new IllegalArgumentException("values are 4 or 8 bytes each, not " + valueBytes);
            }
            if (valuesAreIndices && valueBytes == 0) {
                throw new IllegalArgumentException("indices as values need a value width (4 or 8 bytes)");
            }
            if (multiprocessors <= 0) {
                throw new IllegalArgumentException("multiprocessors must be positive, got " + multiprocessors);
            }
            bits.requireFits(keyType);
        }
    }

    /** Tile digit counts are 32-bit words, so a sort holds fewer than 2^32 keys. */
    public static final long MAX_COUNT = 0xFFFF_FFFFL;

    private static final int ALIGNMENT = 256;
    /** Digit places of a 64-bit key, plus the identity pass. */
    private static final int MAX_PASSES = 9;
    private static final int CONTROL_BYTES = 4 * (MAX_PASSES + 1);

    public static GpuRadixSortPlan of(Request request, GpuRadixSortPolicy policy) {
        long count = request.count();
        if (count == 0) {
            return new GpuRadixSortPlan(0, List.of());
        }
        int keyBytes = request.keyType().byteSize();
        int radix = policy.radix();
        int places = count <= 1 ? 0 : request.bits().digitPlaces(policy.digitBits());
        boolean identityFirst = places == 0 || (request.inPlace() && places % 2 == 1);
        int passes = places + (identityFirst ? 1 : 0);
        long tile = policy.tileSize(keyBytes);
        long tiles = (count + tile - 1) / tile;
        if (tiles > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a sort of " + count + " keys needs more tiles than one launch has");
        }

        long histograms = align(CONTROL_BYTES);
        long offsets = histograms + align(4L * radix * places);
        long tileState = offsets + align(4L * radix * places);
        long alternateKeys = tileState + align(places == 0 ? 0 : 8L * radix * tiles);
        long alternateValues = alternateKeys + align(passes > 1 ? count * keyBytes : 0);
        long discardedKeys = alternateValues + align(passes > 1 ? count * request.valueBytes() : 0);
        long scratchBytes = discardedKeys + align(request.valuesAreIndices() ? count * keyBytes : 0);

        List<Step> steps = new ArrayList<>();
        steps.add(new Zero(0, alternateKeys)); // counters, counts and tile state; the offsets are written, not added to
        int kind = switch (request.keyType()) {
            case UINT32, UINT64 -> 0;
            case INT32, INT64 -> 1;
            case FLOAT32, FLOAT64 -> 2;
        };
        int descending = switch (request.order()) {
            case ASCENDING -> 0;
            case DESCENDING -> 1;
        };
        int keyBits = 8 * keyBytes;
        if (places > 0) {
            long perBlock = (long) policy.histogramThreads() * policy.histogramItems();
            long grid = Math.min((count + perBlock - 1) / perBlock,
                    (long) request.multiprocessors() * policy.histogramBlocksPerMultiprocessor());
            steps.add(new Launch("radix_sort_histogram_keys" + keyBits, (int) grid, policy.histogramThreads(), List.of(
                    new Pointer(Role.KEYS, 0), new LongValue(count), new IntValue(kind), new IntValue(descending),
                    new IntValue(request.bits().beginBit()), new IntValue(request.bits().endBit()),
                    new IntValue(places), new Pointer(Role.SCRATCH, histograms), new Pointer(Role.SCRATCH, offsets),
                    new Pointer(Role.SCRATCH, 4L * MAX_PASSES))));
        }

        boolean hasValues = request.valueBytes() > 0;
        String onesweep = "radix_sort_onesweep_keys" + keyBits + (hasValues ? "_values" + 8 * request.valueBytes() : "");
        Argument keysFrom = new Pointer(Role.KEYS, 0);
        Argument valuesFrom = hasValues && !request.valuesAreIndices() ? new Pointer(Role.VALUES, 0) : new NullPointer();
        for (int pass = 0; pass < passes; pass++) {
            boolean toOutputs = (passes - 1 - pass) % 2 == 0;
            Argument keysTo = !toOutputs ? new Pointer(Role.SCRATCH, alternateKeys)
                    : request.valuesAreIndices() ? new Pointer(Role.SCRATCH, discardedKeys)
                    : new Pointer(Role.SORTED_KEYS, 0);
            Argument valuesTo = !hasValues ? new NullPointer()
                    : toOutputs ? new Pointer(Role.SORTED_VALUES, 0) : new Pointer(Role.SCRATCH, alternateValues);
            int place = identityFirst ? pass - 1 : pass;
            int shift = place < 0 ? 0 : request.bits().beginBit() + place * policy.digitBits();
            int bits = place < 0 ? 0 : Math.min(policy.digitBits(), request.bits().endBit() - shift);
            steps.add(new Launch(onesweep, (int) tiles, policy.threads(), List.of(
                    keysFrom, keysTo, valuesFrom, valuesTo, new LongValue(count), new IntValue(kind),
                    new IntValue(descending), new IntValue(shift), new IntValue(bits),
                    new IntValue(pass == 0 && request.valuesAreIndices() ? 1 : 0), new IntValue(pass),
                    place < 0 ? new NullPointer() : new Pointer(Role.SCRATCH, histograms + 4L * radix * place),
                    place < 0 ? new NullPointer() : new Pointer(Role.SCRATCH, offsets + 4L * radix * place),
                    new Pointer(Role.SCRATCH, 4L * pass),
                    places == 0 ? new NullPointer() : new Pointer(Role.SCRATCH, tileState))));
            keysFrom = keysTo;
            valuesFrom = valuesTo;
        }
        return new GpuRadixSortPlan(scratchBytes, steps);
    }

    private static long align(long bytes) {
        return (bytes + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }
}
