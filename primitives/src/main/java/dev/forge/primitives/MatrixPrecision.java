package dev.forge.primitives;

/**
 * The precision of a matrix product. Inputs (A, B, the GEMV vector x) are stored in the precision's input type;
 * every product accumulates in float32 and the outputs (C, y) are always float32, so nothing is lost on the way out
 * and a caller can chain products without rescaling.
 */
public enum MatrixPrecision {
    /** float32 inputs, float32 arithmetic throughout (no tensor-core rounding). */
    FP32(4, 0),
    /**
     * float32 inputs that the GPU may round to TF32 (10 fraction bits) for the tensor cores; float32 accumulation.
     * The CPU twin multiplies the float32 values as they are.
     */
    TF32(4, 0x1p-9),
    /** IEEE binary16 inputs (5 exponent bits, 10 fraction bits); products are exact in float32. */
    FP16(2, 0),
    /** bfloat16 inputs (float32's 8 exponent bits, 7 fraction bits); products are exact in float32. */
    BF16(2, 0);

    /** Unit roundoff of float32 accumulation on tensor cores, which may cut instead of round: twice IEEE's 2^-24. */
    private static final double ACCUMULATION_ROUNDOFF = 0x1p-23;

    private final int inputBytes;
    private final double inputRelativeError;

    MatrixPrecision(int inputBytes, double inputRelativeError) {
        this.inputBytes = inputBytes;
        this.inputRelativeError = inputRelativeError;
    }

    /** Bytes of one input element (A, B, x); outputs are 4-byte float32. */
    public int inputBytes() {
        return inputBytes;
    }

    /** Whether inputs are 2-byte halves ({@link HalfFloats} converts them from and to float). */
    public boolean halfInputs() {
        return inputBytes == 2;
    }

    /**
     * The largest difference allowed between two float32-accumulated results for one output element, such as the
     * GPU's and the CPU twin's, where {@code magnitude} is {@code |alpha| * sum over p of |a_p b_p| + |beta c|} (in
     * double, from the stored inputs).
     *
     * <p>Why: both sides multiply the same stored inputs. A float32 sum of {@code k} products in any order (sequential,
     * blocked, pairwise, split over k) is within {@code k u} of the exact sum relative to {@code magnitude} (Higham's
     * bound, to first order), with {@code u = 2^-24}; tensor cores may truncate while they align addends, so each side
     * gets {@code u = 2^-23}, and both sides together {@code 2 k 2^-23}. The {@code + 8} covers the final
     * {@code alpha s + beta c} and the second-order terms. TF32 adds the GPU's rounding of both inputs to 10 fraction
     * bits (at most {@code 2^-10} each when it truncates, {@code 2^-9} for their product). Half inputs are exact in
     * float32, and so are their products (11 or 8 significant bits each), so they add nothing.
     */
    public double errorBound(int k, double magnitude) {
        return (inputRelativeError + (2.0 * k + 8) * ACCUMULATION_ROUNDOFF) * magnitude + Float.MIN_NORMAL;
    }
}
