package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;

/**
 * Grouping without hashing when every key is a dictionary string or a boolean and the combinations are few (Q1's
 * return flag and line status): the codes index an array of group numbers directly. Only each group's first row is
 * hashed and put in the {@link KeyTable}, so the groups are the same as the hashed path would make.
 */
final class SmallDomainGrouping {
    private static final int MAX_DOMAIN = 1 << 16;

    private SmallDomainGrouping() {
    }

    /** Fills {@code groups} and {@code table} and returns true, or returns false when the keys do not qualify. */
    static boolean group(Vector[] keys, int rows, int[] groups, KeyTable table) {
        long domain = 1;
        int[] sizes = new int[keys.length];
        for (int k = 0; k < keys.length; k++) {
            switch (keys[k]) {
                case StringVector strings when strings.hasDictionary() -> sizes[k] = strings.dictionary().size() + 1;
                case BooleanVector _ -> sizes[k] = 3;
                default -> {
                    return false;
                }
            }
            domain *= sizes[k];
            if (domain > MAX_DOMAIN || domain > rows) {
                return false;
            }
        }
        int[] slots = new int[rows];
        int stride = 1;
        for (int k = 0; k < keys.length; k++) {
            boolean[] nulls = keys[k].nulls();
            int nullSlot = sizes[k] - 1;
            if (keys[k] instanceof StringVector strings) {
                int[] codes = strings.codes();
                for (int i = 0; i < rows; i++) {
                    slots[i] += stride * (nulls != null && nulls[i] ? nullSlot : codes[i]);
                }
            } else {
                boolean[] values = ((BooleanVector) keys[k]).values();
                for (int i = 0; i < rows; i++) {
                    slots[i] += stride * (nulls != null && nulls[i] ? nullSlot : values[i] ? 1 : 0);
                }
            }
            stride *= sizes[k];
        }
        int[] groupOfSlot = new int[(int) domain];
        java.util.Arrays.fill(groupOfSlot, -1);
        IntList firstRows = new IntList(16);
        for (int i = 0; i < rows; i++) {
            int slot = slots[i];
            int group = groupOfSlot[slot];
            if (group < 0) {
                group = firstRows.size();
                groupOfSlot[slot] = group;
                firstRows.add(i);
            }
            groups[i] = group;
        }
        int count = firstRows.size();
        Vector[] firstKeys = new Vector[keys.length];
        for (int k = 0; k < keys.length; k++) {
            firstKeys[k] = keys[k].gather(firstRows.array(), count);
        }
        long[] hashes = new long[count];
        KeyHashing.hash(firstKeys, count, hashes);
        for (int j = 0; j < count; j++) {
            table.findOrInsert(firstKeys, j, hashes[j]);
        }
        return true;
    }
}
