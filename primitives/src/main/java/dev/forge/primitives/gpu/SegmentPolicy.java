package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SegmentedSumOrder;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * The tile geometry of the segmented kernels as compiled into them (segment_policy.cuh is the one place it is set):
 * block width and values per thread. It fixes the kernels' floating sum order, {@link #sumOrder()}.
 */
public record SegmentPolicy(int threads, int itemsFor4ByteElements, int itemsFor8ByteElements) {

    /** How many words the kernels {@code *_read_policy} write. */
    static final int WORDS = 3;

    public SegmentPolicy {
        if (threads <= 0 || threads % 32 != 0 || itemsFor4ByteElements <= 0 || itemsFor4ByteElements > 31
                || itemsFor8ByteElements <= 0 || itemsFor8ByteElements > 31) {
            throw new IllegalArgumentException("not a usable segment policy: " + threads + " threads x "
                    + itemsFor4ByteElements + "/" + itemsFor8ByteElements + " items");
        }
    }

    static SegmentPolicy fromWords(int[] words) {
        if (words.length != WORDS) {
            throw new IllegalArgumentException("a segment policy has " + WORDS + " words, got " + Arrays.toString(words));
        }
        return new SegmentPolicy(words[0], words[1], words[2]);
    }

    /** Runs kernel {@code kernel} of {@code module} once and reads the policy it writes (a synchronous step). */
    static SegmentPolicy read(Module module, String kernel) {
        try (DeviceBuffer words = module.device().allocate(4L * WORDS); Stream stream = module.device().createStream()) {
            module.kernel(kernel).launcher().grid(1).block(32).stream(stream).arg(words).launch();
            stream.synchronize();
            int[] policyWords = new int[WORDS];
            words.copyTo(MemorySegment.ofArray(policyWords));
            return fromWords(policyWords);
        }
    }

    /** Elements per tile (one block's share) when each is {@code elementBytes} wide. */
    public int tileSize(int elementBytes) {
        return threads * (elementBytes == 4 ? itemsFor4ByteElements : itemsFor8ByteElements);
    }

    public int tileSize(ElementType type) {
        return tileSize(type.byteSize());
    }

    /** The order these kernels add floating-point values in. */
    public SegmentedSumOrder sumOrder() {
        return new SegmentedSumOrder(threads / 32, itemsFor4ByteElements, itemsFor8ByteElements);
    }
}
