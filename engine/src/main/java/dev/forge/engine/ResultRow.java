package dev.forge.engine;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of a {@link QueryResult}, read through to it (so valid while the result is open). */
public record ResultRow(QueryResult result, long index) {
    public boolean isNull(int column) {
        return result.isNull(index, column);
    }

    public boolean getBoolean(int column) {
        return result.getBoolean(index, column);
    }

    public int getInt(int column) {
        return result.getInt(index, column);
    }

    public long getLong(int column) {
        return result.getLong(index, column);
    }

    public double getDouble(int column) {
        return result.getDouble(index, column);
    }

    public BigDecimal getDecimal(int column) {
        return result.getDecimal(index, column);
    }

    public String getString(int column) {
        return result.getString(index, column);
    }

    public LocalDate getDate(int column) {
        return result.getDate(index, column);
    }

    public Instant getTimestamp(int column) {
        return result.getTimestamp(index, column);
    }

    public Object getObject(int column) {
        return result.getObject(index, column);
    }
}
