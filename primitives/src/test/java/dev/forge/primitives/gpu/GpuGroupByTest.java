package dev.forge.primitives.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import dev.forge.primitives.Aggregate;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.GroupByResult;
import dev.forge.primitives.cpu.CpuGroupBy;
import dev.forge.primitives.cpu.CpuWorkers;
import dev.forge.primitives.gpu.GpuInputs.Shape;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream.Builder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GpuGroupBy} against {@code CpuGroupBy}: the same groups, in order of first appearance; counts, int32 and
 * int64 sums, MIN and MAX of every type bit for bit; floating sums bit for bit equal to the exactly rounded sum
 * (BigDecimal) where the twin's is finite, and within the twin's own rounding of it. Keys of every shape at sizes
 * around a block, outputs poisoned, each input grouped twice to see that the floating sums repeat.
 */
@RequiresGpu
class GpuGroupByTest {
    private static final int BLOCK = 256;
    private static final byte POISON = (byte) 0xA5;
    private static final ElementType[] VALUE_TYPES = {ElementType.INT64, ElementType.FLOAT64, ElementType.INT32,
            ElementType.FLOAT32};
    /** How far the twin's left-to-right (or per-morsel) float sums may be from exact, relative to the sum of |x|. */
    private static final double TWIN_ROUNDING = 1e-11;
    /** Above this many rows the exact (BigDecimal) sums would take longer than the rest of the test. */
    private static final int MAX_ROWS_SUMMED_EXACTLY = 1 << 21;

    private static CpuWorkers workers;
    private static CpuGroupBy cpu;

    @BeforeAll
    static void startWorkers() {
        workers = CpuWorkers.allCores();
        cpu = new CpuGroupBy(workers);
    }

    @AfterAll
    static void stopWorkers() {
        workers.close();
    }

    /** A group's key: one or two columns, widened to int64. */
    private record Key(long first, long second) {
    }

    static java.util.stream.Stream<Arguments> cases() {
        Builder<Arguments> cases = GpuInputs.hashKeyCases();
        return cases.build();
    }

