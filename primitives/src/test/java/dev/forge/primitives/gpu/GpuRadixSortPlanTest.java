package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.primitives.ElementType;
import dev.forge.primitives.SortOrder;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Argument;
import dev.forge.primitives.gpu.GpuRadixSortPlan.IntValue;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Launch;
import dev.forge.primitives.gpu.GpuRadixSortPlan.NullPointer;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Pointer;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Role;
import dev.forge.primitives.gpu.GpuRadixSortPlan.Zero;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/** The radix sort's plan, on the host alone: buffers flow from pass to pass and no pass reads what it writes. */
class GpuRadixSortPlanTest {
    private static final GpuRadixSortPolicy POLICY = new GpuRadixSortPolicy(8, 256, 16, 12, 256, 16, 4);

    @Test
    void passesAlternateBuffersAndEndInTheOutputs() {
        for (ElementType type : ElementType.values()) {
            int keyBits = 8 * type.byteSize();
            for (int endBit : new int[] {0, 7, 8, 9, 24, keyBits}) {
                for (int valueBytes : new int[] {0, 4, 8}) {
                    for (boolean inPlace : new boolean[] {false, true}) {
                        for (long count : new long[] {1, 2, 4095, 4096, 1_000_003}) {
                            if (endBit <= keyBits) {
                                check(new GpuRadixSortPlan.Request(count, type, valueBytes, false, SortOrder.ASCENDING,
                                        new GpuRadixSortBits(0, endBit), inPlace, 132));
                            }
                        }
                    }
                    if (valueBytes > 0 && endBit <= keyBits) {
                        check(new GpuRadixSortPlan.Request(77_777, type, valueBytes, true, SortOrder.DESCENDING,
                                new GpuRadixSortBits(0, endBit), false, 132));
                    }
                }
            }
        }
    }

    private static void check(GpuRadixSortPlan.Request request) {
        GpuRadixSortPlan plan = GpuRadixSortPlan.of(request, POLICY);
        String what = request.toString();
        List<Launch> launches = plan.steps().stream().filter(Launch.class::isInstance).map(Launch.class::cast).toList();
        List<Launch> passes = launches.stream().filter(launch -> launch.kernel().contains("onesweep")).toList();
        int places = request.count() <= 1 ? 0 : (request.bits().endBit() + 7) / 8;
        assertThat(passes.size()).as(what + ": passes").isEqualTo(places + (places == 0 || (request.inPlace() && places % 2 == 1) ? 1 : 0));
        assertThat(passes.size() % 2 == 0 || !request.inPlace() || places == 0).as(what + ": in place").isTrue();
        assertThat(launches.size() - passes.size()).as(what + ": histogram launches").isEqualTo(places > 0 ? 1 : 0);
        assertThat(plan.steps().getFirst()).as(what + ": zeroing comes first").isInstanceOf(Zero.class);

        Object keysAt = memory(new Pointer(Role.KEYS, 0), request.inPlace());
        Object valuesAt = request.valuesAreIndices() || request.valueBytes() == 0 ? "null"
                : memory(new Pointer(Role.VALUES, 0), request.inPlace());
        for (int pass = 0; pass < passes.size(); pass++) {
            List<Argument> arguments = passes.get(pass).arguments();
            int bits = ((IntValue) arguments.get(8)).value();
            Object keysFrom = memory(arguments.get(0), request.inPlace());
            Object keysTo = memory(arguments.get(1), request.inPlace());
            assertThat(keysFrom).as(what + ": pass %d reads what the last one wrote", pass).isEqualTo(keysAt);
            if (bits > 0) {
                assertThat(keysTo).as(what + ": pass %d reads and writes the same keys", pass).isNotEqualTo(keysFrom);
            }
            if (request.valueBytes() > 0) {
                Object valuesFrom = memory(arguments.get(2), request.inPlace());
                Object valuesTo = memory(arguments.get(3), request.inPlace());
                assertThat(valuesFrom).as(what + ": pass %d values", pass).isEqualTo(valuesAt);
                if (bits > 0) {
                    assertThat(valuesTo).as(what + ": pass %d values in place", pass).isNotEqualTo(valuesFrom);
                }
                valuesAt = valuesTo;
                assertThat(((IntValue) arguments.get(9)).value()).as(what + ": indices as values")
                        .isEqualTo(pass == 0 && request.valuesAreIndices() ? 1 : 0);
            }
            assertThat(((IntValue) arguments.get(10)).value()).as(what + ": pass number").isEqualTo(pass);
            for (Argument argument : arguments) {
                if (argument instanceof Pointer(Role role, long offset) && role == Role.SCRATCH) {
                    assertThat(offset).as(what + ": scratch offset").isBetween(0L, plan.scratchBytes() - 1);
                }
            }
            keysAt = keysTo;
        }
        if (!request.valuesAreIndices()) {
            assertThat(keysAt).as(what + ": the last pass writes the sorted keys")
                    .isEqualTo(memory(new Pointer(Role.SORTED_KEYS, 0), request.inPlace()));
        }
        if (request.valueBytes() > 0) {
            assertThat(valuesAt).as(what + ": the last pass writes the sorted values")
                    .isEqualTo(memory(new Pointer(Role.SORTED_VALUES, 0), request.inPlace()));
        }
    }

    /** What memory an argument names, with the outputs being the inputs when the sort is in place. */
    private static Object memory(Argument argument, boolean inPlace) {
        return switch (argument) {
            case Pointer(Role role, long offset) when inPlace && role == Role.SORTED_KEYS -> new Pointer(Role.KEYS, offset);
            case Pointer(Role role, long offset) when inPlace && role == Role.SORTED_VALUES -> new Pointer(Role.VALUES, offset);
            case Pointer pointer -> pointer;
            case NullPointer ignored -> "null";
            case IntValue value -> Objects.requireNonNull(null, "an int where memory was expected: " + value);
            case GpuRadixSortPlan.LongValue value -> Objects.requireNonNull(null, "a long where memory was expected: " + value);
        };
    }

    @Test
    void anEmptySortDoesNothing() {
        GpuRadixSortPlan plan = GpuRadixSortPlan.of(new GpuRadixSortPlan.Request(0, ElementType.INT32, 4, false,
                SortOrder.ASCENDING, GpuRadixSortBits.allOf(ElementType.INT32), false, 132), POLICY);
        assertThat(plan.steps()).isEmpty();
        assertThat(plan.scratchBytes()).isZero();
    }

    @Test
    void requestsOutsideTheContractAreRefused() {
        GpuRadixSortBits bits = GpuRadixSortBits.allOf(ElementType.INT64);
        assertThatThrownBy(() -> new GpuRadixSortPlan.Request(1L << 32, ElementType.INT64, 0, false, SortOrder.ASCENDING,
                bits, false, 1)).hasMessageContaining("0 to 4294967295 keys");
        assertThatThrownBy(() -> new GpuRadixSortPlan.Request(10, ElementType.INT64, 2, false, SortOrder.ASCENDING,
                bits, false, 1)).hasMessageContaining("4 or 8 bytes");
        assertThatThrownBy(() -> new GpuRadixSortPlan.Request(10, ElementType.INT32, 0, false, SortOrder.ASCENDING,
                bits, false, 1)).hasMessageContaining("wider than a INT32");
    }
}
