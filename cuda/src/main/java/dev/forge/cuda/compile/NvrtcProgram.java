package dev.forge.cuda.compile;

import dev.forge.cuda.bindings.Nvrtc;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One run of NVRTC over a {@link KernelSource}: source in, CUBIN (or PTX) and the compiler log out. */
final class NvrtcProgram {
    private NvrtcProgram() {
    }

    /** Whether NVRTC could be loaded, or why not. */
    static Optional<String> unavailableReason() {
        return Nvrtc.library().failure();
    }

    /** NVRTC's version as {@code major.minor}. */
    static String version() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment major = arena.allocate(ValueLayout.JAVA_INT);
            MemorySegment minor = arena.allocate(ValueLayout.JAVA_INT);
            check(Nvrtc.nvrtcVersion(major, minor), "nvrtcVersion");
            return major.get(ValueLayout.JAVA_INT, 0) + "." + minor.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /** The SM versions this NVRTC can generate machine code for, e.g. {@code [75, 80, 86, 89, 90, 100, 120]}. */
    static int[] supportedArchitectures() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(ValueLayout.JAVA_INT);
            check(Nvrtc.nvrtcGetNumSupportedArchs(count), "nvrtcGetNumSupportedArchs");
            MemorySegment architectures = arena.allocate(ValueLayout.JAVA_INT, Math.max(1, count.get(ValueLayout.JAVA_INT, 0)));
            check(Nvrtc.nvrtcGetSupportedArchs(architectures), "nvrtcGetSupportedArchs");
            return architectures.asSlice(0, 4L * count.get(ValueLayout.JAVA_INT, 0)).toArray(ValueLayout.JAVA_INT);
        }
    }

    /**
     * The architecture option for a device of compute capability {@code sm}: machine code when NVRTC knows the
     * device, else PTX for the newest architecture it knows, which the driver compiles at load.
     */
    static String architectureOption(int sm) {
        int newestBelow = 0;
        for (int supported : supportedArchitectures()) {
            if (supported == sm) {
                return "--gpu-architecture=sm_" + sm;
            }
            if (supported < sm) {
                newestBelow = Math.max(newestBelow, supported);
            }
        }
        if (newestBelow == 0) {
            throw new IllegalStateException("NVRTC " + version() + " cannot compile for sm_" + sm);
        }
        return "--gpu-architecture=compute_" + newestBelow;
    }

    /** Include folders of the toolkit NVRTC came from (for {@code <cuda/std/...>} and {@code <cub/...>}). */
    static List<String> toolkitIncludeOptions() {
        List<String> options = new ArrayList<>();
        Nvrtc.library().location().filter(Path::isAbsolute).ifPresent(library -> {
            Path toolkit = library.toAbsolutePath().getParent().getParent();
            for (Path include : List.of(toolkit.resolve("include"), toolkit.resolve("include/cccl"))) {
                if (Files.isDirectory(include)) {
                    options.add("--include-path=" + include);
                }
            }
        });
        return options;
    }

    static KernelBinary compile(KernelSource source, List<String> options) {
        long started = System.nanoTime();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment programHolder = arena.allocate(ValueLayout.JAVA_LONG);
            int headerCount = source.headers().size();
            MemorySegment headerTexts = arena.allocate(ValueLayout.ADDRESS, Math.max(1, headerCount));
            MemorySegment headerNames = arena.allocate(ValueLayout.ADDRESS, Math.max(1, headerCount));
            int index = 0;
            for (Map.Entry<String, String> header : source.headers().entrySet()) {
                headerNames.setAtIndex(ValueLayout.ADDRESS, index, arena.allocateFrom(header.getKey()));
                headerTexts.setAtIndex(ValueLayout.ADDRESS, index, arena.allocateFrom(header.getValue()));
                index++;
            }
            check(Nvrtc.nvrtcCreateProgram(programHolder, arena.allocateFrom(source.code()),
                    arena.allocateFrom(source.name()), headerCount, headerTexts, headerNames), "nvrtcCreateProgram");
            long program = programHolder.get(ValueLayout.JAVA_LONG, 0);
            try {
                for (String expression : source.nameExpressions()) {
                    check(Nvrtc.nvrtcAddNameExpression(program, arena.allocateFrom(expression)), "nvrtcAddNameExpression");
                }
                MemorySegment optionArray = arena.allocate(ValueLayout.ADDRESS, Math.max(1, options.size()));
                for (int i = 0; i < options.size(); i++) {
                    optionArray.setAtIndex(ValueLayout.ADDRESS, i, arena.allocateFrom(options.get(i)));
                }
                int result = Nvrtc.nvrtcCompileProgram(program, options.size(), optionArray);
                String log = log(program, arena);
                if (result != Nvrtc.SUCCESS) {
                    throw new KernelCompilationException(source.name(), options, Nvrtc.nvrtcGetErrorString(result), log);
                }
                boolean machineCode = options.stream().anyMatch(option -> option.startsWith("--gpu-architecture=sm_"));
                byte[] image = machineCode ? cubin(program, arena) : ptx(program, arena);
                Map<String, String> lowered = new LinkedHashMap<>();
                for (String expression : source.nameExpressions()) {
                    MemorySegment name = arena.allocate(ValueLayout.ADDRESS);
                    check(Nvrtc.nvrtcGetLoweredName(program, arena.allocateFrom(expression), name), "nvrtcGetLoweredName");
                    lowered.put(expression, name.get(ValueLayout.ADDRESS, 0).reinterpret(4096).getString(0));
                }
                return new KernelBinary(image, machineCode ? KernelBinary.ImageKind.CUBIN : KernelBinary.ImageKind.PTX,
                        KernelBinary.Origin.NVRTC, lowered, log, System.nanoTime() - started);
            } finally {
                Nvrtc.nvrtcDestroyProgram(programHolder);
            }
        }
    }

    private static String log(long program, Arena arena) {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
        check(Nvrtc.nvrtcGetProgramLogSize(program, size), "nvrtcGetProgramLogSize");
        long bytes = size.get(ValueLayout.JAVA_LONG, 0);
        if (bytes <= 1) {
            return "";
        }
        MemorySegment text = arena.allocate(bytes);
        check(Nvrtc.nvrtcGetProgramLog(program, text), "nvrtcGetProgramLog");
        return text.getString(0);
    }

    private static byte[] cubin(long program, Arena arena) {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
        check(Nvrtc.nvrtcGetCUBINSize(program, size), "nvrtcGetCUBINSize");
        MemorySegment image = arena.allocate(size.get(ValueLayout.JAVA_LONG, 0));
        check(Nvrtc.nvrtcGetCUBIN(program, image), "nvrtcGetCUBIN");
        return image.toArray(ValueLayout.JAVA_BYTE);
    }

    private static byte[] ptx(long program, Arena arena) {
        MemorySegment size = arena.allocate(ValueLayout.JAVA_LONG);
        check(Nvrtc.nvrtcGetPTXSize(program, size), "nvrtcGetPTXSize");
        MemorySegment image = arena.allocate(size.get(ValueLayout.JAVA_LONG, 0));
        check(Nvrtc.nvrtcGetPTX(program, image), "nvrtcGetPTX");
        return image.toArray(ValueLayout.JAVA_BYTE);
    }

    private static void check(int result, String call) {
        if (result != Nvrtc.SUCCESS) {
            throw new IllegalStateException(call + " failed: " + Nvrtc.nvrtcGetErrorString(result));
        }
    }
}
