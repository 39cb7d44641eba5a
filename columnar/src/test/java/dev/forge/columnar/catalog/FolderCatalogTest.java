package dev.forge.columnar.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Table;
import dev.forge.columnar.file.ForgeFileWriter;
import dev.forge.columnar.io.BadInputException;
import dev.forge.columnar.io.ParquetTableWriter;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NativeLeakCheck.class)
class FolderCatalogTest {
    @TempDir
    Path folder;

    @Test
    void findsTablesByStemAndFormatByMagicThenExtension() throws Exception {
        Files.writeString(folder.resolve("Orders.csv"), "id,total\n1,2.50\n2,3.75\n");
        Files.writeString(folder.resolve("region.tbl"), "0|AFRICA|\n1|AMERICA|\n");
        Files.writeString(folder.resolve("events.ndjson"), "{\"x\": 1}\n");
        Files.writeString(folder.resolve("notes.txt"), "not data");
        Files.writeString(folder.resolve(".hidden.csv"), "a\n1\n");
        Files.createDirectories(folder.resolve("Sales"));
        Files.writeString(folder.resolve("Sales/2023.csv"), "day,amount\n2023-01-02,5\n2023-01-03,6\n");
        Files.writeString(folder.resolve("Sales/2024.csv"), "day,amount\n2024-02-02,7\n");
        try (Table parquetSource = tinyTable()) {
            // a Parquet file with a misleading name is still found by its magic bytes
            ParquetTableWriter.write(parquetSource, folder.resolve("nation.dat"));
            ForgeFileWriter.withDefaults().write(parquetSource, folder.resolve("cities.bin"));
        }
        FolderCatalog catalog = FolderCatalog.scan(folder);
        assertThat(catalog.tables()).extracting(CatalogTable::name, CatalogTable::format).containsExactly(
                org.assertj.core.groups.Tuple.tuple("cities", FileFormat.FORGE),
                org.assertj.core.groups.Tuple.tuple("events", FileFormat.NDJSON),
                org.assertj.core.groups.Tuple.tuple("nation", FileFormat.PARQUET),
                org.assertj.core.groups.Tuple.tuple("orders", FileFormat.CSV),
                org.assertj.core.groups.Tuple.tuple("region", FileFormat.TBL),
                org.assertj.core.groups.Tuple.tuple("sales", FileFormat.CSV));
        List<Long> progress = new ArrayList<>();
        try (LoadedTables tables = catalog.loadAll((task, done, total) -> {
            synchronized (progress) {
                progress.add(done);
                assertThat(done).isLessThanOrEqualTo(total);
            }
        })) {
            assertThat(tables.table("sales").rowCount()).isEqualTo(3);
            assertThat(tables.table("sales").schema().field(0).type()).isEqualTo(DataType.DATE);
            assertThat(tables.table("orders").column("total").view().getLong(1)).isEqualTo(375);
            assertThat(tables.table("nation").rowCount()).isEqualTo(3);
            assertThat(tables.table("cities").rowCount()).isEqualTo(3);
        }
        assertThat(progress).isSorted().isNotEmpty();
        assertThat(Files.exists(folder.resolve(".forge-cache/orders.forge"))).isTrue();
        assertThat(Files.exists(folder.resolve(".forge-cache/cities.forge"))).isFalse();
    }

    private static Table tinyTable() {
        var builder = dev.forge.columnar.ColumnBuilder.of(DataType.INT32);
        builder.appendInt(7).appendInt(8).appendInt(9);
        return new Table(dev.forge.columnar.Schema.of(dev.forge.columnar.Field.required("n", DataType.INT32)),
                List.of(builder.build()));
    }

    @Test
    void theSecondOpenReadsTheCacheAndATouchedSourceRebuildsIt() throws Exception {
        Path source = folder.resolve("items.tbl");
        Files.writeString(source, "1|17.50|1996-03-13|\n2|36.00|1996-04-12|\n");
        FileTime stamp = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
        Files.setLastModifiedTime(source, stamp);

        FolderCatalog first = FolderCatalog.scan(folder);
        assertThat(first.isCached("items")).isFalse();
        try (Table table = first.load("items", (task, done, total) -> { })) {
            assertThat(table.column(1).view().getLong(1)).isEqualTo(3600);
        }

        // same size and time but other bytes: a reopened catalog must not read the source at all
        Files.writeString(source, "9|99.99|1999-09-09|\n9|99.99|1999-09-09|\n");
        Files.setLastModifiedTime(source, stamp);
        FolderCatalog second = FolderCatalog.scan(folder);
        assertThat(second.isCached("items")).isTrue();
        try (Table table = second.load("items", (task, done, total) -> { })) {
            assertThat(table.column(0).view().getInt(0)).isEqualTo(1);
        }

        Files.setLastModifiedTime(source, FileTime.from(Instant.parse("2024-01-02T00:00:00Z")));
        FolderCatalog touched = FolderCatalog.scan(folder);
        assertThat(touched.isCached("items")).isFalse();
        try (Table table = touched.load("items", (task, done, total) -> { })) {
            assertThat(table.column(0).view().getInt(0)).isEqualTo(9);
        }
        assertThat(FolderCatalog.scan(folder).isCached("items")).isTrue();
    }

    @Test
    void aBadRowInAFolderNamesTheFile() throws Exception {
        Files.writeString(folder.resolve("t.csv"), "a,b\n1,2\n3,4,5\n");
        FolderCatalog catalog = FolderCatalog.scan(folder);
        assertThatThrownBy(() -> catalog.load("t", (task, done, total) -> { }))
                .isInstanceOf(BadInputException.class).hasMessageContaining("t.csv:3, column 3: has 3 fields, expected 2");
        assertThat(catalog.isCached("t")).isFalse();
    }

    @Test
    void twoFilesWithOneStemAreRefused() throws Exception {
        Files.writeString(folder.resolve("t.csv"), "a\n1\n");
        Files.writeString(folder.resolve("t.tsv"), "a\n1\n");
        assertThatThrownBy(() -> FolderCatalog.scan(folder)).hasMessageContaining("table named 't'");
    }
}
