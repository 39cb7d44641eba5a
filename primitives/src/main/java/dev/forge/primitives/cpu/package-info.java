/**
 * The CPU twins of Forge's GPU primitives: multi-threaded Java over off-heap segments, used as the test oracle for
 * the kernels and as the CPU baseline in benchmarks; every result is independent of the thread count.
 */
package dev.forge.primitives.cpu;
