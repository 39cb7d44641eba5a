package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Graph;
import dev.forge.cuda.GraphExec;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.TotalOrder;
import dev.forge.primitives.cpu.CpuRadixSort;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@RequiresGpu
class GpuRadixSortTest {
    private static final byte POISON = (byte) 0xA5;
    private static final int GUARD_BYTES = 64;

    private static CpuWorkers workers;
    private static CpuRadixSort cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuRadixSort(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    /** Sizes relative to the policy's tile, resolved in the test (the tile comes from the loaded kernels). */
    enum Size {
        ZERO, ONE, TILE_MINUS_ONE, TILE, TILE_PLUS_ONE, MILLION, SIXTEEN_MILLION, SIXTY_FOUR_MILLION;

        int resolve(int tile) {
            return switch (this) {
                case ZERO -> 0;
                case ONE -> 1;
                case TILE_MINUS_ONE -> tile - 1;
                case TILE -> tile;
                case TILE_PLUS_ONE -> tile + 1;
                case MILLION -> (1 << 20) + 7;
                case SIXTEEN_MILLION -> 1 << 24;
                case SIXTY_FOUR_MILLION -> 1 << 26;
            };
        }
    }

    enum Mode {
        KEYS, PAIRS_4_BYTE_VALUES, PAIRS_8_BYTE_VALUES, ARGSORT_INT32, ARGSORT_INT64
    }

    /**
     * Every key type, order and mode at the small sizes with every shape; the large sizes once per type and mode
     * with a shape and order that rotate; 2^26 for 32-bit keys and pairs and for 64-bit keys.
     */
    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = java.util.stream.Stream.builder();
        int rotation = 0;
        for (ElementType type : ElementType.values()) {
            for (Mode mode : Mode.values()) {
                for (Size size : Size.values()) {
                    boolean large = size.compareTo(Size.MILLION) >= 0;
                    if (size == Size.SIXTY_FOUR_MILLION && !(mode == Mode.KEYS
                            || (type.byteSize() == 4 && mode == Mode.PAIRS_4_BYTE_VALUES))) {
                        continue;
                    }
                    for (Shape shape : Shape.values()) {
                        for (SortOrder order : SortOrder.values()) {
                            boolean chosen = !large || rotation++ % (Shape.values().length * 2) == 0;
                            if (chosen) {
                                cases.add(Arguments.of(type, mode, size, shape, order));
                            }
                        }
                    }
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3} {4}")
    @MethodSource("cases")
    void sortsLikeTheCpuTwin(ElementType type, Mode mode, Size sizeKind, Shape shape, SortOrder order) {
        CudaDevice device = Cuda.defaultDevice();
        GpuRadixSort sort = new GpuRadixSort(device);
        int size = sizeKind.resolve(sort.policy().tileSize(type.byteSize()));
        int valueBytes = switch (mode) {
            case KEYS -> 0;
            case PAIRS_4_BYTE_VALUES, ARGSORT_INT32 -> 4;
            case PAIRS_8_BYTE_VALUES, ARGSORT_INT64 -> 8;
        };
        ElementType valueType = valueBytes == 4 ? ElementType.INT32 : ElementType.INT64;
        long keyBytes = (long) size * type.byteSize();
        long valueTotal = (long) size * valueBytes;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(keyBytes); DeviceBuffer values = device.allocate(valueTotal);
                DeviceBuffer sortedKeys = device.allocate(keyBytes + GUARD_BYTES);
                DeviceBuffer sortedValues = device.allocate(valueTotal + GUARD_BYTES)) {
            long seed = 1_000_003L * size + 31L * shape.ordinal() + 7L * type.ordinal() + mode.ordinal();
            MemorySegment hostKeys = GpuInputs.values(arena, type, size, shape, seed);
            MemorySegment hostValues = randomPayload(arena, valueTotal, seed + 1);
            keys.copyFrom(hostKeys);
            values.copyFrom(hostValues);
            sortedKeys.fill(POISON);
            sortedValues.fill(POISON);
            MemorySegment expectedKeys = arena.allocate(Math.max(keyBytes, 1), 16).asSlice(0, keyBytes);
            MemorySegment expectedValues = arena.allocate(Math.max(valueTotal, 1), 16).asSlice(0, valueTotal);
            DeviceBuffer keyOutput = sortedKeys;
            switch (mode) {
                case KEYS -> {
                    sort.sortKeys(keys, type, order, sortedKeys.slice(0, keyBytes), pool, stream);
                    cpu.sortKeys(hostKeys, type, order, expectedKeys);
                }
                case PAIRS_4_BYTE_VALUES, PAIRS_8_BYTE_VALUES -> {
                    sort.sortPairs(keys, type, values, valueType, order, sortedKeys.slice(0, keyBytes),
                            sortedValues.slice(0, valueTotal), pool, stream);
                    cpu.sortPairs(hostKeys, type, hostValues, valueType, order, expectedKeys, expectedValues);
                }
                case ARGSORT_INT32, ARGSORT_INT64 -> {
                    sort.argsort(keys, type, order, sortedValues.slice(0, valueTotal), valueType, pool, stream);
                    cpu.argsort(hostKeys, type, order, expectedValues, valueType);
                    keyOutput = null;
                }
            }
            stream.synchronize();
            String what = type + " " + mode + " of " + size + " " + shape + " " + order;
            if (keyOutput != null) {
                assertSameBytes(what + ": keys", expectedKeys, download(arena, keyOutput), keyBytes);
            }
            if (valueBytes > 0) {
                assertSameBytes(what + ": values", expectedValues, download(arena, sortedValues), valueTotal);
            }
            assertSameBytes(what + ": input keys untouched", hostKeys, download(arena, keys), keyBytes);
        }
    }

    /** In place with an even and an odd number of digit places (the odd one needs the plan's identity pass). */
    @ParameterizedTest(name = "{0} over bits [0, {1})")
    @MethodSource("inPlaceCases")
    void sortsInPlace(ElementType type, int endBit) {
        CudaDevice device = Cuda.defaultDevice();
        GpuRadixSort sort = new GpuRadixSort(device);
        int size = 3 * sort.policy().tileSize(type.byteSize()) + 17;
        long keyBytes = (long) size * type.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(keyBytes); DeviceBuffer values = device.allocate(4L * size)) {
            MemorySegment hostKeys = GpuInputs.values(arena, type, size, Shape.UNIFORM, endBit);
            // Keys within the bit range: clear the bits above it in the ordered key, then map back.
            for (int i = 0; i < size; i++) {
                long ordered = TotalOrder.unsignedKey(type, rawBits(hostKeys, type, i));
                long kept = endBit == 64 ? ordered : ordered & ((1L << endBit) - 1);
                setRawBits(hostKeys, type, i, TotalOrder.rawBitsOfUnsignedKey(type, kept));
            }
            MemorySegment hostValues = randomPayload(arena, 4L * size, endBit);
            keys.copyFrom(hostKeys);
            values.copyFrom(hostValues);
            sort.sortPairs(keys, type, values, ElementType.INT32, SortOrder.DESCENDING, new GpuRadixSortBits(0, endBit),
                    keys, values, pool, stream);
            stream.synchronize();
            MemorySegment expectedKeys = arena.allocate(keyBytes, 16);
            MemorySegment expectedValues = arena.allocate(4L * size, 16);
            cpu.sortPairs(hostKeys, type, hostValues, ElementType.INT32, SortOrder.DESCENDING, expectedKeys, expectedValues);
            assertSameBytes(type + " in place: keys", expectedKeys, download(arena, keys), keyBytes);
            assertSameBytes(type + " in place: values", expectedValues, download(arena, values), 4L * size);
        }
    }

    static java.util.stream.Stream<Arguments> inPlaceCases() {
        return java.util.stream.Stream.of(Arguments.of(ElementType.UINT32, 32), Arguments.of(ElementType.INT32, 24),
                Arguments.of(ElementType.UINT64, 64), Arguments.of(ElementType.UINT64, 40),
                Arguments.of(ElementType.INT64, 56));
    }

    /** The bits from the keys' own minimum and maximum sort exactly like all the bits, in fewer passes. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("rangeTypes")
    void theBitsOfTheKeyRangeSortLikeAllBits(ElementType type) {
        CudaDevice device = Cuda.defaultDevice();
        GpuRadixSort sort = new GpuRadixSort(device);
        int size = 200_003;
        long keyBytes = (long) size * type.byteSize();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(keyBytes); DeviceBuffer indices = device.allocate(4L * size)) {
            MemorySegment hostKeys = GpuInputs.values(arena, type, size, Shape.ZIPF, 5);
            // Zipf magnitudes without their random signs: both signs would make the top ordered bit vary.
            long sign = 1L << (8 * type.byteSize() - 1);
            for (int i = 0; i < size; i++) {
                setRawBits(hostKeys, type, i, rawBits(hostKeys, type, i) & ~sign);
            }
            long[] raw = IntStream.range(0, size).mapToLong(i -> rawBits(hostKeys, type, i)).toArray();
            Comparator<Long> byOrder = Comparator.comparing(bits -> TotalOrder.unsignedKey(type, bits), Long::compareUnsigned);
            long min = Arrays.stream(raw).boxed().min(byOrder).orElseThrow();
            long max = Arrays.stream(raw).boxed().max(byOrder).orElseThrow();
            GpuRadixSortBits bits = GpuRadixSortBits.forRange(type, min, max);
            assertThat(bits.endBit()).as("Zipf keys need fewer bits than the type has").isLessThan(8 * type.byteSize());
            keys.copyFrom(hostKeys);
            sort.argsort(keys, type, SortOrder.ASCENDING, bits, indices, ElementType.INT32, pool, stream);
            stream.synchronize();
            MemorySegment expected = arena.allocate(4L * size, 16);
            cpu.argsort(hostKeys, type, SortOrder.ASCENDING, expected, ElementType.INT32);
            assertSameBytes(type + " over " + bits, expected, download(arena, indices), 4L * size);
        }
    }

    static java.util.stream.Stream<ElementType> rangeTypes() {
        return java.util.stream.Stream.of(ElementType.INT32, ElementType.INT64, ElementType.FLOAT32, ElementType.FLOAT64);
    }

    /** Keys differing only outside the bit range count as equal: a stable sort on the bits [4, 13) alone. */
    @Test
    void bitsOutsideTheRangeAreIgnored() {
        CudaDevice device = Cuda.defaultDevice();
        GpuRadixSort sort = new GpuRadixSort(device);
        int size = 50_001;
        GpuRadixSortBits bits = new GpuRadixSortBits(4, 13);
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(4L * size); DeviceBuffer indices = device.allocate(4L * size)) {
            MemorySegment hostKeys = GpuInputs.values(arena, ElementType.UINT32, size, Shape.UNIFORM, 11);
            keys.copyFrom(hostKeys);
            sort.argsort(keys, ElementType.UINT32, SortOrder.ASCENDING, bits, indices, ElementType.INT32, pool, stream);
            stream.synchronize();
            int[] actual = new int[size];
            indices.copyTo(MemorySegment.ofArray(actual));
            Integer[] expected = IntStream.range(0, size).boxed().toArray(Integer[]::new);
            Arrays.sort(expected, Comparator.comparingInt(i -> (hostKeys.getAtIndex(ValueLayout.JAVA_INT, i) >>> 4) & 0x1FF));
            assertThat(actual).isEqualTo(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }

    /** Stream capture fails on any host synchronisation, so a sort that captures into a graph has none. */
    @Test
    void aSortCapturesIntoAGraphAndRunsFromIt() {
        CudaDevice device = Cuda.defaultDevice();
        GpuRadixSort sort = new GpuRadixSort(device);
        int size = 300_007;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(8L * size); DeviceBuffer values = device.allocate(4L * size);
                DeviceBuffer sortedKeys = device.allocate(8L * size); DeviceBuffer sortedValues = device.allocate(4L * size)) {
            MemorySegment hostKeys = GpuInputs.values(arena, ElementType.FLOAT64, size, Shape.UNIFORM, 3);
            MemorySegment hostValues = randomPayload(arena, 4L * size, 4);
            keys.copyFrom(hostKeys);
            values.copyFrom(hostValues);
            sortedKeys.fill(POISON);
            try (Graph graph = Graph.capture(stream, () -> sort.sortPairs(keys, ElementType.FLOAT64, values,
                    ElementType.INT32, SortOrder.ASCENDING, sortedKeys, sortedValues, pool, stream));
                    GraphExec executable = graph.instantiate()) {
                executable.launch(stream);
                stream.synchronize();
            }
            MemorySegment expectedKeys = arena.allocate(8L * size, 16);
            MemorySegment expectedValues = arena.allocate(4L * size, 16);
            cpu.sortPairs(hostKeys, ElementType.FLOAT64, hostValues, ElementType.INT32, SortOrder.ASCENDING, expectedKeys,
                    expectedValues);
            assertSameBytes("graph: keys", expectedKeys, download(arena, sortedKeys), 8L * size);
            assertSameBytes("graph: values", expectedValues, download(arena, sortedValues), 4L * size);
        }
    }

    @Test
    void badArgumentsAreRefusedWithWhatIsWrong() {
        CudaDevice device = Cuda.defaultDevice();
        GpuRadixSort sort = new GpuRadixSort(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(64); DeviceBuffer small = device.allocate(32)) {
            assertThatThrownBy(() -> sort.sortKeys(keys, ElementType.INT32, SortOrder.ASCENDING, small, pool, stream))
                    .hasMessageContaining("sortedKeys holds 32 bytes");
            assertThatThrownBy(() -> sort.sortKeys(keys.slice(0, 32), ElementType.INT32, SortOrder.ASCENDING,
                    keys.slice(4, 32), pool, stream)).hasMessageContaining("overlaps keys");
            assertThatThrownBy(() -> sort.argsort(keys, ElementType.INT64, SortOrder.ASCENDING, small,
                    ElementType.FLOAT32, pool, stream)).hasMessageContaining("INT32 or INT64");
            assertThatThrownBy(() -> sort.sortKeys(keys, ElementType.INT32, SortOrder.ASCENDING,
                    new GpuRadixSortBits(0, 40), keys, pool, stream)).hasMessageContaining("wider than a INT32");
        }
    }

    private static MemorySegment randomPayload(Arena arena, long bytes, long seed) {
        MemorySegment payload = arena.allocate(Math.max(bytes, 1), 16).asSlice(0, bytes);
        SplittableRandom random = new SplittableRandom(seed);
        for (long i = 0; i < bytes / 4; i++) {
            payload.setAtIndex(ValueLayout.JAVA_INT, i, random.nextInt());
        }
        return payload;
    }

    private static MemorySegment download(Arena arena, DeviceBuffer buffer) {
        MemorySegment host = arena.allocate(Math.max(buffer.byteSize(), 1), 16).asSlice(0, buffer.byteSize());
        buffer.copyTo(host);
        return host;
    }

    /** The first {@code bytes} bytes match; anything after them (the guard) is still poison. */
    private static void assertSameBytes(String what, MemorySegment expected, MemorySegment actual, long bytes) {
        long mismatch = expected.asSlice(0, bytes).mismatch(actual.asSlice(0, bytes));
        assertThat(mismatch).as(what + ": first differing byte").isEqualTo(-1L);
        for (long i = bytes; i < actual.byteSize(); i++) {
            assertThat(actual.get(ValueLayout.JAVA_BYTE, i)).as(what + ": byte %d past the end", i - bytes)
                    .isEqualTo(POISON);
        }
    }

    private static long rawBits(MemorySegment segment, ElementType type, long index) {
        return type.byteSize() == 4 ? segment.getAtIndex(ValueLayout.JAVA_INT, index) & 0xFFFF_FFFFL
                : segment.getAtIndex(ValueLayout.JAVA_LONG, index);
    }

    private static void setRawBits(MemorySegment segment, ElementType type, long index, long bits) {
        if (type.byteSize() == 4) {
            segment.setAtIndex(ValueLayout.JAVA_INT, index, (int) bits);
        } else {
            segment.setAtIndex(ValueLayout.JAVA_LONG, index, bits);
        }
    }
}
