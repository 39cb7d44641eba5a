package dev.forge.engine.statistics;

/**
 * A set of {@code long}s in one open-addressing array (linear probing, at most half full), for exact distinct counts
 * without boxing. One value, {@link #EMPTY}, marks free slots; it is tracked apart so every long can be stored.
 */
final class LongHashSet {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] slots;
    private int stored;
    private boolean containsEmptyMarker;

    LongHashSet() {
        slots = newSlots(1024);
    }

    /** Adds {@code value}; returns whether it was new. */
    boolean add(long value) {
        if (value == EMPTY) {
            boolean added = !containsEmptyMarker;
            containsEmptyMarker = true;
            return added;
        }
        int mask = slots.length - 1;
        int index = (int) Hashing.mix(value) & mask;
        while (true) {
            long slot = slots[index];
            if (slot == EMPTY) {
                slots[index] = value;
                if (++stored * 2 > slots.length) {
                    grow();
                }
                return true;
            }
            if (slot == value) {
                return false;
            }
            index = (index + 1) & mask;
        }
    }

    long size() {
        return stored + (containsEmptyMarker ? 1 : 0);
    }

    private void grow() {
        long[] old = slots;
        slots = newSlots(old.length * 2);
        int mask = slots.length - 1;
        for (long value : old) {
            if (value != EMPTY) {
                int index = (int) Hashing.mix(value) & mask;
                while (slots[index] != EMPTY) {
                    index = (index + 1) & mask;
                }
                slots[index] = value;
            }
        }
    }

    private static long[] newSlots(int capacity) {
        long[] slots = new long[capacity];
        java.util.Arrays.fill(slots, EMPTY);
        return slots;
    }
}
