package dev.forge.executor.cpu.operator;

import java.util.Arrays;

/** A growable list of ints without boxing. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        this.values = new int[Math.max(8, capacity)];
    }

    void add(int value) {
        if (size == values.length) {
            if (values.length >= Integer.MAX_VALUE - 16) {
                throw new dev.forge.plan.QueryException("more than 2^31 rows in one join output batch");
            }
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 16, values.length * 2L));
        }
        values[size++] = value;
    }

    int size() {
        return size;
    }

    int get(int index) {
        return values[index];
    }

    int[] array() {
        return values;
    }
}
