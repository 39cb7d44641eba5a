package dev.forge.bench.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SizesTest {

    @Test
    void suffixesArePowersOfAThousand() {
        assertThat(Sizes.parse("1M")).isEqualTo(1_000_000);
        assertThat(Sizes.parse("10m")).isEqualTo(10_000_000);
        assertThat(Sizes.parse("2.5M")).isEqualTo(2_500_000);
        assertThat(Sizes.parse("1K")).isEqualTo(1_000);
        assertThat(Sizes.parse("1G")).isEqualTo(1_000_000_000);
        assertThat(Sizes.parse("2^20")).isEqualTo(1 << 20);
        assertThat(Sizes.parse(" 12_345 ")).isEqualTo(12_345);
    }

    @Test
    void aBadSizeSaysHowToWriteOne() {
        for (String bad : new String[] {"0", "-1", "ten", "1.5", "1.0001K", "3G", "2^40", ""}) {
            assertThatThrownBy(() -> Sizes.parse(bad)).as(bad).hasMessageContaining("is not a size")
                    .hasMessageContaining("powers of 1000");
        }
    }

    @Test
    void formattingIsTheShortestExactForm() {
        assertThat(Sizes.format(1_000_000)).isEqualTo("1M");
        assertThat(Sizes.format(2_500_000)).isEqualTo("2.5M");
        assertThat(Sizes.format(100_000)).isEqualTo("100K");
        assertThat(Sizes.format(1_000_000_000)).isEqualTo("1G");
        assertThat(Sizes.format(999)).isEqualTo("999");
        assertThat(Sizes.format(1 << 20)).isEqualTo("1048576");
        assertThat(Sizes.format(8192)).isEqualTo("8192");
        assertThat(Sizes.format(4097)).isEqualTo("4097");
        assertThat(Sizes.format(10_000)).isEqualTo("10K");
        assertThat(Sizes.parse(Sizes.format(3_162_278))).isEqualTo(3_162_278);
    }

    @Test
    void interpolatedSizesAreShownToThreeDigits() {
        assertThat(Sizes.approximate(3_162_278)).isEqualTo("3.16M");
        assertThat(Sizes.approximate(31_623)).isEqualTo("31.6K");
        assertThat(Sizes.approximate(999)).isEqualTo("999");
        assertThat(Sizes.approximate(999_700)).isEqualTo("1M");
        assertThat(Sizes.approximate(1_000_000_000)).isEqualTo("1G");
        assertThat(Sizes.approximate(120_000)).isEqualTo("120K");
    }
}
