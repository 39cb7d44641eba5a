package dev.forge.columnar.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.ColumnAssertions;
import dev.forge.columnar.NullPattern;
import dev.forge.columnar.StringLayout;
import dev.forge.columnar.Table;
import dev.forge.columnar.TestTables;
import dev.forge.columnar.encoding.Encoding;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables of every column kind written and read back, for every null pattern, encoding and boundary size. */
@ExtendWith(NativeLeakCheck.class)
class ForgeFileRoundTripTest {
    private static final long[] SIZES = {0, 1, 1023, 1024, 1025, 5000};

    @TempDir
    Path folder;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (NullPattern nulls : NullPattern.values()) {
            cases.add(Arguments.of(nulls, Optional.empty()));
            for (Encoding encoding : Encoding.values()) {
                cases.add(Arguments.of(nulls, Optional.of(encoding)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "nulls {0}, encoding {1}")
    @MethodSource("cases")
    void everyColumnKindRoundTrips(NullPattern nulls, Optional<Encoding> encoding) throws IOException {
        for (long size : SIZES) {
            ForgeFileWriter writer = ForgeFileWriter.withDefaults().rowGroupRows(1024);
            if (encoding.isPresent()) {
                writer = writer.forceEncoding(encoding.get());
            }
            roundTrip(writer, size, nulls, size * 7 + nulls.ordinal());
        }
    }

    @Test
    void largerTableInOneDefaultRowGroupAndInMany() throws IOException {
        roundTrip(ForgeFileWriter.withDefaults(), 70_000, NullPattern.RANDOM, 99);
        roundTrip(ForgeFileWriter.withDefaults().rowGroupRows(8192), 70_000, NullPattern.RANDOM, 98);
    }

    @Test
    void encodedChunksAreViewsOfTheMappedFile() throws IOException {
        Path path = folder.resolve("view.forge");
        try (Table table = table(3000, NullPattern.NONE, 5)) {
            ForgeFileWriter.withDefaults().rowGroupRows(2048).write(table, path);
        }
        try (ForgeFile file = ForgeFile.open(path)) {
            int column = file.schema().indexOf("INT64");
            var chunk = file.encodedChunk(1, column);
            assertThat(chunk.count()).isEqualTo(3000 - 2048);
            assertThat(chunk.memory().isNative()).isTrue();
            assertThat(chunk.memory().isMapped()).isTrue();
            assertThat(chunk.memory().address() % 64).isZero();
            assertThat(file.chunkEntry(1, column).encodingId()).isEqualTo(chunk.encoding().id());
        }
    }

    @Test
    void statisticsInTheFooterAreTheObviousOnes() throws IOException {
        Path path = folder.resolve("stats.forge");
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        long nullCount = 0;
        try (Table table = table(1500, NullPattern.RANDOM, 17)) {
            var column = table.column("INT32").view();
            for (long row = 0; row < 1024; row++) {
                if (column.isNull(row)) {
                    nullCount++;
                } else {
                    min = Math.min(min, column.getInt(row));
                    max = Math.max(max, column.getInt(row));
                }
            }
            ForgeFileWriter.withDefaults().rowGroupRows(1024).write(table, path);
        }
        try (ForgeFile file = ForgeFile.open(path)) {
            var statistics = file.chunkEntry(0, file.schema().indexOf("INT32")).statistics();
            assertThat(statistics.count()).isEqualTo(1024);
            assertThat(statistics.nullCount()).isEqualTo(nullCount);
            assertThat(statistics.hasMinMax()).isTrue();
            assertThat(statistics.min()).isEqualTo(min);
            assertThat(statistics.max()).isEqualTo(max);
            assertThat(statistics.distinctCount()).isPositive();
            assertThat(file.rowGroupCount()).isEqualTo(2);
            assertThat(file.rowGroupRows(1)).isEqualTo(1500 - 1024);
        }
    }

    @Test
    void rowGroupsMustHoldWholeBlocks() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ForgeFileWriter.withDefaults().rowGroupRows(1000))
                .hasMessageContaining("positive multiple of 1024").hasMessageContaining("1000");
    }

    @Test
    void aGoodFileVerifies() throws IOException {
        Path path = folder.resolve("verify.forge");
        try (Table table = table(2500, NullPattern.FIRST_AND_LAST, 8)) {
            ForgeFileWriter.withDefaults().rowGroupRows(1024).write(table, path);
        }
        try (ForgeFile file = ForgeFile.open(path)) {
            file.verify();
            assertThat(file.rowGroupCount()).isEqualTo(3);
            assertThat(file.rowCount()).isEqualTo(2500);
        }
    }

    @Test
    void rewritingReplacesTheFileAndLeavesNoTemporaryFiles() throws IOException {
        Path path = folder.resolve("replace.forge");
        try (Table first = table(10, NullPattern.NONE, 1); Table second = table(2000, NullPattern.RANDOM, 2)) {
            ForgeFileWriter.withDefaults().write(first, path);
            ForgeFileWriter.withDefaults().write(second, path);
            try (ForgeFile file = ForgeFile.open(path); Table read = file.readTable()) {
                assertThat(read.rowCount()).isEqualTo(2000);
            }
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("replace.forge");
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileWhole() throws IOException {
        Path path = folder.resolve("keep.forge");
        try (Table table = table(100, NullPattern.NONE, 3)) {
            ForgeFileWriter.withDefaults().write(table, path);
        }
        byte[] before = Files.readAllBytes(path);
        Table broken = table(3000, NullPattern.NONE, 4);
        broken.column(5).close(); // the writer fails when it reaches this column
        try {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ForgeFileWriter.withDefaults().write(broken, path))
                    .isInstanceOf(IllegalStateException.class);
        } finally {
            broken.close();
        }
        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("keep.forge");
        }
    }

    private void roundTrip(ForgeFileWriter writer, long size, NullPattern nulls, long seed) throws IOException {
        Path path = folder.resolve("table-" + size + ".forge");
        try (Table written = table(size, nulls, seed)) {
            writer.write(written, path);
            try (ForgeFile file = ForgeFile.open(path); Table read = file.readTable()) {
                assertThat(read.schema()).isEqualTo(written.schema());
                assertThat(read.rowCount()).isEqualTo(size);
                for (int c = 0; c < written.schema().size(); c++) {
                    String what = written.schema().field(c).name() + " (" + size + " rows, nulls " + nulls + ")";
                    ColumnAssertions.assertSameValues(written.column(c).view(), read.column(c).view(), what);
                }
                assertThat(read.column("VARCHAR_DICTIONARY").view().stringLayout()).isEqualTo(StringLayout.DICTIONARY);
                assertThat(read.column("VARCHAR_PLAIN").view().stringLayout()).isEqualTo(StringLayout.PLAIN);
            }
        }
    }

    static Table table(long rows, NullPattern nulls, long seed) {
        return TestTables.everyKind(rows, nulls, seed);
    }
}
