package dev.forge.executor.gpu;

import dev.forge.columnar.Table;
import java.util.List;

/** Lets tests in other packages use the GPU-against-CPU test's queries and data without a GPU. */
public final class GpuAgainstCpuTestAccess {
    private GpuAgainstCpuTestAccess() {
    }

    public static List<String> queries() {
        return GpuAgainstCpuTest.QUERIES;
    }

    public static Table randomTable(int rows) {
        return GpuAgainstCpuTest.randomTable(rows, 7);
    }
}
