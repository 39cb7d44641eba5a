package dev.forge.bench.experiments;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The size from which the contender beats the baseline, found over the measured sizes: the smallest size above which
 * it wins at every measured size, interpolated between the last losing and the first winning measurement (linear in
 * log size against log speed-up, where the speed-up is 1). When there is nothing to interpolate it says so: the
 * contender wins at every measured size, never wins, or loses again at the largest size.
 *
 * @param size the interpolated crossover size (rows or elements), or -1 where {@link #kind} is not {@code CROSSES}
 */
public record Crossover(Kind kind, long size, long smallestMeasured, long largestMeasured) {

    /** What the measurements say about where the contender starts to win. */
    public enum Kind {
        /** Wins from {@link #size} on, inside the measured range. */
        CROSSES,
        /** Wins at every measured size, so the crossover is at or below the smallest. */
        WINS_THROUGHOUT,
        /** Never wins at a measured size, so the crossover (if any) is above the largest. */
        NEVER_WINS,
        /** Wins somewhere in the range but loses at the largest measured size. */
        LOSES_AT_LARGEST,
        /** No measurement to judge from. */
        NOT_MEASURED
    }

    /** One measured size and the contender's speed-up there (NaN when it was not measured). */
    public record Point(long size, double speedUp) {
    }

    public static Crossover find(List<Point> measured) {
        List<Point> points = new ArrayList<>();
        for (Point point : measured) {
            if (point.speedUp() > 0 && Double.isFinite(point.speedUp())) {
                points.add(point);
            }
        }
        if (points.isEmpty()) {
            return new Crossover(Kind.NOT_MEASURED, -1, -1, -1);
        }
        points.sort(Comparator.comparingLong(Point::size));
        long smallest = points.getFirst().size();
        long largest = points.getLast().size();
        int lastLoss = -1;
        boolean anyWin = false;
        for (int i = 0; i < points.size(); i++) {
            if (points.get(i).speedUp() < 1) {
                lastLoss = i;
            } else {
                anyWin = true;
            }
        }
        if (lastLoss < 0) {
            return new Crossover(Kind.WINS_THROUGHOUT, -1, smallest, largest);
        }
        if (lastLoss == points.size() - 1) {
            return new Crossover(anyWin ? Kind.LOSES_AT_LARGEST : Kind.NEVER_WINS, -1, smallest, largest);
        }
        Point loss = points.get(lastLoss);
        Point win = points.get(lastLoss + 1);
        double fromLog = Math.log(loss.size());
        double toLog = Math.log(win.size());
        double lossLog = Math.log(loss.speedUp());
        double winLog = Math.log(win.speedUp());
        // lossLog < 0 <= winLog, so the fraction lies in (0, 1]
        double fraction = -lossLog / (winLog - lossLog);
        long size = Math.round(Math.exp(fromLog + fraction * (toLog - fromLog)));
        return new Crossover(Kind.CROSSES, Math.clamp(size, loss.size(), win.size()), smallest, largest);
    }

    /** One line for people: "1.38M" (interpolated, so three digits), "wins at every measured size (1M-10M)", ... */
    public String describe() {
        return switch (kind) {
            case CROSSES -> Sizes.approximate(size);
            case WINS_THROUGHOUT -> "wins at every measured size (" + range() + ")";
            case NEVER_WINS -> "never wins up to " + Sizes.format(largestMeasured);
            case LOSES_AT_LARGEST -> "loses again at the largest size (" + Sizes.format(largestMeasured) + ")";
            case NOT_MEASURED -> "not measured";
        };
    }

    private String range() {
        return smallestMeasured == largestMeasured ? Sizes.format(smallestMeasured)
                : String.format(Locale.ROOT, "%s-%s", Sizes.format(smallestMeasured), Sizes.format(largestMeasured));
    }
}
