package dev.forge.bench.experiments.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * How a merged report names the files it was read from: the shortest ending of their paths, with the same number of
 * folders for all, that tells them apart ("a.json", or "part1/results.json" and "part2/results.json"), so that the
 * report says which run is which without the machine's folders.
 */
public final class SourceNames {
    private SourceNames() {
    }

    public static List<String> of(List<Path> files) {
        List<Path> paths = files.stream().map(Path::normalize).toList();
        int deepest = paths.stream().mapToInt(Path::getNameCount).max().orElse(0);
        for (int depth = 1; depth <= deepest; depth++) {
            List<String> names = new ArrayList<>();
            for (Path path : paths) {
                int count = path.getNameCount();
                Path ending = count <= depth ? path : path.subpath(count - depth, count);
                names.add(ending.toString().replace('\\', '/'));
            }
            if (new HashSet<>(names).size() == names.size()) {
                return names;
            }
        }
        // the same file named twice: its path, as given
        return files.stream().map(Path::toString).toList();
    }
}