    @ParameterizedTest(name = "{0} keys, {1} rows {2}")
    @MethodSource("cases")
    void everyAggregateMatchesTheCpuTwin(ElementType keyType, int size, Shape shape) {
        long seed = 29L * size + shape.ordinal() + 3L * keyType.ordinal();
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keys = GpuInputs.values(arena, keyType, size, shape, seed);
            check(arena, List.of(keys), List.of(keyType), size, allAggregates(), seed);
        }
    }

    @Test
    void twoKeyColumnsGroupByBoth() {
        for (int size : new int[] {BLOCK + 1, (1 << 20) + 7}) {
            try (Arena arena = Arena.ofShared()) {
                MemorySegment first = GpuInputs.values(arena, ElementType.INT64, size, Shape.ZIPF, size);
                MemorySegment second = GpuInputs.values(arena, ElementType.INT32, size, Shape.FEW_DISTINCT, size + 1L);
                check(arena, List.of(first, second), List.of(ElementType.INT64, ElementType.INT32), size,
                        allAggregates(), size + 2L);
            }
        }
    }

    /** 2^26 rows in few groups: every block aggregates in shared memory, and groups hold millions of rows. */
    @Test
    void manyRowsInFewGroups() {
        checkLarge(1 << 26, Shape.FEW_DISTINCT, AggregateFunction.MAX, ElementType.FLOAT32, 77);
    }

    /** More groups than the first pass makes room for: the call aggregates again with room for every row. */
    @Test
    void moreGroupsThanTheFirstTableHoldsAreAggregatedAgain() {
        checkLarge((int) GpuGroupBy.FIRST_GROUP_BOUND + 4099, Shape.UNIFORM, AggregateFunction.MIN, ElementType.INT32,
                79);
    }

    /** INT64 keys with COUNT, the two 64-bit SUMs and one more aggregate: the large cases, kept to a few columns. */
    private static void checkLarge(int size, Shape shape, AggregateFunction lastFunction, ElementType lastType,
            long seed) {
        List<AggregateFunction> functions = List.of(AggregateFunction.COUNT, AggregateFunction.SUM,
                AggregateFunction.SUM, lastFunction);
        List<ElementType> types = List.of(ElementType.INT64, ElementType.INT64, ElementType.FLOAT64, lastType);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment keys = GpuInputs.values(arena, ElementType.INT64, size, shape, seed);
            check(arena, List.of(keys), List.of(ElementType.INT64), size, new Aggregates(functions, types), seed + 1);
        }
    }

    /** The functions and value types of a case's aggregates, in order. */
    private record Aggregates(List<AggregateFunction> functions, List<ElementType> types) {
    }

    private static Aggregates allAggregates() {
        List<AggregateFunction> functions = new ArrayList<>(List.of(AggregateFunction.COUNT));
        List<ElementType> types = new ArrayList<>(List.of(ElementType.INT64));
        for (ElementType type : VALUE_TYPES) {
            for (AggregateFunction function : new AggregateFunction[] {AggregateFunction.SUM, AggregateFunction.MIN,
                    AggregateFunction.MAX}) {
                functions.add(function);
                types.add(type);
            }
        }
        return new Aggregates(functions, types);
    }

    private static void check(Arena arena, List<MemorySegment> keys, List<ElementType> keyTypes, int size,
            Aggregates aggregates, long seed) {
        CudaDevice device = Cuda.defaultDevice();
        GpuGroupBy groupBy = new GpuGroupBy(device);
        Map<ElementType, MemorySegment> values = new HashMap<>();
        for (int t = 0; t < VALUE_TYPES.length; t++) {
            values.put(VALUE_TYPES[t], GpuInputs.values(arena, VALUE_TYPES[t], size, Shape.UNIFORM, seed + 100 + t));
        }
        List<MemorySegment> wideKeys = new ArrayList<>();
        for (int c = 0; c < keys.size(); c++) {
            wideKeys.add(widen(arena, keys.get(c), keyTypes.get(c), size));
        }
        List<Aggregate> cpuAggregates = new ArrayList<>();
        for (int a = 0; a < aggregates.functions().size(); a++) {
            AggregateFunction function = aggregates.functions().get(a);
            ElementType type = aggregates.types().get(a);
            cpuAggregates.add(function == AggregateFunction.COUNT ? Aggregate.count()
                    : Aggregate.of(function, values.get(type), type));
        }
        GroupByResult expected = cpu.groupBy(wideKeys, cpuAggregates, arena);
        String what = keyTypes + " keys, " + size + " rows";

        List<DeviceBuffer> buffers = new ArrayList<>();
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool()) {
            try {
                List<DeviceMemory> deviceKeys = new ArrayList<>();
                for (MemorySegment key : keys) {
                    deviceKeys.add(upload(device, arena, key, stream, buffers));
                }
                Map<ElementType, DeviceMemory> deviceValues = new HashMap<>();
                for (ElementType type : VALUE_TYPES) {
                    deviceValues.put(type, upload(device, arena, values.get(type), stream, buffers));
                }
                List<GpuAggregate> gpuAggregates = new ArrayList<>();
                for (int a = 0; a < aggregates.functions().size(); a++) {
                    AggregateFunction function = aggregates.functions().get(a);
                    ElementType type = aggregates.types().get(a);
                    gpuAggregates.add(function == AggregateFunction.COUNT ? GpuAggregate.count()
                            : GpuAggregate.of(function, deviceValues.get(type), type));
                }
                GroupByResult first = null;
                for (int run = 0; run < 2; run++) {
                    GpuInputs.poisonPool(pool, 8 * (long) size * (2 + cpuAggregates.size()) + (1 << 20), POISON, stream);
                    try (GpuGroupByResult result = groupBy.groupBy(deviceKeys, keyTypes, gpuAggregates, pool, stream)) {
                        GroupByResult actual = result.copyToHost(arena, stream);
                        if (first == null) {
                            assertMatchesTwin(what, expected, actual, wideKeys, cpuAggregates, size);
                            first = actual;
                        } else {
                            for (int a = 0; a < cpuAggregates.size(); a++) {
                                assertThat(actual.aggregateColumns().get(a).mismatch(first.aggregateColumns().get(a)))
                                        .as(what + ": aggregate %d the same on a second run", a).isEqualTo(-1L);
                            }
                        }
                    }
                }
            } finally {
                buffers.forEach(DeviceBuffer::close);
            }
        }
    }

    private static DeviceMemory upload(CudaDevice device, Arena arena, MemorySegment host, Stream stream,
            List<DeviceBuffer> buffers) {
        DeviceBuffer buffer = device.allocate(host.byteSize());
        buffers.add(buffer);
        GpuInputs.upload(arena, host, buffer, stream);
        return buffer;
    }

    private static MemorySegment widen(Arena arena, MemorySegment keys, ElementType keyType, int size) {
        if (keyType == ElementType.INT64) {
            return keys;
        }
        MemorySegment wide = arena.allocate(8L * size, 8);
        for (int i = 0; i < size; i++) {
            wide.setAtIndex(ValueLayout.JAVA_LONG, i, keys.getAtIndex(ValueLayout.JAVA_INT, i));
        }
        return wide;
    }

    private static Key keyOfRow(List<MemorySegment> wideKeys, long row) {
        return new Key(wideKeys.get(0).getAtIndex(ValueLayout.JAVA_LONG, row),
                wideKeys.size() > 1 ? wideKeys.get(1).getAtIndex(ValueLayout.JAVA_LONG, row) : 0);
    }

    private static Key keyOfGroup(GroupByResult result, long group) {
        return new Key(result.key(0, group), result.keyColumns().size() > 1 ? result.key(1, group) : 0);
    }

    private static void assertMatchesTwin(String what, GroupByResult expected, GroupByResult actual,
            List<MemorySegment> wideKeys, List<Aggregate> aggregates, int size) {
        assertThat(actual.groupCount()).as(what + ": groups").isEqualTo(expected.groupCount());
        Map<Key, Integer> twinGroup = new HashMap<>();
        for (int g = 0; g < expected.groupCount(); g++) {
            twinGroup.put(keyOfGroup(expected, g), g);
        }
        // first appearance, exact float sums and magnitudes, walking the rows once
        List<Key> firstAppearance = new ArrayList<>();
        Map<Key, Integer> seen = new HashMap<>();
        int groups = (int) expected.groupCount();
        BigDecimal[][] exactSums = new BigDecimal[aggregates.size()][];
        double[][] magnitudes = new double[aggregates.size()][];
        boolean exactly = size <= MAX_ROWS_SUMMED_EXACTLY;
        for (int a = 0; a < aggregates.size(); a++) {
            if (isFloatSum(aggregates.get(a))) {
                exactSums[a] = new BigDecimal[groups];
                magnitudes[a] = new double[groups];
            }
        }
        for (long row = 0; row < size; row++) {
            Key key = keyOfRow(wideKeys, row);
            if (seen.putIfAbsent(key, firstAppearance.size()) == null) {
                firstAppearance.add(key);
            }
            int group = twinGroup.get(key);
            for (int a = 0; a < aggregates.size(); a++) {
                if (exactSums[a] != null) {
                    double value = aggregates.get(a).valueType() == ElementType.FLOAT32
                            ? aggregates.get(a).values().getAtIndex(ValueLayout.JAVA_FLOAT, row)
                            : aggregates.get(a).values().getAtIndex(ValueLayout.JAVA_DOUBLE, row);
                    if (Double.isFinite(value)) {
                        if (exactly) {
                            BigDecimal sum = exactSums[a][group];
                            exactSums[a][group] = sum == null ? new BigDecimal(value) : sum.add(new BigDecimal(value));
                        }
                        magnitudes[a][group] += Math.abs(value);
                    }
                }
            }
        }
        for (int g = 0; g < actual.groupCount(); g++) {
            Key key = keyOfGroup(actual, g);
            assertThat(key).as(what + ": group %d in order of first appearance", g).isEqualTo(firstAppearance.get(g));
            int t = twinGroup.get(key);
            for (int a = 0; a < aggregates.size(); a++) {
                Aggregate aggregate = aggregates.get(a);
                String where = what + ": group " + key + ", aggregate " + a + " (" + aggregate.function() + " "
                        + aggregate.valueType() + ")";
                if (exactSums[a] != null) {
                    assertFloatSum(where, expected.float64At(a, t), actual.float64At(a, g), exactly,
                            exactSums[a][t], magnitudes[a][t]);
                    continue;
                }
                int bytes = aggregate.resultBytes();
                MemorySegment twinResult = expected.aggregateColumns().get(a).asSlice((long) t * bytes, bytes);
                MemorySegment gpuResult = actual.aggregateColumns().get(a).asSlice((long) g * bytes, bytes);
                if (twinResult.mismatch(gpuResult) != -1) {
                    assertThat(gpuResult.toArray(ValueLayout.JAVA_BYTE)).as(where)
                            .containsExactly(twinResult.toArray(ValueLayout.JAVA_BYTE));
                }
            }
        }
    }

    private static boolean isFloatSum(Aggregate aggregate) {
        return aggregate.function() == AggregateFunction.SUM
                && (aggregate.valueType() == ElementType.FLOAT32 || aggregate.valueType() == ElementType.FLOAT64);
    }

    /**
     * Where the twin's sum is NaN or infinite, the GPU's is the same value; otherwise it is the exact sum rounded
     * once (no input in these tests is small enough to be cut by the fixed-point grid), and the twin's is that
     * within its own rounding.
     */
    private static void assertFloatSum(String where, double twin, double gpu, boolean exactly, BigDecimal exact,
            double magnitude) {
        if (!Double.isFinite(twin)) {
            assertThat(Double.doubleToRawLongBits(gpu)).as(where + ": " + gpu + " vs the twin's " + twin)
                    .isEqualTo(Double.doubleToRawLongBits(twin));
            return;
        }
        if (exactly) {
            double rounded = exact == null ? 0.0 : exact.doubleValue();
            if (Double.doubleToRawLongBits(gpu) != Double.doubleToRawLongBits(rounded) && exact != null) {
                rounded = Double.parseDouble(exact.toString()); // correctly rounded by specification
            }
            if (Double.doubleToRawLongBits(gpu) != Double.doubleToRawLongBits(rounded)) {
                assertThat(gpu).as(where + ": the exact sum rounded once").isEqualTo(rounded);
            }
        }
        if (Math.abs(gpu - twin) > TWIN_ROUNDING * magnitude) {
            assertThat(gpu).as(where + ": the twin's sum, within its rounding").isEqualTo(twin);
        }
    }

    @Test
    void moreGroupsThanMaxGroupsFailTheCall() {
        CudaDevice device = Cuda.defaultDevice();
        GpuGroupBy groupBy = new GpuGroupBy(device);
        int size = 1000;
        try (Arena arena = Arena.ofShared(); Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(8L * size)) {
            GpuInputs.upload(arena, GpuInputs.values(arena, ElementType.INT64, size, Shape.UNIFORM, 5), keys, stream);
            assertThatThrownBy(() -> groupBy.groupBy(List.of(keys), List.of(ElementType.INT64),
                    List.of(GpuAggregate.count()), 10, pool, stream))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("more than maxGroups = 10 groups");
            try (GpuGroupByResult result = groupBy.groupBy(List.of(keys), List.of(ElementType.INT64),
                    List.of(GpuAggregate.count()), size, pool, stream)) {
                assertThat(result.groupCount()).isEqualTo(size);
            }
        }
    }

    @Test
    void badColumnsAreRefused() {
        CudaDevice device = Cuda.defaultDevice();
        GpuGroupBy groupBy = new GpuGroupBy(device);
        try (Stream stream = device.createStream(); MemoryPool pool = device.createPool();
                DeviceBuffer keys = device.allocate(64); DeviceBuffer shortValues = device.allocate(32)) {
            List<GpuAggregate> count = List.of(GpuAggregate.count());
            assertThatThrownBy(() -> groupBy.groupBy(List.of(), List.of(), count, pool, stream))
                    .hasMessageContaining("1 to 8 key columns, got 0");
            assertThatThrownBy(() -> groupBy.groupBy(List.of(keys), List.of(ElementType.FLOAT64), count, pool, stream))
                    .hasMessageContaining("keyTypes[0] must be INT32 or INT64");
            assertThatThrownBy(() -> groupBy.groupBy(List.of(keys, keys), List.of(ElementType.INT64), count, pool,
                    stream)).hasMessageContaining("keyTypes names 1 types for 2 key columns");
            assertThatThrownBy(() -> groupBy.groupBy(List.of(keys), List.of(ElementType.INT64),
                    List.of(GpuAggregate.of(AggregateFunction.SUM, shortValues, ElementType.INT64)), pool, stream))
                    .hasMessageContaining("aggregates[0].values has 4 rows but keyColumns[0] has 8");
            assertThatThrownBy(() -> GpuAggregate.of(AggregateFunction.MIN, keys, ElementType.UINT64))
                    .hasMessageContaining("MIN needs INT32, INT64, FLOAT32 or FLOAT64");
        }
    }
}
