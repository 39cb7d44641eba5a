package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Compare;
import dev.forge.bench.experiments.NativeCase;
import dev.forge.bench.experiments.Experiment;
import dev.forge.bench.experiments.GpuSteps;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialContext;
import dev.forge.bench.experiments.TrialShape;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.primitives.ElementType;
import dev.forge.primitives.Int128;
import dev.forge.primitives.cpu.CpuReduce;
import dev.forge.primitives.gpu.GpuReduce;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.util.List;
import java.util.OptionalLong;

/**
 * Sum of a column: {@code GpuReduce} against {@code CpuReduce} (all cores, Vector API) and CUB's DeviceReduce::Sum,
 * over integers in [-1000, 1000] of each element type, so the sums are exact on both sides and must agree exactly.
 */
public final class ReduceExperiment implements Experiment {
    static final long SEED = 0x5EED_0001L;

    @Override
    public String name() {
        return "reduce";
    }

    @Override
    public String description() {
        return "sum of a column (int32, int64, float32, float64): GpuReduce vs CpuReduce vs CUB DeviceReduce::Sum";
    }

    @Override
    public List<String> variants() {
        return List.of("int32", "int64", "float32", "float64");
    }

    @Override
    public long deviceBytes(String variant, long size) {
        return size * IntegerValues.typeOf(variant).byteSize() + (1 << 20);
    }

    @Override
    public long hostBytes(String variant, long size) {
        return size * IntegerValues.typeOf(variant).byteSize();
    }

    @Override
    public NativeCase nativePeer(String variant) {
        return NativeCase.cub("reduce_sum", variant);
    }

    @Override
    public Trial prepare(String variant, long size, TrialContext context) {
        return new ReduceTrial(IntegerValues.typeOf(variant), size, context);
    }

    private static final class ReduceTrial extends PrimitiveTrial {
        private final ElementType type;
        private final long size;
        private final MemorySegment values;
        private final CpuReduce cpu;
        private BigInteger cpuSum;
        private MemorySegment gpuResult;

        ReduceTrial(ElementType type, long size, TrialContext context) {
            super(context);
            this.type = type;
            this.size = size;
            this.values = memory.host(size * type.byteSize());
            IntegerValues.fill(context.workers(), values, type, SEED);
            this.cpu = new CpuReduce(context.workers());
            if (context.hasGpu()) {
                GpuReduce reduce = new GpuReduce(context.gpu().device());
                DeviceBuffer input = memory.device(values.byteSize());
                DeviceBuffer result = memory.device(16);
                gpuResult = memory.host(16);
                gpu = GpuSteps.forge().upload(values, input)
                        .compute(stream -> reduce.reduce(GpuReduce.Operation.SUM, input, type, result,
                                context.gpu().pool(), stream))
                        .download(result, gpuResult);
            }
        }

        @Override
        public TrialShape shape() {
            long bytes = size * type.byteSize();
            return new TrialShape(size, bytes, bytes, 16);
        }

        @Override
        public void runBaseline() {
            cpuSum = switch (type) {
                case INT32 -> BigInteger.valueOf(cpu.sumInt32(values));
                case INT64 -> cpu.sumInt64(values).toBigInteger();
                case FLOAT32 -> exactInteger(cpu.sumFloat32(values));
                case FLOAT64 -> exactInteger(cpu.sumFloat64(values));
                case UINT32, UINT64 -> throw new IllegalStateException(type.toString());
            };
        }

        private static BigInteger exactInteger(double sum) {
            return BigInteger.valueOf((long) sum);
        }

        @Override
        public String validate() {
            long low = gpuResult.get(ValueLayout.JAVA_LONG, 0);
            BigInteger gpuSum = switch (type) {
                case INT32 -> BigInteger.valueOf(low);
                case INT64 -> new Int128(gpuResult.get(ValueLayout.JAVA_LONG, 8), low).toBigInteger();
                case FLOAT32, FLOAT64 -> {
                    double sum = Double.longBitsToDouble(low);
                    if (sum != Math.rint(sum)) {
                        throw new dev.forge.bench.experiments.ValidationException(
                                "GPU sum of integer-valued " + type + " is not an integer: " + sum);
                    }
                    yield exactInteger(sum);
                }
                case UINT32, UINT64 -> throw new IllegalStateException(type.toString());
            };
            return Compare.exactCount("sum of " + size + " " + type + " values", cpuSum.longValueExact(),
                    gpuSum.longValueExact());
        }

        @Override
        public OptionalLong inputChecksum() {
            return OptionalLong.of(checksum(values, type.byteSize()));
        }

    }
}
