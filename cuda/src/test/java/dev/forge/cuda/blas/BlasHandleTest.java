package dev.forge.cuda.blas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.cuda.Cuda;
import dev.forge.cuda.CudaDevice;
import dev.forge.cuda.DeviceBuffer;
import dev.forge.cuda.Graph;
import dev.forge.cuda.GraphExec;
import dev.forge.cuda.Stream;
import dev.forge.cuda.testing.RequiresGpu;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * cuBLAS through FFM on small products whose every value is an integer exactly representable in every type, so each
 * element must match exactly; outputs start as NaN (all bits set) so that an unwritten one fails.
 */
@RequiresGpu
class BlasHandleTest {
    /** Column-major 2 x 3: [[1, 2, 3], [4, 5, 6]]. */
    private static final float[] A = {1, 4, 2, 5, 3, 6};
    /** Column-major 3 x 2: [[7, 8], [9, 10], [11, 12]]. */
    private static final float[] B = {7, 9, 11, 8, 10, 12};
    /** A B, column-major 2 x 2: [[58, 64], [139, 154]]. */
    private static final float[] PRODUCT = {58, 139, 64, 154};

    private static CudaDevice device() {
        return Cuda.defaultDevice();
    }

    private static DeviceBuffer upload(CudaDevice device, float[] values, BlasDataType type) {
        DeviceBuffer buffer = device.allocate((long) values.length * type.byteSize());
        switch (type) {
            case FLOAT32 -> buffer.copyFrom(MemorySegment.ofArray(values));
            case FLOAT16, BFLOAT16 -> {
                short[] halves = new short[values.length];
                for (int i = 0; i < values.length; i++) {
                    halves[i] = type == BlasDataType.FLOAT16 ? Float.floatToFloat16(values[i])
                            : (short) (Float.floatToRawIntBits(values[i]) >>> 16); // exact: small integers
                }
                buffer.copyFrom(MemorySegment.ofArray(halves));
            }
        }
        return buffer;
    }

    private static float[] download(DeviceBuffer buffer, int count) {
        float[] values = new float[count];
        buffer.slice(0, 4L * count).copyTo(MemorySegment.ofArray(values));
        return values;
    }

    private static DeviceBuffer poisoned(CudaDevice device, int floats) {
        DeviceBuffer buffer = device.allocate(4L * floats);
        buffer.fill((byte) 0xFF);
        return buffer;
    }

    @Test
    void everyInputTypeAndComputeTypeMultipliesExactly() {
        CudaDevice device = device();
        try (Stream stream = device.createStream(); BlasHandle blas = BlasHandle.create(stream)) {
            assertThat(blas.version()).as("cuBLAS version").isGreaterThanOrEqualTo(12_00_00);
            for (BlasDataType type : BlasDataType.values()) {
                for (BlasComputeType compute : BlasComputeType.values()) {
                    if (compute == BlasComputeType.FLOAT32_FAST_TF32 && type != BlasDataType.FLOAT32) {
                        continue;
                    }
                    try (DeviceBuffer a = upload(device, A, type); DeviceBuffer b = upload(device, B, type);
                            DeviceBuffer c = poisoned(device, 4)) {
                        blas.gemm(BlasTranspose.NONE, new BlasMatrix(a, type, 2, 3, 2),
                                BlasTranspose.NONE, new BlasMatrix(b, type, 3, 2, 3),
                                new BlasMatrix(c, BlasDataType.FLOAT32, 2, 2, 2), 1, 0, compute);
                        stream.synchronize();
                        assertThat(download(c, 4)).as(type + " with " + compute).containsExactly(PRODUCT);
                    }
                }
            }
        }
    }

    @Test
    void transposesLeadingDimensionsAlphaAndBetaFollowBlasSemantics() {
        CudaDevice device = device();
        // B^T stored column-major 2 x 3 with leading dimension 4 (two padding rows never read)
        float[] paddedBTransposed = {7, 8, -1, -1, 9, 10, -1, -1, 11, 12};
        try (Stream stream = device.createStream(); BlasHandle blas = BlasHandle.create(stream);
                DeviceBuffer a = upload(device, A, BlasDataType.FLOAT32);
                DeviceBuffer bTransposed = upload(device, paddedBTransposed, BlasDataType.FLOAT32);
                DeviceBuffer c = upload(device, new float[] {1, 2, 3, 4}, BlasDataType.FLOAT32)) {
            blas.gemm(BlasTranspose.NONE, new BlasMatrix(a, BlasDataType.FLOAT32, 2, 3, 2),
                    BlasTranspose.TRANSPOSE, new BlasMatrix(bTransposed, BlasDataType.FLOAT32, 2, 3, 4),
                    new BlasMatrix(c, BlasDataType.FLOAT32, 2, 2, 2), 2, -1, BlasComputeType.FLOAT32);
            stream.synchronize();
            assertThat(download(c, 4)).containsExactly(2 * 58 - 1, 2 * 139 - 2, 2 * 64 - 3, 2 * 154 - 4);
        }
    }

