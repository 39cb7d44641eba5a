package dev.forge.bench.experiments.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceNamesTest {

    private static List<String> names(String... paths) {
        return SourceNames.of(List.of(paths).stream().map(Path::of).toList());
    }

    @Test
    void theShortestEndingThatTellsTheFilesApart() {
        assertThat(names("a.json", "out/b.json")).containsExactly("a.json", "b.json");
        assertThat(names("out/part1/results.json", "out/part2/results.json"))
                .containsExactly("part1/results.json", "part2/results.json");
        assertThat(names("/tmp/x/one/r.json", "/tmp/y/one/r.json", "/tmp/y/two/r.json"))
                .containsExactly("x/one/r.json", "y/one/r.json", "y/two/r.json");
        assertThat(names("./a/../r.json", "b/r.json")).containsExactly("r.json", "b/r.json");
        assertThat(names("only.json")).containsExactly("only.json");
    }

    @Test
    void theSameFileTwiceKeepsItsPath() {
        assertThat(names("out/r.json", "out/r.json")).containsExactly("out/r.json", "out/r.json");
    }
}
