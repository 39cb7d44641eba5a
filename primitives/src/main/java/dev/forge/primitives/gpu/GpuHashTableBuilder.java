package dev.forge.primitives.gpu;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import dev.forge.cuda.compile.KernelCompiler;
import dev.forge.cuda.compile.KernelSource;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;

/**
 * Builds {@link GpuHashTable}s on one device. It loads hash_table.cu, the radix sort and the scan once; the radix
 * sort reads its tuning policy from the device then, the one synchronous step, so a build never waits on the host.
 */
public final class GpuHashTableBuilder {
    private static final String REMEDY = "build the table over a partition of the rows (for example by hash) and"
            + " probe each partition's table with the matching probe rows";

    private final GpuHashTableKernels kernels;
    private final GpuRadixSort sort;

    public GpuHashTableBuilder(CudaDevice device) {
        Module module = KernelCompiler.shared(device).load(
                KernelSource.fromResource(GpuHashTableBuilder.class, "/kernels/hash_table.cu"));
        this.kernels = new GpuHashTableKernels(module, new GpuScan(device), device.info().multiprocessors());
        this.sort = new GpuRadixSort(device);
    }

    /**
     * Queues the build of a table over {@code keys} (INT32, UINT32, INT64 or UINT64; row {@code i} holds
     * {@code keys[i]}, and {@code keys} is exactly as long as its rows) on {@code stream}, with its memory and the
     * build's temporary memory from {@code pool}; nothing waits on the host. The keys may be changed once the
     * stream has passed the build.
     *
     * <p>The table takes {@link GpuHashTable#tableBytes} of pool memory; the build takes about as much again for the
     * sort. A device without that much room throws {@link GpuOutOfMemoryException}, naming the sizes.
     */
    public GpuHashTable build(DeviceMemory keys, ElementType keyType, MemoryPool pool, Stream stream) {
        GpuHashTable.requireKeyType(keyType);
        long rowCount = GpuHashTable.count(keys, keyType, "keys");
        if (rowCount > GpuHashTable.MAX_BUILD_ROWS) {
            throw new IllegalArgumentException("keys hold " + rowCount + " rows; a GPU hash table takes at most "
                    + GpuHashTable.MAX_BUILD_ROWS + " (row numbers are 32-bit): " + REMEDY);
        }
        long capacity = GpuHashTable.capacityFor(rowCount);
        String what = "a GPU hash table over " + rowCount + " build rows (" + capacity + " slots of "
                + GpuHashTable.SLOT_BYTES + " bytes, at most half of them used, and 4 bytes per row)";
        DeviceBuffer slots = PoolMemory.allocate(pool, capacity * GpuHashTable.SLOT_BYTES, stream, what, REMEDY);
        DeviceBuffer rows = null;
        try {
            rows = PoolMemory.allocate(pool, 4 * rowCount, stream, what, REMEDY);
            slots.fillIntsAsync(0, stream); // every slot empty: count 0
            if (rowCount > 0) {
                fill(keys.slice(0, rowCount * keyType.byteSize()), keyType, rowCount, capacity, slots,
                        rows.slice(0, 4 * rowCount), pool, stream, what);
            }
            return new GpuHashTable(kernels, keyType, rowCount, capacity, slots, rows);
        } catch (RuntimeException failure) {
            slots.close();
            if (rows != null) {
                rows.close();
            }
            throw failure;
        }
    }

    /** Sorts the keys with their row numbers into {@code rows}, then gives every distinct key its slot. */
    private void fill(DeviceMemory keys, ElementType keyType, long rowCount, long capacity, DeviceMemory slots,
            DeviceMemory rows, MemoryPool pool, Stream stream, String what) {
        // the sort only has to bring equal keys together: raw bits sort as unsigned, with no order transform
        ElementType bitsType = keyType.byteSize() == 4 ? ElementType.UINT32 : ElementType.UINT64;
        String sorting = "sorting the build keys of " + what;
        try (DeviceBuffer rowNumbers = PoolMemory.allocate(pool, 4 * rowCount, stream, sorting, REMEDY);
                DeviceBuffer sortedKeys = PoolMemory.allocate(pool, keys.byteSize(), stream, sorting, REMEDY)) {
            DeviceMemory numbers = rowNumbers.slice(0, 4 * rowCount);
            DeviceMemory sorted = sortedKeys.slice(0, keys.byteSize());
            kernels.launch("hash_table_row_numbers", rowCount, stream).arg(numbers).arg(rowCount).launch();
            sort.sortPairs(keys, bitsType, numbers, ElementType.UINT32, SortOrder.ASCENDING, sorted, rows, pool, stream);
            String bits = keyType.byteSize() == 4 ? "32" : "64";
            long mask = capacity - 1;
            kernels.launch("hash_table_insert_keys" + bits, rowCount, stream)
                    .arg(sorted).arg(rowCount).arg(slots).arg(mask)
                    .launch();
            kernels.launch("hash_table_count_keys" + bits, rowCount, stream)
                    .arg(sorted).arg(rows).arg(rowCount).arg(slots).arg(mask)
                    .launch();
        } // freed in stream order, after the kernels
    }
}
