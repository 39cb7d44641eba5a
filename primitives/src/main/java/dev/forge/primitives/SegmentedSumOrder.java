package dev.forge.primitives;

/**
 * The order in which segmented reduce and reduce-by-key add floating-point values, shared by the GPU kernels and the
 * CPU twin so that both give the same bits.
 *
 * <p>Input positions are cut, from position 0, into aligned groups of {@link #groupSize} values (one GPU thread's
 * share); {@value #GROUPS_PER_WARP} groups make a warp span and {@link #warpsPerTile} warp spans a tile (one GPU
 * block's share). A segment's sum adds, each time starting from +0.0 and going left to right: its values within each
 * group; those group sums within each warp span; those warp sums within each tile; and those tile sums over the tiles
 * the segment touches. A segment inside one group is thus summed plainly left to right. This is the order a GPU
 * block can follow in one pass (each thread folds its group, each warp its threads, each block its warps, and the
 * tiles chain through the decoupled look-back), whatever the segment lengths.
 */
public record SegmentedSumOrder(int warpsPerTile, int groupFor4ByteValues, int groupFor8ByteValues) {

    public static final int GROUPS_PER_WARP = 32;

    /** The order of Forge's GPU kernels (segment_policy.cuh): 256 threads, 64 bytes of values per thread. */
    public static final SegmentedSumOrder GPU = new SegmentedSumOrder(8, 16, 8);

    public SegmentedSumOrder {
        if (warpsPerTile <= 0 || groupFor4ByteValues <= 0 || groupFor8ByteValues <= 0) {
            throw new IllegalArgumentException("a sum order needs positive sizes, got " + warpsPerTile
                    + " warps per tile and groups of " + groupFor4ByteValues + " / " + groupFor8ByteValues + " values");
        }
    }

    /** Values per group (one GPU thread's share) for values of {@code valueType}'s width. */
    public int groupSize(ElementType valueType) {
        return valueType.byteSize() == 4 ? groupFor4ByteValues : groupFor8ByteValues;
    }

    public long warpSpan(ElementType valueType) {
        return (long) GROUPS_PER_WARP * groupSize(valueType);
    }

    /** Values per tile (one GPU block's share). */
    public long tileSize(ElementType valueType) {
        return warpsPerTile * warpSpan(valueType);
    }
}
