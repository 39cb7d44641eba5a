package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Bitmaps;
import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.HostBuffer;
import dev.forge.columnar.StringLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The dictionary of a result column's codes, against the strings the original codes name, on fresh random codes, for
 * each of the ways {@link UsedDictionary} takes: the whole dictionary where it has no more entries than the rows, a
 * bitmap of the used entries up to {@value UsedDictionary#ENTRIES_PER_ROW_FOR_BITMAP} entries a row, the sorted used
 * codes beyond.
 */
class UsedDictionaryTest {
    @Test
    void theWholeDictionaryWhereItIsNoLargerThanTheRows() {
        assertCodesNameTheSameStrings(300, 300 + new Random().nextInt(2_000));
    }

    @Test
    void theUsedEntriesByBitmapWhereTheDictionaryIsUpToSixteenEntriesARow() {
        assertCodesNameTheSameStrings(3_000, 3_000 / 16 + new Random().nextInt(2_700));
    }

    @Test
    void theUsedEntriesBySortedCodesWhereTheDictionaryIsLargerStill() {
        assertCodesNameTheSameStrings(3_000, 1 + new Random().nextInt(3_000 / 16 - 1));
    }

    private static void assertCodesNameTheSameStrings(int entryCount, int rows) {
        long seed = new Random().nextLong();
        Random random = new Random(seed);
        List<String> entries = sortedDistinctStrings(random, entryCount);
        int[] original = new int[rows];
        // a subset of the entries, so some are unused, drawn more than once each
        int[] pool = random.ints(1 + random.nextInt(Math.min(rows, entries.size())), 0, entries.size()).toArray();
        try (Column dictionary = plain(entries);
                HostBuffer codes = HostBuffer.allocate(Math.max(8, rows * 4L), "codes");
                HostBuffer validity = HostBuffer.allocate(Math.max(8, Bitmaps.byteSize(rows)), "validity")) {
            for (int row = 0; row < rows; row++) {
                original[row] = pool[random.nextInt(pool.length)];
                codes.segment().setAtIndex(ValueLayout.JAVA_INT, row, original[row]);
                Bitmaps.set(validity.segment(), row, random.nextInt(10) != 0);
            }
            TreeSet<Integer> used = new TreeSet<>();
            for (int row = 0; row < rows; row++) {
                if (Bitmaps.get(validity.segment(), row)) {
                    used.add(original[row]);
                }
            }
            try (Column compacted = UsedDictionary.compact(dictionary.view(), codes.segment(), rows,
                    validity.segment())) {
                List<String> kept = strings(compacted);
                String why = "seed " + seed + ", " + entryCount + " entries, " + rows + " rows";
                assertThat(kept).as(why).isEqualTo(entryCount <= rows ? entries
                        : used.stream().map(entries::get).toList());
                MemorySegment renumbered = codes.segment();
                for (int row = 0; row < rows; row++) {
                    int code = renumbered.getAtIndex(ValueLayout.JAVA_INT, row);
                    if (Bitmaps.get(validity.segment(), row)) {
                        assertThat(compacted.view().getString(code)).as("%s, row %d", why, row)
                                .isEqualTo(entries.get(original[row]));
                    } else if (entryCount > rows) {
                        assertThat(code).as("%s, NULL row %d", why, row).isZero();
                    }
                }
            }
        }
    }

    @Test
    void rowsThatAreAllNullUseNoEntry() {
        for (int entryCount : new int[] {20, 40}) { // the bitmap, the sorted codes
            List<String> entries = sortedDistinctStrings(new Random(entryCount), entryCount);
            try (Column dictionary = plain(entries);
                    HostBuffer codes = HostBuffer.allocate(8, "codes");
                    HostBuffer validity = HostBuffer.allocate(8, "validity")) {
                codes.segment().setAtIndex(ValueLayout.JAVA_INT, 0, 1);
                codes.segment().setAtIndex(ValueLayout.JAVA_INT, 1, 1);
                try (Column compacted = UsedDictionary.compact(dictionary.view(), codes.segment(), 2,
                        validity.segment())) {
                    assertThat(compacted.view().length()).as("%d entries", entryCount).isZero();
                }
            }
        }
    }

    private static List<String> sortedDistinctStrings(Random random, int count) {
        TreeSet<String> strings = new TreeSet<>();
        while (strings.size() < count) {
            StringBuilder text = new StringBuilder();
            for (int i = random.nextInt(12); i > 0; i--) {
                text.append((char) ('a' + random.nextInt(26)));
            }
            if (random.nextInt(20) == 0) {
                text.append('\u00e9'); // two bytes of UTF-8
            }
            strings.add(text.toString());
        }
        return new ArrayList<>(strings);
    }

    private static Column plain(List<String> entries) {
        try (ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN)) {
            entries.forEach(builder::appendString);
            return builder.build();
        }
    }

    private static List<String> strings(Column column) {
        List<String> strings = new ArrayList<>();
        for (long i = 0; i < column.view().length(); i++) {
            strings.add(column.view().getString(i));
        }
        return strings;
    }
}
