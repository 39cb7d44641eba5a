package dev.forge.executor.gpu.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.ColumnView;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StringDictionaryCacheTest {
    @Test
    void aPlainColumnIsEncodedOnceWithCodesThatOrderLikeItsStrings() {
        List<String> values = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            values.add(random.nextInt(10) == 0 ? null : "v" + random.nextInt(5_000) + (i % 3 == 0 ? "é" : ""));
        }
        try (Column plain = plain(values); StringDictionaryCache cache = new StringDictionaryCache(Long.MAX_VALUE)) {
            Column coded = cache.dictionaryEncoded(plain);
            assertThat(cache.dictionaryEncoded(plain)).isSameAs(coded);
            ColumnView view = coded.view();
            assertThat(view.stringLayout()).isEqualTo(StringLayout.DICTIONARY);
            for (int row = 0; row < values.size(); row++) {
                assertThat(view.isNull(row) ? null : view.getString(row)).as("row " + row).isEqualTo(values.get(row));
            }
            ColumnView dictionary = view.dictionary();
            for (long code = 1; code < dictionary.length(); code++) {
                assertThat(java.util.Arrays.compareUnsigned(dictionary.getStringBytes(code - 1),
                        dictionary.getStringBytes(code))).isNegative();
            }
            assertThat(cache.heldColumns()).isEqualTo(1);
        }
    }

    @Test
    void aDictionaryColumnOrANonStringIsItself() {
        try (Column coded = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.DICTIONARY).appendString("a")
                .build(); StringDictionaryCache cache = new StringDictionaryCache(0)) {
            assertThat(cache.dictionaryEncoded(coded)).isSameAs(coded);
            assertThat(cache.heldColumns()).isZero();
        }
    }

    @Test
    void overBudgetCopiesAreClosedOnlyOnceTheQueryReleasesThem() {
        try (Column first = plain(List.of("a", "b")); Column second = plain(List.of("c", "d"));
                StringDictionaryCache cache = new StringDictionaryCache(1)) {
            Column firstCoded = cache.dictionaryEncoded(first);
            Column secondCoded = cache.dictionaryEncoded(second);
            assertThat(firstCoded.view().getString(1)).isEqualTo("b"); // both in use: neither closed
            assertThat(secondCoded.view().getString(0)).isEqualTo("c");
            cache.releaseAll();
            assertThat(cache.heldColumns()).isZero();
            assertThatThrownBy(firstCoded::view).hasMessageContaining("already closed");
        }
    }

    private static Column plain(List<String> values) {
        ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN);
        for (String value : values) {
            if (value == null) {
                builder.appendNull();
            } else {
                builder.appendString(value);
            }
        }
        return builder.build();
    }
}
