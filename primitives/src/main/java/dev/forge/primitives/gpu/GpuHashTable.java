package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.primitives.ElementType;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A hash table on the GPU from 32- or 64-bit integer keys to the build rows that hold them, built by
 * {@link GpuHashTableBuilder} and probed here (kernels in hash_table.cu; hash_table.cuh has the layout and the device
 * functions a generated query kernel probes it with). It answers as {@code CpuHashTable} does: keys are equal when
 * their bits are, duplicate keys are kept, and probe matches come in probe row order and, for one probe row, in
 * ascending build row order, the same from run to run.
 *
 * <p>Layout: {@link #capacity} 16-byte slots (the smallest power of two at least twice the build rows, so at most
 * half are used: load factor <= 0.5 whatever the duplicates), one per distinct key, holding the key, its row count
 * and either the row itself (a key held once) or where its rows start in the row array (4 bytes per build row, the
 * rows of each key together and ascending).
 *
 * <p>The table owns its memory, allocated from the build's pool on the build's stream, and {@link #close} frees it
 * in that stream's order: queue probes on the build stream, or make it wait for them, before closing.
 */
public final class GpuHashTable implements AutoCloseable {
    /** Row numbers and row-array offsets are 32-bit, and 0xFFFFFFFF marks "no row" in a left outer probe. */
    public static final long MAX_BUILD_ROWS = 0xFFFF_FFFEL;
    static final int SLOT_BYTES = 16;
    private static final int MIN_CAPACITY = 16;

    private final GpuHashTableKernels kernels;
    private final ElementType keyType;
    private final long rowCount;
    private final long capacity;
    private final DeviceBuffer slots;
    private final DeviceBuffer rows;

    GpuHashTable(GpuHashTableKernels kernels, ElementType keyType, long rowCount, long capacity, DeviceBuffer slots,
            DeviceBuffer rows) {
        this.kernels = kernels;
        this.keyType = keyType;
        this.rowCount = rowCount;
        this.capacity = capacity;
        this.slots = slots;
        this.rows = rows;
    }

    /** Slots for {@code rowCount} build rows: the smallest power of two that is at least twice as many (and 16). */
    static long capacityFor(long rowCount) {
        long wanted = Math.max(MIN_CAPACITY, 2 * rowCount);
        return Long.bitCount(wanted) == 1 ? wanted : Long.highestOneBit(wanted) << 1;
    }

    /** The pool memory a table over {@code rowCount} build rows holds. */
    public static long tableBytes(long rowCount) {
        return capacityFor(rowCount) * SLOT_BYTES + 4 * rowCount;
    }

    public ElementType keyType() {
        return keyType;
    }

    public long rowCount() {
        return rowCount;
    }

    /** The number of slots, a power of two: a probe kernel masks hashes with {@code capacity() - 1}. */
    public long capacity() {
        return capacity;
    }

    /** The slots (struct HashSlot of hash_table.cuh), for a query kernel's HashTableView. */
    public DeviceMemory slotMemory() {
        return slots.slice(0, capacity * SLOT_BYTES);
    }

    /** The row array (uint32 build rows grouped by key), for a query kernel's HashTableView. */
    public DeviceMemory rowMemory() {
        return rows.slice(0, 4 * rowCount);
    }

    /**
     * Every (probe row, build row) pair with equal keys, in probe row order and ascending build row order within a
     * probe row, as {@code CpuHashTable.probe} gives them; {@code probeKeys} has the table's key type.
     *
     * <p>The output's size is counted first (a counting pass and a scan), and the host waits for that count: the one
     * synchronisation of the call, since the output is allocated (from {@code pool}, on {@code stream}) to fit it
     * exactly. The pairs are written by a kernel still queued when this returns.
     */
    public GpuJoinPairs probe(DeviceMemory probeKeys, MemoryPool pool, Stream stream) {
        return pairs(probeKeys, false, pool, stream);
    }

    /** Like {@link #probe}, plus one pair (probe row, -1) for each probe row without a match: a left outer join. */
    public GpuJoinPairs probeKeepingUnmatched(DeviceMemory probeKeys, MemoryPool pool, Stream stream) {
        return pairs(probeKeys, true, pool, stream);
    }

    /**
     * Writes the probe rows (INT64, ascending) that have at least one match to {@code matchedRows} and their number
     * (INT64) to {@code rowCount} in device memory: a left semi join. {@code matchedRows} must hold as many INT64 as
     * there are probe rows. Three kernels and a memset; nothing waits on the host.
     */
    public void matchedRows(DeviceMemory probeKeys, DeviceMemory matchedRows, DeviceMemory rowCount, MemoryPool pool,
            Stream stream) {
        flaggedRows(probeKeys, true, matchedRows, rowCount, pool, stream);
    }

    /** Like {@link #matchedRows} for the probe rows without any match: a left anti join. */
    public void unmatchedRows(DeviceMemory probeKeys, DeviceMemory unmatchedRows, DeviceMemory rowCount,
            MemoryPool pool, Stream stream) {
        flaggedRows(probeKeys, false, unmatchedRows, rowCount, pool, stream);
    }

    private GpuJoinPairs pairs(DeviceMemory probeKeys, boolean keepUnmatched, MemoryPool pool, Stream stream) {
        long count = count(probeKeys, keyType, "probeKeys");
        String what = "probing a GPU hash table with " + count + " rows";
        String remedy = "probe with a part of the rows at a time";
        if (count == 0) {
            return GpuJoinPairs.allocate(0, pool, stream);
        }
        try (DeviceBuffer endsBuffer = PoolMemory.allocate(pool, 8 * count, stream, what, remedy);
                DeviceBuffer matchRowsBuffer = PoolMemory.allocate(pool, 4 * count, stream, what, remedy)) {
            DeviceMemory ends = endsBuffer.slice(0, 8 * count);
            DeviceMemory matchRows = matchRowsBuffer.slice(0, 4 * count);
            kernels.launch("hash_table_count_matches_keys" + bits(), count, stream)
                    .arg(slots).arg(rows).arg(capacity - 1).arg(probeKeys).arg(count).arg(keepUnmatched ? 1 : 0)
                    .arg(ends).arg(matchRows)
                    .launch();
            kernels.scan().inclusiveSum(ends, ends, ElementType.INT64, pool, stream);
            long total = readLong(ends.slice(8 * (count - 1), 8), stream);
            GpuJoinPairs pairs = GpuJoinPairs.allocate(total, pool, stream);
            try {
                kernels.launch("hash_table_write_matches", count, stream)
                        .arg(rows).arg(ends).arg(matchRows).arg(count).arg(pairs.leftRows()).arg(pairs.rightRows())
                        .launch();
                return pairs;
            } catch (RuntimeException failure) {
                pairs.close();
                throw failure;
            }
        }
    }

    private void flaggedRows(DeviceMemory probeKeys, boolean matched, DeviceMemory output, DeviceMemory rowCount,
            MemoryPool pool, Stream stream) {
        long count = count(probeKeys, keyType, "probeKeys");
        String outputName = matched ? "matchedRows" : "unmatchedRows";
        if (output.byteSize() < 8 * count) {
            throw new IllegalArgumentException(outputName + " holds " + output.byteSize() + " bytes; " + count
                    + " probe rows may all be written, which needs " + 8 * count);
        }
        if (rowCount.byteSize() < Long.BYTES) {
            throw new IllegalArgumentException("rowCount holds " + rowCount.byteSize() + " bytes; the int64 count needs 8");
        }
        rowCount.slice(0, Long.BYTES).fillIntsAsync(0, stream); // the answer for no probe rows
        if (count == 0) {
            return;
        }
        try (DeviceBuffer flagsBuffer = PoolMemory.allocate(pool, 8 * count, stream,
                "flagging " + count + " probe rows of a GPU hash table", "probe with a part of the rows at a time")) {
            DeviceMemory flags = flagsBuffer.slice(0, 8 * count);
            kernels.launch("hash_table_flag_matches_keys" + bits(), count, stream)
                    .arg(slots).arg(rows).arg(capacity - 1).arg(probeKeys).arg(count).arg(matched ? 1 : 0).arg(flags)
                    .launch();
            kernels.scan().inclusiveSum(flags, flags, ElementType.INT64, pool, stream);
            kernels.launch("hash_table_emit_rows", count, stream)
                    .arg(flags).arg(count).arg(output).arg(rowCount)
                    .launch();
        }
    }

    private String bits() {
        return keyType.byteSize() == 4 ? "32" : "64";
    }

    /** Waits for {@code stream} and reads one int64 from device memory. */
    private static long readLong(DeviceMemory word, Stream stream) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment host = arena.allocate(ValueLayout.JAVA_LONG);
            word.copyToAsync(host, stream);
            stream.synchronize();
            return host.get(ValueLayout.JAVA_LONG, 0);
        }
    }

    static void requireKeyType(ElementType keyType) {
        switch (keyType) {
            case INT32, UINT32, INT64, UINT64 -> {
            }
            case FLOAT32, FLOAT64 -> throw new IllegalArgumentException(
                    "keyType must be an integer type (INT32, UINT32, INT64, UINT64), got " + keyType
                            + ": hash floating keys by their bits or dictionary-encode them first");
        }
    }

    static long count(DeviceMemory keys, ElementType keyType, String name) {
        if (keys.byteSize() % keyType.byteSize() != 0) {
            throw new IllegalArgumentException(name + " hold " + keys.byteSize() + " bytes, not a whole number of "
                    + keyType + " keys: pass memory sliced to the key count");
        }
        return keys.byteSize() / keyType.byteSize();
    }

    /** Frees the table's memory in the order of the stream it was built on. */
    @Override
    public void close() {
        slots.close();
        rows.close();
    }
}
