package dev.forge.bench.primitives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PrimitiveFamilyTest {
    @Test
    void aListNamesFamiliesByTheirOptionNames() {
        assertThat(PrimitiveFamily.parseList("sort, Histogram,hash-probe,group-by,sort"))
                .containsExactlyInAnyOrder(PrimitiveFamily.SORT, PrimitiveFamily.HISTOGRAM, PrimitiveFamily.HASH_PROBE,
                        PrimitiveFamily.GROUP_BY);
        assertThat(PrimitiveFamily.parseList("reduce")).containsExactly(PrimitiveFamily.REDUCE);
    }

    @Test
    void everyFamilyParsesFromItsOwnName() {
        for (PrimitiveFamily family : PrimitiveFamily.values()) {
            assertThat(PrimitiveFamily.parseList(family.optionName())).containsExactly(family);
        }
        assertThat(PrimitiveFamily.parseList(String.join(",", PrimitiveFamily.optionNames().split(", "))))
                .isEqualTo(EnumSet.allOf(PrimitiveFamily.class));
    }

    @Test
    void anUnknownOrEmptyNameSaysWhichNamesExist() {
        assertThatThrownBy(() -> PrimitiveFamily.parseList("sort,sorting"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'sorting' is not a family")
                .hasMessageContaining("reduce, scan, run-length, segmented, sort, histogram, select, hash-probe,"
                        + " group-by, top-k");
        assertThatThrownBy(() -> PrimitiveFamily.parseList("sort,,scan")).hasMessageContaining("'' is not a family");
        assertThatThrownBy(() -> PrimitiveFamily.parseList("")).isInstanceOf(IllegalArgumentException.class);
    }
}
