package dev.forge.primitives.gpu;

import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.KernelLaunch;
import dev.forge.cuda.MemoryPool;
import dev.forge.cuda.Module;
import dev.forge.cuda.Stream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What one call of a GPU primitive queues on a stream, worked out on the host before anything runs: the temporary
 * memory it takes from the pool (one allocation, named {@link #SCRATCH}), the byte fills, and the kernel launches
 * with their arguments. Memory is named, so the same plan runs on the GPU ({@link #run}) and, in the tests, on the
 * kernel emulation, which checks the launch arithmetic along with the kernels.
 */
record KernelPlan(long scratchBytes, List<Step> steps) {

    /** The name of the plan's temporary memory. */
    static final String SCRATCH = "scratch";

    KernelPlan {
        steps = List.copyOf(steps);
    }

    sealed interface Step permits Fill, Launch {
    }

    /** Sets {@code bytes} bytes of memory {@code memory} from {@code offset} to {@code value}. */
    record Fill(String memory, long offset, long bytes, byte value) implements Step {
    }

    record Launch(String kernel, int grid, int block, List<Argument> arguments) implements Step {
        Launch {
            arguments = List.copyOf(arguments);
        }
    }

    sealed interface Argument permits Pointer, NullPointer, IntValue, LongValue {
    }

    /** The address {@code offset} bytes into memory {@code memory}. */
    record Pointer(String memory, long offset) implements Argument {
    }

    /** A pointer the kernel does not follow in this launch. */
    record NullPointer() implements Argument {
    }

    record IntValue(int value) implements Argument {
    }

    record LongValue(long value) implements Argument {
    }

    static Pointer pointer(String memory) {
        return new Pointer(memory, 0);
    }

    static Pointer scratch(long offset) {
        return new Pointer(SCRATCH, offset);
    }

    /**
     * Queues the plan on {@code stream}: the temporary memory from {@code pool} (freed in stream order after the last
     * launch), then every step in order. {@code memory} names the caller's buffers.
     */
    void run(Module module, Map<String, DeviceMemory> memory, MemoryPool pool, Stream stream) {
        if (steps.isEmpty()) {
            return;
        }
        Map<String, DeviceMemory> named = new HashMap<>(memory);
        try (DeviceBuffer scratch = scratchBytes > 0 ? pool.allocate(scratchBytes, stream) : null) {
            if (scratch != null) {
                named.put(SCRATCH, scratch);
            }
            for (Step step : steps) {
                switch (step) {
                    case Fill fill -> resolve(named, fill.memory()).slice(fill.offset(), fill.bytes())
                            .fillAsync(fill.value(), stream);
                    case Launch launch -> launch(module, launch, named, stream);
                }
            }
        }
    }

    private static void launch(Module module, Launch launch, Map<String, DeviceMemory> memory, Stream stream) {
        KernelLaunch launcher = module.kernel(launch.kernel()).launcher().grid(launch.grid())
                .block(launch.block()).stream(stream);
        for (Argument argument : launch.arguments()) {
            switch (argument) {
                case Pointer pointer -> launcher.arg(resolve(memory, pointer.memory()).address() + pointer.offset());
                case NullPointer ignored -> launcher.arg(0L);
                case IntValue value -> launcher.arg(value.value());
                case LongValue value -> launcher.arg(value.value());
            }
        }
        launcher.launch();
    }

    private static DeviceMemory resolve(Map<String, DeviceMemory> memory, String name) {
        DeviceMemory found = memory.get(name);
        if (found == null) {
            throw new IllegalStateException("the plan names memory '" + name + "', which the call did not give");
        }
        return found;
    }
}
