package dev.forge.cli.shell;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** "did you mean ...?" for a mistyped name: the known names closest in edit distance, ignoring case. */
final class Suggestions {
    private Suggestions() {
    }

    /** " (did you mean x?)" or " (known: a, b, c)" when nothing is close, or "" when nothing is known. */
    static String didYouMean(String typed, List<String> known) {
        if (known.isEmpty()) {
            return "";
        }
        String wanted = typed.toLowerCase(Locale.ROOT);
        int limit = Math.max(2, wanted.length() / 3);
        List<String> close = known.stream()
                .filter(name -> distance(wanted, name.toLowerCase(Locale.ROOT)) <= limit)
                .sorted(Comparator.comparingInt(name -> distance(wanted, name.toLowerCase(Locale.ROOT))))
                .limit(3)
                .toList();
        if (close.isEmpty()) {
            return " (known: " + String.join(", ", known.size() > 12 ? known.subList(0, 12) : known)
                    + (known.size() > 12 ? ", ..." : "") + ")";
        }
        return " (did you mean " + String.join(" or ", close) + "?)";
    }

    /** Levenshtein distance: insertions, deletions and substitutions each cost one. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
