package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceMemory;
import dev.forge.primitives.Aggregate;
import dev.forge.primitives.AggregateFunction;
import dev.forge.primitives.ElementType;

/**
 * One aggregate of a GPU group-by: a function over a column of INT32, INT64, FLOAT32 or FLOAT64 values in device
 * memory ({@code values} is null for COUNT, which counts rows). Result columns are those of {@link Aggregate}.
 */
public record GpuAggregate(AggregateFunction function, DeviceMemory values, ElementType valueType) {

    public GpuAggregate {
        if (function != AggregateFunction.COUNT) {
            switch (valueType) {
                case INT32, INT64, FLOAT32, FLOAT64 -> {
                }
                case UINT32, UINT64 -> throw new IllegalArgumentException(function
                        + " needs INT32, INT64, FLOAT32 or FLOAT64 values, got " + valueType);
            }
            if (values == null) {
                throw new IllegalArgumentException(function + " needs a values column");
            }
        }
    }

    public static GpuAggregate count() {
        return new GpuAggregate(AggregateFunction.COUNT, null, ElementType.INT64);
    }

    public static GpuAggregate of(AggregateFunction function, DeviceMemory values, ElementType valueType) {
        return new GpuAggregate(function, values, valueType);
    }

    /** Bytes one group's result takes in the result column. */
    public int resultBytes() {
        return Aggregate.resultBytes(function, valueType);
    }
}
