package dev.forge.cuda.bindings;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Hand-written bindings to NVRTC ({@code libnvrtc.so}), the CUDA run-time compiler.
 *
 * <p>NVRTC ships with the CUDA toolkit, not the driver, so it is searched in the usual toolkit locations. Its
 * companion {@code libnvrtc-builtins} is loaded first from the same folder: NVRTC opens it by bare name, which
 * fails when the toolkit's folder is not on the loader path, and a library already in the process is found by
 * name.
 */
public final class Nvrtc {
    private Nvrtc() {
    }

    public static final int SUCCESS = 0;
    public static final int ERROR_COMPILATION = 6;

    private static final NativeLibrary LIBRARY = openWithBuiltins();

    private static NativeLibrary openWithBuiltins() {
        List<String> candidates = candidates();
        NativeLibrary library = NativeLibrary.open("NVRTC (CUDA run-time compiler)", candidates);
        library.location().filter(Path::isAbsolute).ifPresent(Nvrtc::preloadBuiltins);
        return library;
    }

    private static List<String> candidates() {
        List<String> names = new ArrayList<>();
        names.add(System.getenv("FORGE_NVRTC"));
        // Absolute paths first, so that the builtins beside the library can be preloaded.
        for (String home : new String[] {System.getenv("CUDA_HOME"), System.getenv("CUDA_PATH"), "/usr/local/cuda"}) {
            if (home != null) {
                names.addAll(librariesIn(Path.of(home, "lib64")));
                names.addAll(librariesIn(Path.of(home, "lib")));
            }
        }
        for (Path toolkit : toolkitsNewestFirst()) {
            names.addAll(librariesIn(toolkit.resolve("lib64")));
        }
        names.add("libnvrtc.so.13");
        names.add("libnvrtc.so.12");
        names.add("libnvrtc.so");
        return names;
    }

