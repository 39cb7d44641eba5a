package dev.forge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.cuda.testing.NativeLeakCheck;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NativeLeakCheck.class)
class LoadCommandTest {
    @TempDir
    Path folder;

    private static String[] forge(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void theFirstLoadWritesTheCacheAndTheSecondReadsIt() {
        assertThat(forge("generate", "ssb", "--sf", "0.001", "--out", folder.toString(), "--format", "csv")[0])
                .isEqualTo("0");
        String[] first = forge("load", folder.toString());
        assertThat(first[0]).as(first[2]).isEqualTo("0");
        assertThat(first[1]).containsPattern("lineorder +6\\d{3} .*TBL \\(cache written\\)")
                .containsPattern("date +2557 ");
        String[] second = forge("load", folder.toString());
        assertThat(second[1]).containsPattern("lineorder +6\\d{3} .*\\.forge cache");
        assertThat(Files.exists(folder.resolve(".forge-cache/lineorder.forge"))).isTrue();
    }

    @Test
    void aBadRowIsOneLineNamingFileLineAndColumn() throws Exception {
        Files.writeString(folder.resolve("t.csv"), "a,b\n1,2\n3\n");
        String[] failed = forge("load", folder.toString());
        assertThat(failed[0]).isEqualTo("1");
        assertThat(failed[2]).isEqualTo("forge: " + folder.resolve("t.csv") + ":3, column 2: has 1 fields, expected 2"
                + " ([a, b])" + System.lineSeparator());
        String[] skipped = forge("load", "--skip-bad-rows", folder.toString());
        assertThat(skipped[0]).isEqualTo("0");
        assertThat(skipped[1]).containsPattern("t +1 ");
    }
}
