package dev.forge.cuda.blas;

import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.DeviceMemory;
import dev.forge.cuda.LeakTracker;
import dev.forge.cuda.Stream;
import dev.forge.cuda.bindings.Cublas;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A cuBLAS handle bound to one {@link Stream}: every call is queued on that stream and returns without waiting for
 * the device (scalars are read from host memory before the call returns).
 *
 * <p>The handle owns its workspace (cuBLAS's default size for the GPU: 32 MiB from Hopper on, 4 MiB before), so
 * cuBLAS never allocates behind Forge's back and calls can be captured into CUDA graphs. Math mode is
 * {@code CUBLAS_DEFAULT_MATH}: the compute type of each call alone decides whether float32 may go through TF32.
 * Like cuBLAS handles themselves, one is not for concurrent use from several threads.
 */
public final class BlasHandle implements AutoCloseable {
    private static final long WORKSPACE_FROM_HOPPER = 32L << 20;
    private static final long WORKSPACE_BEFORE_HOPPER = 4L << 20;
    private static final int DEFAULT_MATH = 0;
    private static final int DEFAULT_ALGORITHM = -1; // CUBLAS_GEMM_DEFAULT: cuBLAS's heuristics pick the kernel

    private final Stream stream;
    private final CudaDevice device;
    private final long handle;
    private final int generation;
    private final DeviceBuffer workspace;
    private final LeakTracker.Registration registration;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BlasHandle(Stream stream, long handle, DeviceBuffer workspace) {
        this.stream = stream;
        this.device = stream.device();
        this.handle = handle;
        this.generation = device.generation();
        this.workspace = workspace;
        this.registration = LeakTracker.register("cuBLAS handle", 0, "cuBLAS handle on " + device);
    }

    /** Whether the cuBLAS library could be loaded (a GPU is a separate question: see {@code Cuda.status()}). */
    public static boolean isAvailable() {
        return Cublas.library().isLoaded();
    }

    /** Why cuBLAS cannot be used, naming every place it was looked for; empty when it can. */
    public static Optional<String> unavailableReason() {
        return Cublas.unavailableReason();
    }

    /** The file cuBLAS was loaded from (a bare name when the system loader found it), or empty when it was not. */
    public static Optional<Path> libraryLocation() {
        return Cublas.library().location();
    }

    /** A handle whose work goes to {@code stream}; it must be closed before the stream. */
    public static BlasHandle create(Stream stream) {
        Optional<String> absent = unavailableReason();
        if (absent.isPresent()) {
            throw new IllegalStateException("cuBLAS cannot be used: " + absent.get());
        }
        CudaDevice device = stream.device();
        device.bind();
        long handle;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment created = arena.allocate(ValueLayout.JAVA_LONG);
            check(Cublas.cublasCreate(created), "cublasCreate_v2", "creating a handle on " + device);
            handle = created.get(ValueLayout.JAVA_LONG, 0);
        }
        DeviceBuffer workspace = null;
        try {
            // setting the stream resets the workspace to cuBLAS's own, so the workspace comes second
            check(Cublas.cublasSetStream(handle, stream.handle()), "cublasSetStream_v2", "binding a handle to a stream");
            long bytes = device.info().computeMajor() >= 9 ? WORKSPACE_FROM_HOPPER : WORKSPACE_BEFORE_HOPPER;
            workspace = device.allocate(bytes);
            check(Cublas.cublasSetWorkspace(handle, workspace.address(), bytes), "cublasSetWorkspace_v2",
                    "giving a handle its " + bytes + "-byte workspace");
            check(Cublas.cublasSetMathMode(handle, DEFAULT_MATH), "cublasSetMathMode", "setting the default math mode");
            return new BlasHandle(stream, handle, workspace);
        } catch (RuntimeException failed) {
            Cublas.cublasDestroy(handle);
            if (workspace != null) {
                workspace.close();
            }
            throw failed;
        }
    }

    public Stream stream() {
        return stream;
    }

    /** cuBLAS's version number, e.g. 130100 for 13.1.0. */
    public int version() {
        long current = bound();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment version = arena.allocate(ValueLayout.JAVA_INT);
            check(Cublas.cublasGetVersion(current, version), "cublasGetVersion_v2", "reading the version");
            return version.get(ValueLayout.JAVA_INT, 0);
        }
    }

    /**
     * Queues {@code c = alpha op(a) op(b) + beta c} (column-major, cuBLAS's own terms) with {@code cublasGemmEx} and
     * the default algorithm. {@code a} and {@code b} share a type; {@code c} is float32 or that type; TF32 compute
     * takes float32 only. When {@code beta} is 0, {@code c} is not read (NaN there does not spread).
     */
    public void gemm(BlasTranspose transposeA, BlasMatrix a, BlasTranspose transposeB, BlasMatrix b, BlasMatrix c,
            float alpha, float beta, BlasComputeType compute) {
        int m = c.rows();
        int n = c.columns();
        int k = a.columns(transposeA);
        if (a.rows(transposeA) != m || b.rows(transposeB) != k || b.columns(transposeB) != n) {
            throw new IllegalArgumentException("cannot multiply op(A) " + a.rows(transposeA) + " x " + k + " by op(B) "
                    + b.rows(transposeB) + " x " + b.columns(transposeB) + " into C " + m + " x " + n
                    + ": op(A) needs C's rows, op(B) A's columns as rows and C's columns");
        }
        requireSupported(a.type(), b.type(), c.type(), compute);
        requireApart(c.memory(), a.memory(), "A");
        requireApart(c.memory(), b.memory(), "B");
        long current = bound();
        callWithScalars(alpha, beta, (alphaValue, betaValue) -> check(Cublas.cublasGemmEx(current,
                transposeA.code(), transposeB.code(), m, n, k,
                alphaValue, a.memory().address(), a.type().code(), a.leadingDimension(),
                b.memory().address(), b.type().code(), b.leadingDimension(),
                betaValue, c.memory().address(), c.type().code(), c.leadingDimension(),
                compute.code(), DEFAULT_ALGORITHM),
                "cublasGemmEx", "multiplying " + m + " x " + k + " by " + k + " x " + n + " " + a.type() + " with "
                        + compute + " compute"));
    }

    /** Queues {@code y = alpha op(a) x + beta y} over float32 with {@code cublasSgemv_v2}. */
    public void sgemv(BlasTranspose transpose, BlasMatrix a, BlasVector x, BlasVector y, float alpha, float beta) {
        if (a.type() != BlasDataType.FLOAT32) {
            throw new IllegalArgumentException("cublasSgemv takes a FLOAT32 matrix, not " + a.type());
        }
        if (x.length() != a.columns(transpose) || y.length() != a.rows(transpose)) {
            throw new IllegalArgumentException("op(A) is " + a.rows(transpose) + " x " + a.columns(transpose)
                    + ": x needs " + a.columns(transpose) + " elements (has " + x.length() + "), y "
                    + a.rows(transpose) + " (has " + y.length() + ")");
        }
        requireApart(y.memory(), a.memory(), "A");
        requireApart(y.memory(), x.memory(), "x");
        long current = bound();
        callWithScalars(alpha, beta, (alphaValue, betaValue) -> check(Cublas.cublasSgemv(current, transpose.code(),
                a.rows(), a.columns(), alphaValue, a.memory().address(), a.leadingDimension(),
                x.memory().address(), x.increment(), betaValue, y.memory().address(), y.increment()),
                "cublasSgemv_v2", "multiplying a " + a.rows() + " x " + a.columns() + " matrix by a vector"));
    }

    /** A call that reads its float32 {@code alpha} and {@code beta} through host pointers. */
    private interface ScalarCall {
        void run(MemorySegment alpha, MemorySegment beta);
    }

    /** cuBLAS reads host-pointer scalars before it returns, so they live only for the call. */
    private static void callWithScalars(float alpha, float beta, ScalarCall call) {
        try (Arena arena = Arena.ofConfined()) {
            call.run(arena.allocateFrom(ValueLayout.JAVA_FLOAT, alpha), arena.allocateFrom(ValueLayout.JAVA_FLOAT, beta));
        }
    }

    /** The type combinations {@code cublasGemmEx} accepts with a float32 compute type (cuBLAS's table). */
    static void requireSupported(BlasDataType aType, BlasDataType bType, BlasDataType cType, BlasComputeType compute) {
        if (aType != bType) {
            throw new IllegalArgumentException("A and B must have one type for cublasGemmEx, got " + aType + " and "
                    + bType);
        }
        if (compute == BlasComputeType.FLOAT32_FAST_TF32 && aType != BlasDataType.FLOAT32) {
            throw new IllegalArgumentException("TF32 compute takes FLOAT32 inputs, not " + aType);
        }
        if (cType != BlasDataType.FLOAT32 && cType != aType) {
            throw new IllegalArgumentException("C must be FLOAT32 or the inputs' type " + aType + ", not " + cType);
        }
    }

    /** cuBLAS does not multiply in place: an output overlapping an input gives undefined results. */
    private static void requireApart(DeviceMemory output, DeviceMemory input, String inputName) {
        if (output.overlaps(input)) {
            throw new IllegalArgumentException("the output overlaps " + inputName + ": cuBLAS does not compute in"
                    + " place; give the output its own memory");
        }
    }

    /** Makes the device's context current for the CUDA runtime inside cuBLAS and returns the live handle. */
    private long bound() {
        if (closed.get()) {
            throw new IllegalStateException("cuBLAS handle was already closed");
        }
        device.requireGeneration(generation, "cuBLAS handle");
        stream.handle(); // throws when the stream was closed under the handle
        device.bind();
        return handle;
    }

    private static void check(int status, String call, String operation) {
        if (status != BlasStatus.SUCCESS) {
            throw new BlasException(call, status, operation);
        }
    }

    /**
     * Destroys the handle, which waits for the device to finish its work (cuBLAS does so itself), then frees the
     * workspace.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            registration.release();
            try {
                if (device.ownsResourcesOf(generation)) {
                    check(Cublas.cublasDestroy(handle), "cublasDestroy_v2", "closing a handle");
                }
            } finally {
                workspace.close();
            }
        }
    }

    @Override
    public String toString() {
        return "BlasHandle[" + device + "]";
    }
}
