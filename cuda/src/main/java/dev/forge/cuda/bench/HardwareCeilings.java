package dev.forge.cuda.bench;

import java.util.Locale;
import java.util.Optional;

/**
 * The ceilings measured on the lent GPU machines and recorded in the design (docs/DESIGN.md of the team), against
 * which {@code forge info --bench} reports its ratios. Unknown GPUs get no ratios rather than guessed ones.
 *
 * @param copyBytesPerSecond device-to-device copy, bytes read plus bytes written
 * @param pageablePcieBytesPerSecond NaN where it was not measured
 */
public record HardwareCeilings(
        String gpu,
        double copyBytesPerSecond,
        double launchMicros,
        double launchAndSyncMicros,
        double graphNodeMicros,
        double pinnedPcieBytesPerSecond,
        double pageablePcieBytesPerSecond) {

    private static final HardwareCeilings H100 = new HardwareCeilings("H100", 2.99e12, 3.5, 9.0, 1.0, 55e9, 8.8e9);
    private static final HardwareCeilings H200 = new HardwareCeilings("H200", 4.20e12, 3.1, 8.1, 0.7, 55e9, Double.NaN);

    public static Optional<HardwareCeilings> forDevice(String deviceName) {
        String name = deviceName.toUpperCase(Locale.ROOT);
        if (name.contains("H100")) {
            return Optional.of(H100);
        }
        if (name.contains("H200")) {
            return Optional.of(H200);
        }
        return Optional.empty();
    }
}
