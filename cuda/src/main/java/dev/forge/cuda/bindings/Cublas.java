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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Hand-written bindings to cuBLAS ({@code libcublas.so}), only the calls Forge makes: handle life cycle, stream,
 * workspace and math mode, {@code cublasGemmEx} and {@code cublasSgemv_v2}.
 *
 * <p>cuBLAS ships with the CUDA toolkit, not the driver, so it is searched where toolkits live: {@code FORGE_CUBLAS}
 * (a path to the library), {@code CUDA_HOME} and {@code CUDA_PATH}, {@code /usr/local/cuda} and every
 * {@code /usr/local/cuda-*} (newest first), each in {@code lib64}, {@code targets/x86_64-linux/lib} and {@code lib},
 * then by bare name on the system loader's path. Its companion {@code libcublasLt} is loaded first from the same
 * folder, because libcublas links against it by bare name and that folder need not be on the loader path.
 *
 * <p>Like {@link Driver}, every method returns the raw status ({@code cublasStatus_t}); handles, streams and device
 * pointers are {@code long}s; the header's {@code #define cublasCreate cublasCreate_v2} aliases do not exist for a
 * dynamic lookup, so the versioned symbols are named explicitly. cuBLAS uses the CUDA runtime, which works in the
 * context current on the calling thread: callers make the device's primary context current first.
 */
public final class Cublas {
    private Cublas() {
    }

    /** The file names tried in each folder and then on the loader path, newest major version first. */
    static final List<String> FILE_NAMES = List.of("libcublas.so.13", "libcublas.so.12", "libcublas.so");

    private static final List<Path> SEARCHED_FOLDERS = searchFolders(System.getenv(), installedToolkits(Path.of("/usr/local")));
    private static final NativeLibrary LIBRARY = openWithLt(candidates(System.getenv("FORGE_CUBLAS"), SEARCHED_FOLDERS));

    /** The folders searched for the library, in order, for an environment and the toolkits installed. */
    static List<Path> searchFolders(Map<String, String> environment, List<Path> toolkitsNewestFirst) {
        Set<Path> homes = new LinkedHashSet<>();
        for (String variable : new String[] {"CUDA_HOME", "CUDA_PATH"}) {
            String home = environment.get(variable);
            if (home != null && !home.isBlank()) {
                homes.add(Path.of(home));
            }
        }
        homes.add(Path.of("/usr/local/cuda"));
        homes.addAll(toolkitsNewestFirst);
        List<Path> folders = new ArrayList<>();
        for (Path home : homes) {
            folders.add(home.resolve("lib64"));
            folders.add(home.resolve("targets/x86_64-linux/lib"));
            folders.add(home.resolve("lib"));
        }
        return folders;
    }

    /**
     * What {@link NativeLibrary#open} tries: the override, every file name in every folder (missing paths are skipped
     * there), then the bare names for the system loader.
     */
    static List<String> candidates(String override, List<Path> folders) {
        List<String> names = new ArrayList<>();
        names.add(override);
        for (Path folder : folders) {
            for (String name : FILE_NAMES) {
                names.add(folder.resolve(name).toString());
            }
        }
        names.addAll(FILE_NAMES);
        return names;
    }

    /** The {@code cuda-*} folders under {@code parent}, highest version first ({@code cuda-12.10} above {@code cuda-12.9}). */
    static List<Path> installedToolkits(Path parent) {
        try (Stream<Path> entries = Files.list(parent)) {
            return entries.filter(path -> path.getFileName().toString().startsWith("cuda-"))
                    .sorted(Comparator.comparing((Path path) -> path.getFileName().toString().substring(5),
                            Cublas::compareVersions).reversed())
                    .toList();
        } catch (IOException | RuntimeException unreadable) {
            return List.of();
        }
    }

    static int compareVersions(String left, String right) {
        String[] leftParts = left.split("\\.");
        String[] rightParts = right.split("\\.");
        for (int i = 0; i < Math.max(leftParts.length, rightParts.length); i++) {
            String leftPart = i < leftParts.length ? leftParts[i] : "";
            String rightPart = i < rightParts.length ? rightParts[i] : "";
            int order = leftPart.matches("\\d{1,9}") && rightPart.matches("\\d{1,9}")
                    ? Integer.compare(Integer.parseInt(leftPart), Integer.parseInt(rightPart))
                    : leftPart.compareTo(rightPart);
            if (order != 0) {
                return order;
            }
        }
        return 0;
    }

    private static NativeLibrary openWithLt(List<String> candidates) {
        candidates.stream()
                .filter(candidate -> candidate != null && Path.of(candidate).isAbsolute() && Files.exists(Path.of(candidate)))
                .findFirst()
                .ifPresent(first -> preloadLt(Path.of(first).toAbsolutePath().getParent()));
        return NativeLibrary.open("cuBLAS", candidates);
    }

