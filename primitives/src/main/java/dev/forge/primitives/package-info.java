/**
 * Forge's data-parallel primitives: the types their GPU and CPU implementations share (element types, the total
 * order, result records), with the CPU twins in {@code dev.forge.primitives.cpu}.
 */
package dev.forge.primitives;
