package dev.forge.cuda.bench;

/**
 * One measured figure and its ceiling.
 *
 * @param ceiling the recorded best for this GPU, NaN when there is none
 * @param higherIsBetter true for bandwidths, false for latencies
 */
public record Measurement(String name, double value, Unit unit, double ceiling, boolean higherIsBetter) {

    /** How a figure is stored and shown. */
    public enum Unit {
        BYTES_PER_SECOND,
        MICROSECONDS
    }

    /** measured / ceiling, NaN without a ceiling. Above 1 is better for bandwidths, below 1 for latencies. */
    public double ratio() {
        return value / ceiling;
    }

    public String formattedValue() {
        return format(value);
    }

    public String formattedCeiling() {
        return Double.isNaN(ceiling) ? "n/a" : format(ceiling);
    }

    private String format(double number) {
        return switch (unit) {
            case BYTES_PER_SECOND -> number >= 1e12
                    ? String.format("%.2f TB/s", number / 1e12)
                    : String.format("%.1f GB/s", number / 1e9);
            case MICROSECONDS -> String.format("%.2f us", number);
        };
    }
}
