package dev.forge.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Field;
import dev.forge.columnar.Table;
import dev.forge.cuda.testing.NativeLeakCheck;
import dev.forge.engine.TestTables;
import dev.forge.plan.TableStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(NativeLeakCheck.class)
class ForgeCatalogTest {
    @TempDir
    Path folder;

    private Path writeCsv(Path directory, String name, String text) throws Exception {
        Files.createDirectories(directory);
        return Files.writeString(directory.resolve(name), text);
    }

    @Test
    void folderTablesHaveLowerCaseNamesAndLoadAtFirstUse() throws Exception {
        writeCsv(folder, "People.csv", "id,name,score\n1,ann,2.5\n2,bob,\n3,ann,1.0\n");
        writeCsv(folder, "cities.csv", "city\nOslo\nRome\n");
        try (ForgeCatalog catalog = ForgeCatalog.open(List.of(folder))) {
            assertThat(catalog.tableNames()).containsExactly("cities", "people");
            assertThat(catalog.isLoaded("people")).isFalse();
            assertThat(catalog.schema("PEOPLE").fields()).extracting(Field::name).containsExactly("id", "name", "score");
            assertThat(catalog.isLoaded("people")).isTrue();
            assertThat(catalog.isLoaded("cities")).isFalse();
            TableStatistics statistics = catalog.statistics("people");
            assertThat(statistics.rowCount()).isEqualTo(3);
            assertThat(statistics.columns().get(1).distinctCount()).isEqualTo(2);
            assertThat(statistics.columns().get(2).nullCount()).isEqualTo(1);
            assertThat(statistics.uniqueKeys()).containsExactly(List.of(0));
            assertThat(catalog.statistics("people")).isSameAs(statistics);
            assertThat(catalog.table("people")).isSameAs(catalog.table("People"));
        }
    }

    @Test
    void anUnknownTableNamesTheTablesThereAre() throws Exception {
        writeCsv(folder, "orders.csv", "id\n1\n");
        writeCsv(folder, "lineitem.csv", "id\n1\n");
        try (ForgeCatalog catalog = ForgeCatalog.open(List.of(folder))) {
            assertThatThrownBy(() -> catalog.schema("order")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no table 'order'").hasMessageContaining("lineitem, orders");
        }
    }

    @Test
    void aSingleFileIsOneTableAndSeveralFoldersCombine() throws Exception {
        Path file = writeCsv(folder.resolve("a"), "nation.csv", "n\n1\n");
        writeCsv(folder.resolve("a"), "ignored.csv", "n\n1\n");
        writeCsv(folder.resolve("b"), "region.csv", "r\n1\n");
        try (ForgeCatalog catalog = ForgeCatalog.open(List.of(file, folder.resolve("b")))) {
            assertThat(catalog.tableNames()).containsExactly("nation", "region");
            assertThat(catalog.table("region").rowCount()).isEqualTo(1);
        }
    }

    @Test
    void twoSourcesOfOneNameAreAnError() throws Exception {
        writeCsv(folder.resolve("a"), "t.csv", "n\n1\n");
        writeCsv(folder.resolve("b"), "T.csv", "n\n2\n");
        assertThatThrownBy(() -> ForgeCatalog.open(List.of(folder.resolve("a"), folder.resolve("b"))))
                .hasMessageContaining("two sources provide a table named 't'");
    }

    @Test
    void aFileThatCannotBeReadFailsWhenUsedNamingTheTable() throws Exception {
        writeCsv(folder, "broken.csv", "n\n1\n2\n");
        try (ForgeCatalog catalog = ForgeCatalog.open(List.of(folder))) {
            Files.delete(folder.resolve("broken.csv"));
            assertThatThrownBy(() -> catalog.table("broken")).hasMessageContaining("cannot load table 'broken'");
        }
    }

    @Test
    void inMemoryTablesStayWithTheirOwner() {
        try (Table numbers = TestTables.of(List.of(Field.required("x", DataType.INT32)),
                List.of(List.of(1), List.of(2)))) {
            try (ForgeCatalog catalog = ForgeCatalog.of(Map.of("Numbers", numbers))) {
                assertThat(catalog.tableNames()).containsExactly("numbers");
                assertThat(catalog.table("numbers")).isSameAs(numbers);
                assertThat(catalog.statistics("numbers").columns().getFirst().max()).isEqualTo(2);
            }
            assertThat(numbers.column(0).view().getInt(1)).isEqualTo(2);
        }
    }
}
