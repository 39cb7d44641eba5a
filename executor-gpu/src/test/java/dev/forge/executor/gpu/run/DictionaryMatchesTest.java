package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.Column;
import dev.forge.columnar.ColumnBuilder;
import dev.forge.columnar.DataType;
import dev.forge.columnar.StringLayout;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DictionaryMatchesTest {
    private static final List<String> ENTRIES = List.of("", "PROMO BRUSHED", "a_b", "aXb", "forest green", "grün",
            "special requests", "specially requested", "x%y");

    @Test
    void eachCodesBitSaysWhetherItsStringMatches() {
        try (Column dictionary = dictionary()) {
            check(dictionary, "PROMO%", null, "^PROMO.*$");
            check(dictionary, "%green%", null, "^.*green.*$");
            check(dictionary, "%special%requests%", null, "^.*special.*requests.*$");
            check(dictionary, "gr_n", null, "^gr.n$"); // _ is one character, here two UTF-8 bytes
            check(dictionary, "a!_b", "!", "^a_b$");
            check(dictionary, "x!%y", "!", "^x%y$");
            check(dictionary, "%", null, "^.*$");
        }
    }

    @Test
    void anEmptyDictionaryStillHasAWord() {
        try (Column empty = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN).build()) {
            assertThat(DictionaryMatches.of(empty.view(), "%", null)).containsExactly(0);
        }
    }

    @Test
    void aDictionaryOfManyTasksSetsEveryBitOnceInItsPlace() {
        int entries = 3 * DictionaryMatches.CODES_PER_TASK + 45; // four tasks, the last one partial
        ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN);
        for (int i = 0; i < entries; i++) {
            builder.appendString("order " + i + (i % 7 == 3 || i % 1000 == 999 ? " special requests" : " plain"));
        }
        try (Column dictionary = builder.build()) {
            int[] words = DictionaryMatches.of(dictionary.view(), "%special%requests%", null);
            assertThat(words).hasSize((entries + 31) / 32);
            for (int code = 0; code < entries; code++) {
                boolean bit = (words[code >>> 5] >>> (code & 31) & 1) != 0;
                assertThat(bit).as("code " + code).isEqualTo(code % 7 == 3 || code % 1000 == 999);
            }
        }
    }

    private static void check(Column dictionary, String like, String escape, String regex) {
        int[] words = DictionaryMatches.of(dictionary.view(), like, escape);
        for (int code = 0; code < ENTRIES.size(); code++) {
            boolean bit = (words[code >>> 5] >>> (code & 31) & 1) != 0;
            assertThat(bit).as(like + " on '" + ENTRIES.get(code) + "'")
                    .isEqualTo(Pattern.compile(regex, Pattern.DOTALL).matcher(ENTRIES.get(code)).matches());
        }
    }

    private static Column dictionary() {
        ColumnBuilder builder = ColumnBuilder.of(DataType.VARCHAR).stringLayout(StringLayout.PLAIN);
        ENTRIES.forEach(builder::appendString);
        return builder.build();
    }
}