    private static void preloadLt(Path folder) {
        try (Stream<Path> entries = Files.list(folder)) {
            // the most specific name (libcublasLt.so.13.1.0.3) is the real file; the shorter ones link to it
            entries.filter(path -> path.getFileName().toString().startsWith("libcublasLt.so"))
                    .max(Comparator.comparing((Path path) -> path.getFileName().toString().length()))
                    .ifPresent(lt -> SymbolLookup.libraryLookup(lt, Arena.global()));
        } catch (IOException | RuntimeException unloadable) {
            // libcublas then reports the missing libcublasLt itself, and its load fails with the folder named
        }
    }

    public static NativeLibrary library() {
        return LIBRARY;
    }

    /** Why cuBLAS cannot be used, saying everywhere it was looked for, or empty when it is loaded. */
    public static Optional<String> unavailableReason() {
        return LIBRARY.failure().map(failure -> describeAbsence(failure, System.getenv("FORGE_CUBLAS"), SEARCHED_FOLDERS));
    }

    static String describeAbsence(String failure, String override, List<Path> folders) {
        return failure + "; looked for " + String.join(", ", FILE_NAMES) + " in FORGE_CUBLAS ("
                + (override == null ? "unset" : override) + "), "
                + String.join(", ", folders.stream().map(Path::toString).toList())
                + " and on the system loader path (LD_LIBRARY_PATH, the ld.so cache): install the CUDA toolkit's"
                + " cuBLAS, or set FORGE_CUBLAS to the library file or CUDA_HOME to the toolkit";
    }

    private static MethodHandle bind(FunctionDescriptor descriptor, String name) {
        return LIBRARY.function(name, descriptor);
    }

    private static MethodHandle require(MethodHandle handle, String name) {
        if (handle == null) {
            throw new UnsatisfiedLinkError(name + " is not available: "
                    + unavailableReason().orElse("this cuBLAS (" + LIBRARY.location().map(Path::toString).orElse("?")
                            + ") is too old to have it"));
        }
        return handle;
    }

    private static final MethodHandle CREATE = bind(FunctionDescriptor.of(JAVA_INT, ADDRESS), "cublasCreate_v2");

    /** Writes a new {@code cublasHandle_t} into {@code handle} (8 bytes). */
    public static int cublasCreate(MemorySegment handle) {
        try {
            return (int) require(CREATE, "cublasCreate_v2").invokeExact(handle);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle DESTROY = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG), "cublasDestroy_v2");

    public static int cublasDestroy(long handle) {
        try {
            return (int) require(DESTROY, "cublasDestroy_v2").invokeExact(handle);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle GET_VERSION = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, ADDRESS),
            "cublasGetVersion_v2");

    /** Writes the library's version (e.g. 130100 for 13.1.0) into {@code version} (4 bytes). */
    public static int cublasGetVersion(long handle, MemorySegment version) {
        try {
            return (int) require(GET_VERSION, "cublasGetVersion_v2").invokeExact(handle, version);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle SET_STREAM = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG),
            "cublasSetStream_v2");

    public static int cublasSetStream(long handle, long stream) {
        try {
            return (int) require(SET_STREAM, "cublasSetStream_v2").invokeExact(handle, stream);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle SET_WORKSPACE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            "cublasSetWorkspace_v2");

    public static int cublasSetWorkspace(long handle, long workspace, long bytes) {
        try {
            return (int) require(SET_WORKSPACE, "cublasSetWorkspace_v2").invokeExact(handle, workspace, bytes);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle SET_MATH_MODE = bind(FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_INT),
            "cublasSetMathMode");

    public static int cublasSetMathMode(long handle, int mode) {
        try {
            return (int) require(SET_MATH_MODE, "cublasSetMathMode").invokeExact(handle, mode);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle GEMM_EX = bind(FunctionDescriptor.of(JAVA_INT,
            JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
            ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT,
            ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), "cublasGemmEx");

    /**
     * {@code C = alpha op(A) op(B) + beta C}, column-major; {@code alpha} and {@code beta} point to host scalars of
     * the compute type's scale type (the default host pointer mode), read before the call returns.
     */
    public static int cublasGemmEx(long handle, int transposeA, int transposeB, int m, int n, int k,
            MemorySegment alpha, long a, int aType, int lda, long b, int bType, int ldb,
            MemorySegment beta, long c, int cType, int ldc, int computeType, int algorithm) {
        try {
            return (int) require(GEMM_EX, "cublasGemmEx").invokeExact(handle, transposeA, transposeB, m, n, k,
                    alpha, a, aType, lda, b, bType, ldb, beta, c, cType, ldc, computeType, algorithm);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }

    private static final MethodHandle SGEMV = bind(FunctionDescriptor.of(JAVA_INT,
            JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT,
            JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT), "cublasSgemv_v2");

    /** {@code y = alpha op(A) x + beta y}, column-major float32; scalars as for {@link #cublasGemmEx}. */
    public static int cublasSgemv(long handle, int transpose, int m, int n, MemorySegment alpha, long a, int lda,
            long x, int incx, MemorySegment beta, long y, int incy) {
        try {
            return (int) require(SGEMV, "cublasSgemv_v2").invokeExact(handle, transpose, m, n, alpha, a, lda, x, incx,
                    beta, y, incy);
        } catch (Throwable thrown) {
            throw NativeLibrary.unchecked(thrown);
        }
    }
}
