package dev.forge.engine.corpus;

import dev.forge.engine.Engine;
import dev.forge.engine.Forge;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

/** The corpus on Forge's CPU executor, compared with DuckDB. */
class CpuCorpusTest extends CorpusTestBase {
    @BeforeAll
    static void requireSqlAndExecutor() {
        Assumptions.assumeTrue(Forge.sqlAndCpuExecutorPresent(),
                "the SQL front end and the CPU executor are not integrated into this build yet");
    }

    @Override
    protected Map<String, String> knownGaps() {
        return Map.of("CAST double to integer rounds half away from zero",
                "sql: Calcite folds CAST(<double literal> AS INTEGER) at conversion by truncating (2.5 -> 2); the"
                        + " executor rounds half away from zero as Operator.CAST says");
    }

    @Override
    protected EngineUnderTest engine() {
        return new ForgeEngine(Engine.CPU);
    }
}
