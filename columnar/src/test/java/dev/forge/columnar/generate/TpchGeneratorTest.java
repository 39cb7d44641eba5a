package dev.forge.columnar.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.DataType;
import dev.forge.columnar.Table;
import dev.forge.columnar.catalog.FolderCatalog;
import dev.forge.columnar.catalog.LoadedTables;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.testing.NativeLeakCheck;
import io.trino.tpch.TpchTable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** TPC-H SF 0.01 from the generator, loaded into DuckDB, against the answers shipped with the io.trino.tpch jar. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(NativeLeakCheck.class)
class TpchGeneratorTest {
    private static final double SCALE_FACTOR = 0.01;
    private static final Map<String, Long> ROWS_AT_SF_001 = Map.of("region", 5L, "nation", 25L, "supplier", 100L,
            "customer", 1500L, "part", 2000L, "partsupp", 8000L, "orders", 15000L, "lineitem", 60175L);

    private DuckDb duckDb;

    @BeforeAll
    void loadIntoDuckDb() throws Exception {
        duckDb = new DuckDb();
        TpchGenerator generator = new TpchGenerator(SCALE_FACTOR, 2, ProgressListener.NONE);
        for (String name : TpchGenerator.TABLES) {
            try (Table table = generator.generate(name)) {
                duckDb.load(name, table);
            }
        }
    }

    @AfterAll
    void closeDuckDb() throws Exception {
        duckDb.close();
    }

    @Test
    void everyTableHasItsRowCountAndTypes() throws Exception {
        for (String name : TpchGenerator.TABLES) {
            assertThat(duckDb.count("SELECT count(*) FROM " + name)).as(name).isEqualTo(ROWS_AT_SF_001.get(name));
        }
        TpchGenerator generator = new TpchGenerator(SCALE_FACTOR, 1, ProgressListener.NONE);
        assertThat(generator.schema("lineitem").field(5).type()).isEqualTo(DataType.decimal(15, 2));
        assertThat(generator.schema("lineitem").field(10).type()).isEqualTo(DataType.DATE);
    }

    @Test
    void partsMakeTheSameDataWhateverTheThreadCount() throws Exception {
        try (Table one = new TpchGenerator(SCALE_FACTOR, 1, ProgressListener.NONE).generate("orders");
                Table four = new TpchGenerator(SCALE_FACTOR, 4, ProgressListener.NONE).generate("orders")) {
            for (int c = 0; c < one.schema().size(); c++) {
                for (long row = 0; row < one.rowCount(); row += 97) {
                    assertThat(four.column(c).view().getObject(row)).isEqualTo(one.column(c).view().getObject(row));
                }
            }
        }
    }

    @ParameterizedTest(name = "Q{0}")
    @ValueSource(ints = {1, 3, 6, 12, 14})
    void queryAnswersMatchTheReference(int query) throws Exception {
        String sql = resource("q" + query + ".sql");
        List<List<String>> actual = duckDb.query(sql);
        List<String[]> expected = resource("q" + query + ".result").lines()
                .filter(line -> !line.startsWith("--") && !line.isBlank())
                .map(line -> line.split("\\|"))
                .toList();
        assertThat(actual).hasSameSizeAs(expected);
        for (int row = 0; row < expected.size(); row++) {
            String[] want = expected.get(row);
            assertThat(actual.get(row)).as("Q%d row %d: %s", query, row, Arrays.toString(want)).hasSize(want.length);
            for (int column = 0; column < want.length; column++) {
                assertCellMatches(query, row, want[column], actual.get(row).get(column));
            }
        }
    }

    /** Numbers match to the digits the reference shows (it rounds averages and ratios); text matches exactly. */
    private static void assertCellMatches(int query, int row, String expected, String actual) {
        String context = "Q" + query + " row " + row + ": expected " + expected + ", DuckDB says " + actual;
        if (!expected.matches("-?\\d+(\\.\\d+)?")) {
            assertThat(actual).as(context).isEqualTo(expected);
            return;
        }
        BigDecimal want = new BigDecimal(expected);
        BigDecimal got = new BigDecimal(actual);
        BigDecimal tolerance = BigDecimal.ONE.movePointLeft(Math.max(want.scale(), 0)).multiply(new BigDecimal("0.51"))
                .max(want.abs().multiply(new BigDecimal("1e-12")));
        assertThat(got.subtract(want).abs()).as(context).isLessThanOrEqualTo(tolerance);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TpchTable.class.getResourceAsStream("queries/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void tblOutputIsDbgenTextThatTheCatalogReadsBackValueForValue(@TempDir Path folder) throws Exception {
        Benchmark tpch = Benchmark.of("tpch", SCALE_FACTOR, 2, ProgressListener.NONE);
        tpch.writeTo(folder, OutputFormat.CSV);
        assertThat(Files.readAllLines(folder.resolve("region.tbl")).getFirst())
                .startsWith("0|AFRICA|").endsWith("|");
        try (LoadedTables loaded = FolderCatalog.scan(folder).loadAll(ProgressListener.NONE);
                Table generated = tpch.generate("lineitem")) {
            Table read = loaded.table("lineitem");
            assertThat(read.rowCount()).isEqualTo(generated.rowCount());
            // .tbl has no header: a folder with lineitem gets TPC-H's names and types
            assertThat(read.schema()).isEqualTo(generated.schema());
            for (int column = 0; column < read.schema().size(); column++) {
                for (long row = 0; row < read.rowCount(); row++) {
                    assertThat(read.column(column).view().getObject(row))
                            .isEqualTo(generated.column(column).view().getObject(row));
                }
            }
        }
    }
}
