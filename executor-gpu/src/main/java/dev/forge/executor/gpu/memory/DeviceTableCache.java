package dev.forge.executor.gpu.memory;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnView;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Stream;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GPU-resident table columns: each column a query needs is uploaded once, through a pinned staging buffer, and kept
 * for later queries, least recently used first out when the cache's byte budget is exceeded. Columns are keyed by the
 * host {@link Column} object itself (plus its table and position, for messages), so a reloaded table is uploaded
 * again and never confused with its old copy. Not thread-safe: the GPU executor runs one query at a time.
 */
public final class DeviceTableCache implements AutoCloseable {
    private static final long STAGING_BYTES = 16L << 20;

    private final CudaDevice device;
    private final Stream stream;
    private final PinnedStaging staging;
    private final long budgetBytes;
    private final Map<Column, DeviceColumn> resident = new LinkedHashMap<>(16, 0.75f, true);
    private final Map<Column, Boolean> inUse = new IdentityHashMap<>();
    private long residentBytes;
    private long uploadedBytes;

    /** Uploads pass through {@code staging}, which the caller owns. */
    public DeviceTableCache(CudaDevice device, Stream stream, PinnedStaging staging, long budgetBytes) {
        this.device = device;
        this.stream = stream;
        this.staging = staging;
        this.budgetBytes = budgetBytes;
    }

    /**
     * The device copy of {@code column}, uploading it when it is not resident. It stays pinned (never evicted) until
     * {@link #releaseAll()}, which the executor calls when the query ends.
     */
    public DeviceColumn column(Column column) {
        inUse.put(column, Boolean.TRUE);
        DeviceColumn known = resident.get(column);
        if (known != null) {
            return known;
        }
        ColumnView view = column.view();
        MemorySegment values = view.values();
        MemorySegment validity = view.nullCount() > 0 ? view.validity() : null;
        long bytes = padded(values.byteSize()) + (validity == null ? 0 : padded(validity.byteSize()));
        makeRoom(bytes);
        DeviceBuffer deviceValues = device.allocateCached(padded(values.byteSize()));
        DeviceBuffer deviceValidity = null;
        try {
            upload(values, deviceValues);
            if (validity != null) {
                deviceValidity = device.allocateCached(padded(validity.byteSize()));
                upload(validity, deviceValidity);
            }
        } catch (RuntimeException failed) {
            deviceValues.close();
            if (deviceValidity != null) {
                deviceValidity.close();
            }
            throw failed;
        }
        DeviceColumn uploaded = new DeviceColumn(deviceValues, deviceValidity, view.length(), bytes);
        resident.put(column, uploaded);
        residentBytes += bytes;
        uploadedBytes += bytes;
        return uploaded;
    }

    /** Ends the current query's claim on its columns: they may be evicted again. */
    public void releaseAll() {
        inUse.clear();
    }

    /**
     * Frees the device copy of {@code column} now, if there is one: for tables that live only as long as a query (a
     * stage's result), whose copies would otherwise wait for LRU eviction and keep the host column reachable.
     */
    public void forget(Column column) {
        inUse.remove(column);
        DeviceColumn known = resident.remove(column);
        if (known != null) {
            free(known);
        }
    }

    /** Evicts every column the current query does not use; returns the bytes freed. */
    public long evictUnused() {
        long freed = 0;
        Iterator<Map.Entry<Column, DeviceColumn>> entries = resident.entrySet().iterator();
        while (entries.hasNext()) {
            Map.Entry<Column, DeviceColumn> entry = entries.next();
            if (!inUse.containsKey(entry.getKey())) {
                freed += free(entry.getValue());
                entries.remove();
            }
        }
        return freed;
    }

    public long residentBytes() {
        return residentBytes;
    }

    /** Bytes copied to the device since this cache was made (a warm query adds none). */
    public long uploadedBytes() {
        return uploadedBytes;
    }

    public int residentColumns() {
        return resident.size();
    }

    private void makeRoom(long bytes) {
        Iterator<Map.Entry<Column, DeviceColumn>> entries = resident.entrySet().iterator();
        while (residentBytes + bytes > budgetBytes && entries.hasNext()) {
            Map.Entry<Column, DeviceColumn> eldest = entries.next();
            if (!inUse.containsKey(eldest.getKey())) {
                free(eldest.getValue());
                entries.remove();
            }
        }
    }

    private long free(DeviceColumn column) {
        column.values().close();
        if (column.validity() != null) {
            column.validity().close();
        }
        residentBytes -= column.byteSize();
        return column.byteSize();
    }

    private void upload(MemorySegment host, DeviceBuffer target) {
        long total = host.byteSize();
        if (total == 0) {
            return;
        }
        MemorySegment pinned = staging.segment(Math.min(STAGING_BYTES, total));
        for (long offset = 0; offset < total; offset += pinned.byteSize()) {
            long chunk = Math.min(pinned.byteSize(), total - offset);
            MemorySegment.copy(host, offset, pinned, 0, chunk);
            target.slice(offset, chunk).copyFromAsync(pinned.asSlice(0, chunk), stream);
            stream.synchronize(); // the staging buffer is refilled next
        }
    }

    private static long padded(long bytes) {
        return Math.max(8, (bytes + 7) & ~7L);
    }

    /** Frees every resident column. */
    @Override
    public void close() {
        List<DeviceColumn> all = new ArrayList<>(resident.values());
        resident.clear();
        inUse.clear();
        for (DeviceColumn column : all) {
            free(column);
        }
    }

    /** The columns resident now, for tests. */
    Set<Column> residentKeys() {
        return resident.keySet();
    }
}
