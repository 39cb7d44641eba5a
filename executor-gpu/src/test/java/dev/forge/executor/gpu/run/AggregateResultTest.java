package dev.forge.executor.gpu.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.ColumnView;
import dev.forge.columnar.Table;
import dev.forge.executor.gpu.codegen.AggregateSlot;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compacted group words become result rows, column by column, each value where the group table keeps it. */
class AggregateResultTest {

    @Test
    void everyGroupsKeysAndAggregatesArriveInTheirColumns() {
        GroupReadBack readBack = GroupReadBack.plan();
        List<AggregateSlot> slots = readBack.kernel().aggregates();
        assertThat(slots).extracting(AggregateSlot::kind).containsExactly(AggregateSlot.Kind.COUNT,
                AggregateSlot.Kind.EXACT_SUM, AggregateSlot.Kind.EXACT_SUM, AggregateSlot.Kind.EXTREME);
        long groups = 5_003;
        int rowWords = readBack.rowWords();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment memory = arena.allocate(groups * rowWords * 8, 8);
            readBack.fill(memory, groups, 42, 0);
            try (Table table = AggregateResult.decodeGroups(readBack.kernel(), readBack.sink(), memory, groups,
                    expression -> {
                        throw new AssertionError("no string column here: " + expression);
                    })) {
                assertThat(table.rowCount()).isEqualTo(groups);
                for (long group = 0; group < groups; group++) {
                    long base = group * rowWords;
                    String where = "group " + group;
                    assertThat(table.column(0).view().getLong(group)).as(where)
                            .isEqualTo(memory.getAtIndex(ValueLayout.JAVA_LONG, base));
                    assertThat(table.column(1).view().getInt(group)).as(where)
                            .isEqualTo((int) memory.getAtIndex(ValueLayout.JAVA_LONG, base + 1));
                    for (int a = 0; a < slots.size(); a++) {
                        AggregateSlot slot = slots.get(a);
                        ColumnView column = table.column(2 + a).view();
                        long first = memory.getAtIndex(ValueLayout.JAVA_LONG, base + slot.firstWord() - 1);
                        long count = memory.getAtIndex(ValueLayout.JAVA_LONG, base + slot.countWord() - 1);
                        switch (slot.kind()) {
                            case COUNT -> assertThat(column.getLong(group)).as(where).isEqualTo(count);
                            case EXACT_SUM -> assertThat(column.getUnscaled(group)).as(where)
                                    .isEqualTo(BigInteger.valueOf(first));
                            case EXTREME -> assertThat(column.getUnscaled(group)).as(where)
                                    .isEqualTo(BigInteger.valueOf((slot.inverted() ? ~first : first) ^ Long.MIN_VALUE));
                            default -> throw new AssertionError(slot.kind());
                        }
                    }
                }
            }
        }
    }
}
