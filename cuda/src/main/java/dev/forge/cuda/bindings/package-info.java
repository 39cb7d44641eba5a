/**
 * The only place Forge touches native code: every FFM {@code MethodHandle} to the CUDA driver and NVRTC lives
 * here. Methods return raw result codes; {@code dev.forge.cuda} checks them and wraps handles in typed,
 * {@code AutoCloseable} Java objects.
 */
package dev.forge.cuda.bindings;
