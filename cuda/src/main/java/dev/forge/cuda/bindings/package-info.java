/**
 * The only place Forge touches native code: every FFM {@code MethodHandle} to the CUDA driver, NVRTC and cuBLAS
 * lives here. Methods return raw result codes; {@code dev.forge.cuda} and {@code dev.forge.cuda.blas} check them and
 * wrap handles in typed, {@code AutoCloseable} Java objects.
 */
package dev.forge.cuda.bindings;
