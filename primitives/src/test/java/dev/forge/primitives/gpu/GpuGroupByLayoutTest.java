package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.gpu.GpuGroupByLayout.Operation;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The host side of GpuGroupBy's layout; {@link HashKernelEmulationTest} runs the kernels on what it writes. */
class GpuGroupByLayoutTest {

    @Test
    void accumulatorsFollowTheFirstRowAtTheirWidths() {
        GpuGroupByLayout layout = GpuGroupByLayout.of(List.of(ElementType.INT64, ElementType.INT32), List.of(
                new Operation(AggregateFunction.COUNT, ElementType.INT64),
                new Operation(AggregateFunction.SUM, ElementType.INT64),
                new Operation(AggregateFunction.SUM, ElementType.FLOAT32),
                new Operation(AggregateFunction.SUM, ElementType.INT32),
                new Operation(AggregateFunction.MIN, ElementType.FLOAT64),
                new Operation(AggregateFunction.MAX, ElementType.INT32)));
        assertThat(layout.offsets()).containsExactly(8, 16, 32, 88, 96, 104);
        assertThat(layout.recordBytes()).isEqualTo(112);
        assertThat(layout.operations()).containsExactly(0, 4 + 1, 4 + 2, 4, 8 + 3, 12);
        assertThat(layout.keyBytes()).containsExactly(8, 4);
        assertThat(layout.slotBytes()).isEqualTo(24);
    }

    @Test
    void aBlockTableIsTheLargestPowerOfTwoThatFitsItsBudget() {
        GpuGroupByLayout layout = GpuGroupByLayout.of(List.of(ElementType.INT64),
                List.of(new Operation(AggregateFunction.COUNT, ElementType.INT64))); // 16-byte slots and records
        assertThat(layout.sharedBytes(1024)).isEqualTo(1024 * 16 + 512 * 16);
        assertThat(layout.localCapacity(48 * 1024 - 256)).isEqualTo(1024); // 2048 slots take 48 KiB
        assertThat(layout.localCapacity(1 << 20)).isEqualTo(GpuGroupByLayout.MAX_LOCAL_CAPACITY);
        assertThat(layout.localCapacity(64 * 24 - 1)).as("below the smallest useful table").isZero();
    }

    @Test
    void structsHoldTheirFieldsInDeclarationOrderPaddedToTheirLimits() {
        GpuGroupByLayout layout = GpuGroupByLayout.of(List.of(ElementType.INT32),
                List.of(new Operation(AggregateFunction.MAX, ElementType.FLOAT32)));
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment columns = layout.columns(arena, 1234, new long[] {0xA0}, new long[] {0xB0});
            assertThat(columns.byteSize()).isEqualTo(GpuGroupByLayout.COLUMNS_BYTES);
            long[] words = columns.toArray(ValueLayout.JAVA_LONG);
            int keys = 4;
            int keyBytes = keys + GpuGroupByLayout.MAX_KEY_COLUMNS;
            int values = keyBytes + GpuGroupByLayout.MAX_KEY_COLUMNS;
            int operations = values + GpuGroupByLayout.MAX_AGGREGATES;
            int offsets = operations + GpuGroupByLayout.MAX_AGGREGATES;
            assertThat(new long[] {words[0], words[1], words[2], words[3]}).containsExactly(1234, 1, 1, 16);
            assertThat(new long[] {words[keys], words[keys + 1], words[keyBytes], words[values], words[operations],
                    words[offsets]}).containsExactly(0xA0, 0, 4, 0xB0, 12 + 2, 8);
            MemorySegment table = GpuGroupByLayout.table(arena, 1, 2, 3, 4, 5, 6);
            assertThat(table.toArray(ValueLayout.JAVA_LONG)).containsExactly(1, 2, 3, 4, 5, 6);
            long[] outputs = GpuGroupByLayout.outputs(arena, new long[] {7}, new long[] {8, 9})
                    .toArray(ValueLayout.JAVA_LONG);
            assertThat(outputs).hasSize(GpuGroupByLayout.MAX_KEY_COLUMNS + GpuGroupByLayout.MAX_AGGREGATES);
            assertThat(new long[] {outputs[0], outputs[1], outputs[8], outputs[9], outputs[10]})
                    .containsExactly(7, 0, 8, 9, 0);
        }
    }
}
