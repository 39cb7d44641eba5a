package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.JoinPairs;
import dev.forge.primitives.cpu.CpuHashJoin;
import dev.forge.primitives.cpu.CpuHashTable;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GpuHashTable}'s layout, read back slot by slot (every distinct key once, reachable from its home slot, its
 * rows ascending), and one table probed twice against {@code CpuHashTable}; empty sides and refused arguments.
 */
@RequiresGpu
class GpuHashTableTest {
    private static final int BLOCK = 256;
    private static final byte POISON = (byte) 0xA5;

    private static CpuWorkers workers;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = GpuInputs.hashKeyCases();
        for (ElementType keyType : new ElementType[] {ElementType.UINT32, ElementType.UINT64}) {
            cases.add(Arguments.of(keyType, BLOCK + 1, Shape.ZIPF));
            cases.add(Arguments.of(keyType, (1 << 20) + 7, Shape.UNIFORM));
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} keys, {1} rows {2}")
    @MethodSource("cases")
    void theTableHoldsEachKeyOnceWithItsRowsAndProbesLikeTheCpuTwin(ElementType keyType, int size, Shape shape) {
        CudaDevice device = Cuda.defaultDevice();
        GpuHashTableBuilder builder = new GpuHashTableBuilder(device);
        long seed = 23L * size + shape.ordinal() + 7L * keyType.ordinal();
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate((long) size * keyType.byteSize())) {
            MemorySegment host = GpuInputs.values(arena, keyType, size, shape, seed);
            GpuInputs.upload(arena, host, keys, stream);
            GpuInputs.poisonPool(pool, GpuHashTable.tableBytes(size) + (1 << 20), POISON, stream);
            try (GpuHashTable table = builder.build(keys, keyType, pool, stream)) {
                assertThat(table.rowCount()).isEqualTo(size);
                assertThat(table.keyType()).isEqualTo(keyType);
                assertLayout(table, host, keyType, size, arena, stream);
                CpuHashTable twin = CpuHashTable.build(workers, host, keyType);
                SplittableRandom random = new SplittableRandom(seed);
                for (int probe = 0; probe < 2; probe++) { // one table, probed again
                    int probeCount = size + 3;
                    MemorySegment probeKeys = GpuInputs.probeKeys(arena, host, keyType, size, probeCount, shape,
                            random);
                    try (DeviceBuffer deviceProbeKeys = device.allocate(probeKeys.byteSize())) {
                        GpuInputs.upload(arena, probeKeys, deviceProbeKeys, stream);
                        JoinPairs expected = twin.probe(probeKeys, arena);
                        GpuInputs.poisonPool(pool, 16 * expected.count() + (1 << 20), POISON, stream);
                        try (GpuJoinPairs pairs = table.probe(deviceProbeKeys, pool, stream)) {
                            GpuHashJoinTest.assertSamePairs(keyType + " " + shape + " probe " + probe, expected,
                                    pairs.copyToHost(arena, stream));
                        }
                    }
                }
            }
        }
    }

    /**
     * Reads the slots and the row array back: each build key has exactly one slot, reachable from its home slot
     * without passing an empty one, holding its row count and its rows (the row itself when there is one, else a
     * range of the row array with the rows ascending).
     */
    private static void assertLayout(GpuHashTable table, MemorySegment keys, ElementType keyType, int size, Arena arena,
            Stream stream) {
        long capacity = table.capacity();
        assertThat(Long.bitCount(capacity)).as("capacity %d is a power of two", capacity).isEqualTo(1);
        assertThat(capacity).as("load factor <= 0.5").isGreaterThanOrEqualTo(Math.max(16, 2L * size));
        MemorySegment slots = arena.allocate(table.slotMemory().byteSize(), 16);
        MemorySegment rows = arena.allocate(Math.max(4, table.rowMemory().byteSize()), 4);
        table.slotMemory().copyToAsync(slots, stream);
        table.rowMemory().copyToAsync(rows.asSlice(0, table.rowMemory().byteSize()), stream);
        stream.synchronize();

        Map<Long, List<Integer>> rowsOfKey = new HashMap<>();
        long[] raw = GpuInputs.rawKeys(keys, keyType, size);
        for (int row = 0; row < size; row++) {
            long key = keyType.byteSize() == 4 ? raw[row] & 0xFFFF_FFFFL : raw[row]; // 32-bit keys zero-extended
            rowsOfKey.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        int occupied = 0;
        for (long slot = 0; slot < capacity; slot++) {
            long key = slots.get(ValueLayout.JAVA_LONG, 16 * slot);
            int count = slots.get(ValueLayout.JAVA_INT, 16 * slot + 8);
            int first = slots.get(ValueLayout.JAVA_INT, 16 * slot + 12);
            if (count == 0) {
                continue;
            }
            occupied++;
            List<Integer> expected = rowsOfKey.get(key);
            assertThat(expected).as("slot %d holds key %d, which no build row has", slot, key).isNotNull();
            assertThat(count).as("rows of key %d", key).isEqualTo(expected.size());
            List<Integer> actual = new ArrayList<>();
            for (int j = 0; j < count; j++) {
                actual.add(count == 1 ? first : rows.getAtIndex(ValueLayout.JAVA_INT, (long) first + j));
            }
            if (!actual.equals(expected)) {
                assertThat(actual).as("rows of key %d", key).containsExactlyElementsOf(expected);
            }
            for (long walk = mix(key) & (capacity - 1); walk != slot; walk = (walk + 1) & (capacity - 1)) {
                if (slots.get(ValueLayout.JAVA_INT, 16 * walk + 8) == 0) {
                    assertThat(walk).as("an empty slot on the way from key %d's home slot to slot %d", key, slot)
                            .isEqualTo(-1L);
                }
            }
        }
        assertThat(occupied).as("occupied slots: one per distinct key").isEqualTo(rowsOfKey.size());
    }

    /** hash_mix of hash_mix.cuh. */
    private static long mix(long key) {
        long h = key;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    @Test
    void emptySidesGiveEmptyOrUnmatchedResults() {
        CudaDevice device = Cuda.defaultDevice();
        GpuHashTableBuilder builder = new GpuHashTableBuilder(device);
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer noKeys = device.allocate(0); DeviceBuffer probeKeys = device.allocate(8 * 10);
                DeviceBuffer rows = device.allocate(8 * 10); DeviceBuffer rowCount = device.allocate(8)) {
            long[] keys = {5, -5, 0, 7, 7, 7, 1L << 40, -1, 3, 4};
            GpuInputs.upload(arena, MemorySegment.ofArray(keys), probeKeys, stream);
            try (GpuHashTable empty = builder.build(noKeys, ElementType.INT64, pool, stream)) {
                try (GpuJoinPairs pairs = empty.probe(probeKeys, pool, stream)) {
                    assertThat(pairs.count()).isZero();
                }
                try (GpuJoinPairs pairs = empty.probeKeepingUnmatched(probeKeys, pool, stream)) {
                    JoinPairs host = pairs.copyToHost(arena, stream);
                    assertThat(host.count()).isEqualTo(10);
                    for (int i = 0; i < 10; i++) {
                        assertThat(new long[] {host.leftRow(i), host.rightRow(i)}).containsExactly(i, -1);
                    }
                }
                rowCount.fillAsync(POISON, stream);
                empty.matchedRows(probeKeys, rows, rowCount, pool, stream);
                assertThat(readLongs(rowCount, arena, stream)).containsExactly(0);
                empty.unmatchedRows(probeKeys, rows, rowCount, pool, stream);
                assertThat(readLongs(rowCount, arena, stream)).containsExactly(10);
                assertThat(readLongs(rows, arena, stream)).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            }
            try (GpuHashTable table = builder.build(probeKeys, ElementType.INT64, pool, stream)) {
                try (GpuJoinPairs pairs = table.probe(noKeys, pool, stream)) {
                    assertThat(pairs.count()).isZero();
                }
                rowCount.fillAsync(POISON, stream);
                table.matchedRows(noKeys, rows, rowCount, pool, stream);
                assertThat(readLongs(rowCount, arena, stream)).containsExactly(0);
            }
        }
    }

    private static long[] readLongs(DeviceBuffer memory, Arena arena, Stream stream) {
        MemorySegment host = arena.allocate(memory.byteSize(), 8);
        memory.copyToAsync(host, stream);
        stream.synchronize();
        return host.toArray(ValueLayout.JAVA_LONG);
    }

    @Test
    void badKeyTypesSizesAndOutputsAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuHashTableBuilder builder = new GpuHashTableBuilder(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(64); DeviceBuffer odd = device.allocate(12);
                DeviceBuffer small = device.allocate(4)) {
            assertThatThrownBy(() -> builder.build(keys, ElementType.FLOAT64, pool, stream))
                    .hasMessageContaining("keyType must be an integer type").hasMessageContaining("FLOAT64");
            assertThatThrownBy(() -> builder.build(odd, ElementType.INT64, pool, stream))
                    .hasMessageContaining("keys hold 12 bytes, not a whole number of INT64 keys");
            try (GpuHashTable table = builder.build(keys, ElementType.INT64, pool, stream)) {
                assertThatThrownBy(() -> table.probe(odd, pool, stream))
                        .hasMessageContaining("probeKeys hold 12 bytes");
                assertThatThrownBy(() -> table.matchedRows(keys, small, keys, pool, stream))
                        .hasMessageContaining("matchedRows holds 4 bytes").hasMessageContaining("needs 64");
                assertThatThrownBy(() -> table.unmatchedRows(keys, keys, small, pool, stream))
                        .hasMessageContaining("rowCount holds 4 bytes");
            }
        }
    }
}