    private static List<Path> toolkitsNewestFirst() {
        try (Stream<Path> entries = Files.list(Path.of("/usr/local"))) {
            return entries.filter(path -> path.getFileName().toString().startsWith("cuda-"))
                    .sorted(Comparator.comparing((Path path) -> path.getFileName().toString()).reversed())
                    .toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    private static List<String> librariesIn(Path folder) {
        List<String> found = new ArrayList<>();
        for (String name : new String[] {"libnvrtc.so", "libnvrtc.so.13", "libnvrtc.so.12"}) {
            Path path = folder.resolve(name);
            if (Files.exists(path)) {
                found.add(path.toString());
            }
        }
        return found;
    }

    private static void preloadBuiltins(Path nvrtc) {
        Path folder = nvrtc.toAbsolutePath().getParent();
        try (Stream<Path> entries = Files.list(folder)) {
            entries.filter(path -> path.getFileName().toString().startsWith("libnvrtc-builtins.so"))
                    .sorted(Comparator.comparing((Path path) -> path.getFileName().toString().length()).reversed())
                    .findFirst()
                    .ifPresent(builtins -> SymbolLookup.libraryLookup(builtins, Arena.global()));
        } catch (IOException | RuntimeException unreadable) {
            // NVRTC will report the missing builtins itself, with its own message, at the first compile.
        }
    }

    public static NativeLibrary library() {
        return LIBRARY;
    }

    private static MethodHandle require(MethodHandle handle, String name) {
        if (handle == null) {
            throw new UnsatisfiedLinkError(name + " is not available: "
                    + LIBRARY.failure().orElse("this NVRTC is too old to have it"));
        }
        return handle;
    }

    private static final MethodHandle VERSION = LIBRARY.function("nvrtcVersion",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle GET_NUM_SUPPORTED_ARCHS = LIBRARY.function("nvrtcGetNumSupportedArchs",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle GET_SUPPORTED_ARCHS = LIBRARY.function("nvrtcGetSupportedArchs",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle GET_ERROR_STRING = LIBRARY.function("nvrtcGetErrorString",
            FunctionDescriptor.of(ADDRESS, JAVA_INT));
    private static final MethodHandle CREATE_PROGRAM = LIBRARY.function("nvrtcCreateProgram",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle DESTROY_PROGRAM = LIBRARY.function("nvrtcDestroyProgram",
            FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private static final MethodHandle COMPILE_PROGRAM = LIBRARY.function("nvrtcCompileProgram",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT, ADDRESS));
    private static final MethodHandle GET_PROGRAM_LOG_SIZE = LIBRARY.function("nvrtcGetProgramLogSize",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_PROGRAM_LOG = LIBRARY.function("nvrtcGetProgramLog",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_PTX_SIZE = LIBRARY.function("nvrtcGetPTXSize",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_PTX = LIBRARY.function("nvrtcGetPTX",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_CUBIN_SIZE = LIBRARY.function("nvrtcGetCUBINSize",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_CUBIN = LIBRARY.function("nvrtcGetCUBIN",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle ADD_NAME_EXPRESSION = LIBRARY.function("nvrtcAddNameExpression",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS));
    private static final MethodHandle GET_LOWERED_NAME = LIBRARY.function("nvrtcGetLoweredName",
            FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS, ADDRESS));

    public static int nvrtcVersion(MemorySegment major, MemorySegment minor) {
        try {
            return (int) require(VERSION, "nvrtcVersion").invokeExact(major, minor);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetNumSupportedArchs(MemorySegment count) {
        try {
            return (int) require(GET_NUM_SUPPORTED_ARCHS, "nvrtcGetNumSupportedArchs").invokeExact(count);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetSupportedArchs(MemorySegment architectures) {
        try {
            return (int) require(GET_SUPPORTED_ARCHS, "nvrtcGetSupportedArchs").invokeExact(architectures);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    /** NVRTC's message for a result code; a static string that must not be freed. */
    public static String nvrtcGetErrorString(int result) {
        try {
            MemorySegment text = (MemorySegment) require(GET_ERROR_STRING, "nvrtcGetErrorString").invokeExact(result);
            return text.equals(MemorySegment.NULL) ? "NVRTC error " + result : text.reinterpret(4096).getString(0);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcCreateProgram(MemorySegment program, MemorySegment source, MemorySegment name,
            int headerCount, MemorySegment headers, MemorySegment includeNames) {
        try {
            return (int) require(CREATE_PROGRAM, "nvrtcCreateProgram")
                    .invokeExact(program, source, name, headerCount, headers, includeNames);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcDestroyProgram(MemorySegment program) {
        try {
            return (int) require(DESTROY_PROGRAM, "nvrtcDestroyProgram").invokeExact(program);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcCompileProgram(long program, int optionCount, MemorySegment options) {
        try {
            return (int) require(COMPILE_PROGRAM, "nvrtcCompileProgram").invokeExact(program, optionCount, options);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetProgramLogSize(long program, MemorySegment size) {
        try {
            return (int) require(GET_PROGRAM_LOG_SIZE, "nvrtcGetProgramLogSize").invokeExact(program, size);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetProgramLog(long program, MemorySegment log) {
        try {
            return (int) require(GET_PROGRAM_LOG, "nvrtcGetProgramLog").invokeExact(program, log);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetPTXSize(long program, MemorySegment size) {
        try {
            return (int) require(GET_PTX_SIZE, "nvrtcGetPTXSize").invokeExact(program, size);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetPTX(long program, MemorySegment ptx) {
        try {
            return (int) require(GET_PTX, "nvrtcGetPTX").invokeExact(program, ptx);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetCUBINSize(long program, MemorySegment size) {
        try {
            return (int) require(GET_CUBIN_SIZE, "nvrtcGetCUBINSize").invokeExact(program, size);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetCUBIN(long program, MemorySegment cubin) {
        try {
            return (int) require(GET_CUBIN, "nvrtcGetCUBIN").invokeExact(program, cubin);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcAddNameExpression(long program, MemorySegment nameExpression) {
        try {
            return (int) require(ADD_NAME_EXPRESSION, "nvrtcAddNameExpression").invokeExact(program, nameExpression);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    public static int nvrtcGetLoweredName(long program, MemorySegment nameExpression, MemorySegment loweredName) {
        try {
            return (int) require(GET_LOWERED_NAME, "nvrtcGetLoweredName")
                    .invokeExact(program, nameExpression, loweredName);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }
}
