package dev.forge.bench.primitives;

/**
 * A rate measured at the start of the run that a primitive's result is read against: the device copy bandwidth (bytes
 * read + written per second) for streaming primitives, or the random-gather rate (independent random reads per
 * second from a 2^26-entry table) for hash probes, which must read at least one slot at a random place per key.
 *
 * @param name short, for the table's ceiling column ("copy", "gather4", "gather8")
 * @param perSecond bytes per second when {@code countsBytes}, else reads per second
 * @param countsBytes whether a result is compared by its bytes moved (else by its elements)
 */
public record Ceiling(String name, double perSecond, boolean countsBytes) {
    public static final String COPY = "copy";

    public static Ceiling copy(double bytesPerSecond) {
        return new Ceiling(COPY, bytesPerSecond, true);
    }

    /** Random reads of {@code entryBytes} (4 or 8) each per second. */
    public static Ceiling randomGather(int entryBytes, double readsPerSecond) {
        return new Ceiling("gather" + entryBytes, readsPerSecond, false);
    }

    /** What the ceiling means, for the table's notes. */
    public String description() {
        return countsBytes ? String.format(java.util.Locale.ROOT, "%s: %.2f TB/s (read+write), device copy bandwidth",
                name, perSecond / 1e12)
                : String.format(java.util.Locale.ROOT, "%s: %.2f G random %d-byte reads/s from a 2^26-entry table"
                        + " (random_gather.cu), the ceiling of a hash probe, which reads at least one slot at a random"
                        + " place per key; its fraction is probes/s over reads/s", name, perSecond / 1e9,
                        Integer.parseInt(name.substring("gather".length())));
    }
}
