package dev.forge.bench.primitives;

/** A measurement the run did not make, and why (not enough device memory, no entry point for it). */
public record SkippedCase(String family, String primitive, String type, long elements, String reason) {
}
