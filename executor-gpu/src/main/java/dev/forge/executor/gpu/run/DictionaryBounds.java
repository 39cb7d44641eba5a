package dev.forge.executor.gpu.run;

import dev.forge.columnar.ColumnView;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Binary search of a sorted string dictionary (UTF-8 byte order) for the codes equal to a literal. */
public final class DictionaryBounds {
    private DictionaryBounds() {
    }

    /** The first code whose string is >= {@code text} (or > it when {@code upper}); the size when there is none. */
    public static int bound(ColumnView dictionary, String text, boolean upper) {
        byte[] target = text.getBytes(StandardCharsets.UTF_8);
        long low = 0;
        long high = dictionary.length();
        while (low < high) {
            long middle = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(dictionary.getStringBytes(middle), target);
            if (order < 0 || (upper && order == 0)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return Math.toIntExact(low);
    }
}
