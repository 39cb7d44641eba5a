package dev.forge.columnar;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A column that owns its off-heap memory (see {@link ColumnView} for the layout); {@link #close()} frees it.
 * Build one with {@link ColumnBuilder} or read one from a file.
 */
public final class Column implements AutoCloseable {
    private final ColumnView view;
    private final HostBuffer validity;
    private final HostBuffer values;
    private final HostBuffer bytes;
    private final Column dictionary;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * Takes ownership of the buffers ({@code validity}, {@code bytes} and {@code dictionary} may be {@code null});
     * they are closed with this column, also when the arguments are rejected.
     */
    public Column(DataType type, long length, long nullCount, HostBuffer validity, HostBuffer values, HostBuffer bytes,
            Column dictionary) {
        this.validity = validity;
        this.values = values;
        this.bytes = bytes;
        this.dictionary = dictionary;
        try {
            this.view = new ColumnView(type, length, nullCount, validity == null ? null : validity.segment(),
                    values.segment(), bytes == null ? null : bytes.segment(), dictionary == null ? null : dictionary.view());
            requireCapacity();
        } catch (RuntimeException invalid) {
            close();
            throw invalid;
        }
    }

    private void requireCapacity() {
        long length = view.length();
        long needed = switch (view.physicalType()) {
            case BIT -> Bitmaps.byteSize(length);
            case INT32, INT64, FLOAT32, FLOAT64, INT128 -> length * view.physicalType().valueBytes();
            case STRING -> view.dictionary() != null ? length * 4 : (length + 1) * 8;
        };
        if (values.byteSize() < needed) {
            throw new IllegalArgumentException(view.type() + " column of " + length + " values needs " + needed
                    + " bytes of values, got " + values.byteSize());
        }
        if (validity != null && validity.byteSize() < Bitmaps.byteSize(length)) {
            throw new IllegalArgumentException("validity bitmap of " + validity.byteSize() + " bytes is too small for "
                    + length + " values");
        }
    }

    /** The column's memory; valid until this column is closed. */
    public ColumnView view() {
        if (closed.get()) {
            throw new IllegalStateException(view.type() + " column of " + view.length() + " values was already closed");
        }
        return view;
    }

    /**
     * This column is kept on purpose by a process-wide cache (which closes it when it evicts it): leak checks no
     * longer report its memory.
     */
    public void markCached() {
        for (HostBuffer buffer : new HostBuffer[] {validity, values, bytes}) {
            if (buffer != null) {
                buffer.markCached();
            }
        }
        if (dictionary != null) {
            dictionary.markCached();
        }
    }

    public DataType type() {
        return view.type();
    }

    public long length() {
        return view.length();
    }

    public long nullCount() {
        return view.nullCount();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (validity != null) {
                validity.close();
            }
            if (values != null) {
                values.close();
            }
            if (bytes != null) {
                bytes.close();
            }
            if (dictionary != null) {
                dictionary.close();
            }
        }
    }

    @Override
    public String toString() {
        return "Column[" + view.type() + ", " + view.length() + " values, " + view.nullCount() + " nulls]";
    }
}
