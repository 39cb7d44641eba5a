package dev.forge.columnar.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forge.columnar.ColumnAssertions;
import dev.forge.columnar.Table;
import dev.forge.columnar.file.ForgeFile;
import dev.forge.columnar.file.ForgeFileWriter;
import dev.forge.columnar.io.ProgressListener;
import dev.forge.cuda.testing.NativeLeakCheck;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every TPC-H table at SF 0.1, written to a .forge file with the encodings the writer chooses and read back: every
 * value of every column must come back as generated (real data, not only random data, goes through the encoders).
 */
@ExtendWith(NativeLeakCheck.class)
class TpchForgeRoundTripTest {

    @TempDir
    Path folder;

    @Test
    void everyTableAtScaleFactorOneTenthReadsBackValueForValue() throws IOException {
        TpchGenerator generator = new TpchGenerator(0.1, 2, ProgressListener.NONE);
        for (String name : TpchGenerator.TABLES) {
            Path file = folder.resolve(name + ".forge");
            try (Table generated = generator.generate(name)) {
                // small row groups so the bigger tables span several, as they do at larger scale factors
                ForgeFileWriter.withDefaults().rowGroupRows(1 << 17).write(generated, file);
                try (ForgeFile forge = ForgeFile.open(file); Table read = forge.readTable()) {
                    assertThat(read.schema()).as(name + " schema").isEqualTo(generated.schema());
                    assertThat(read.rowCount()).as(name + " rows").isEqualTo(generated.rowCount());
                    for (int column = 0; column < generated.columns().size(); column++) {
                        ColumnAssertions.assertSameValues(generated.column(column).view(), read.column(column).view(),
                                name + "." + generated.schema().fields().get(column).name());
                    }
                }
            }
        }
    }
}
