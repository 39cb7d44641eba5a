package dev.forge.bench.experiments;

import java.util.function.Supplier;

/**
 * A peer timed on the host in the same run (DuckDB through JDBC), whose result is checked too: {@code validate}
 * compares its last result with the baseline's and says what it checked, or throws {@link ValidationException}.
 */
public record HostPeer(String name, Runnable run, Supplier<String> validate) {
}
