package dev.forge.primitives;

/** The direction of a sort or of a top-k selection, over the {@link TotalOrder}. */
public enum SortOrder {
    ASCENDING,
    DESCENDING
}
