package dev.forge.executor.cpu.aggregate;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.executor.cpu.vector.VectorKind;
import dev.forge.plan.AggregateCall;
import dev.forge.plan.AggregateFunction;
import java.util.List;
import java.util.function.Supplier;

/** Makes the state for an {@link AggregateCall} over its input fields. */
public final class Aggregates {
    private Aggregates() {
    }

    public static Supplier<AggregateState> stateFactory(AggregateCall call, List<Field> inputFields) {
        DataType argument = call.arguments().isEmpty() ? null : inputFields.get(call.arguments().getFirst()).type();
        Supplier<AggregateState> plain = plainFactory(call, argument);
        if (call.distinct() && argument != null) {
            VectorKind kind = VectorKind.of(argument);
            return () -> new DistinctState(kind, plain);
        }
        return plain;
    }

    private static Supplier<AggregateState> plainFactory(AggregateCall call, DataType argument) {
        AggregateFunction function = call.function();
        String name = call.name();
        return switch (function) {
            case COUNT -> CountState::new;
            case SUM, SUM0, AVG -> {
                if (argument instanceof DataType.Float32 || argument instanceof DataType.Float64) {
                    yield () -> new DoubleSumState(function, call.type());
                }
                int scale = argument instanceof DataType.Decimal decimal ? decimal.scale() : 0;
                if (call.type() instanceof DataType.Float32 || call.type() instanceof DataType.Float64) {
                    if (function != AggregateFunction.AVG) {
                        throw new IllegalArgumentException(name + ": " + function + " of " + argument + " as "
                                + call.type() + " is not a supported typing");
                    }
                }
                yield () -> new ExactSumState(function, call.type(), scale, name);
            }
            case MIN, MAX, ANY_VALUE, SINGLE_VALUE -> {
                VectorKind kind = VectorKind.of(argument);
                yield () -> new ValueState(function, kind, name);
            }
        };
    }
}