    @Test
    void sgemvMultipliesByTheMatrixOrItsTranspose() {
        CudaDevice device = device();
        try (Stream stream = device.createStream(); BlasHandle blas = BlasHandle.create(stream);
                DeviceBuffer a = upload(device, A, BlasDataType.FLOAT32);
                DeviceBuffer x3 = upload(device, new float[] {1, -1, 2}, BlasDataType.FLOAT32);
                DeviceBuffer x2 = upload(device, new float[] {3, -2}, BlasDataType.FLOAT32);
                DeviceBuffer y = poisoned(device, 3)) {
            BlasMatrix matrix = new BlasMatrix(a, BlasDataType.FLOAT32, 2, 3, 2);
            blas.sgemv(BlasTranspose.NONE, matrix, BlasVector.contiguous(x3, 3), BlasVector.contiguous(y, 2), 1, 0);
            stream.synchronize();
            assertThat(download(y, 2)).containsExactly(1 - 2 + 6, 4 - 5 + 12);
            blas.sgemv(BlasTranspose.TRANSPOSE, matrix, BlasVector.contiguous(x2, 2), BlasVector.contiguous(y, 3), 1, 0);
            stream.synchronize();
            assertThat(download(y, 3)).containsExactly(3 - 8, 6 - 10, 9 - 12);
        }
    }

    @Test
    void aCapturedProductReplaysFromAGraph() {
        CudaDevice device = device();
        try (Stream stream = device.createStream(); BlasHandle blas = BlasHandle.create(stream);
                DeviceBuffer a = upload(device, A, BlasDataType.FLOAT32);
                DeviceBuffer b = upload(device, B, BlasDataType.FLOAT32);
                DeviceBuffer c = poisoned(device, 4)) {
            Runnable product = () -> blas.gemm(BlasTranspose.NONE, new BlasMatrix(a, BlasDataType.FLOAT32, 2, 3, 2),
                    BlasTranspose.NONE, new BlasMatrix(b, BlasDataType.FLOAT32, 3, 2, 3),
                    new BlasMatrix(c, BlasDataType.FLOAT32, 2, 2, 2), 1, 0, BlasComputeType.FLOAT32);
            product.run(); // outside the capture first, so that cuBLAS has loaded its kernels
            stream.synchronize();
            c.fill((byte) 0xFF);
            try (Graph graph = Graph.capture(stream, product); GraphExec executable = graph.instantiate()) {
                stream.synchronize();
                assertThat(Float.isNaN(download(c, 4)[0])).as("capturing ran nothing").isTrue();
                executable.launch(stream);
                stream.synchronize();
                assertThat(download(c, 4)).containsExactly(PRODUCT);
            }
        }
    }

    @Test
    void mismatchedShapesAndAClosedHandleAreRefusedBeforeCublasRuns() {
        CudaDevice device = device();
        try (Stream stream = device.createStream(); DeviceBuffer a = upload(device, A, BlasDataType.FLOAT32);
                DeviceBuffer c = poisoned(device, 4)) {
            BlasHandle blas = BlasHandle.create(stream);
            BlasMatrix matrix = new BlasMatrix(a, BlasDataType.FLOAT32, 2, 3, 2);
            assertThatThrownBy(() -> blas.gemm(BlasTranspose.NONE, matrix, BlasTranspose.NONE, matrix,
                    new BlasMatrix(c, BlasDataType.FLOAT32, 2, 2, 2), 1, 0, BlasComputeType.FLOAT32))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot multiply op(A) 2 x 3");
            assertThatThrownBy(() -> blas.gemm(BlasTranspose.NONE, matrix, BlasTranspose.TRANSPOSE, matrix,
                    new BlasMatrix(a, BlasDataType.FLOAT32, 2, 2, 2), 1, 0, BlasComputeType.FLOAT32))
                    .hasMessageContaining("overlaps A");
            blas.close();
            assertThatThrownBy(blas::version).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        }
    }
}
