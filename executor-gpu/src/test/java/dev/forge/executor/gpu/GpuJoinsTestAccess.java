package dev.forge.executor.gpu;

import dev.forge.columnar.Table;
import java.util.List;

/** Lets tests in other packages use the GPU join test's queries and data without a GPU. */
public final class GpuJoinsTestAccess {
    private GpuJoinsTestAccess() {
    }

    public static List<String> queries() {
        return GpuJoinsAgainstCpuTest.QUERIES;
    }

    public static Table fact(int rows) {
        return GpuAgainstCpuTest.randomTable(rows, 5);
    }

    public static Table dimension(int rows) {
        return GpuJoinsAgainstCpuTest.dimension(rows, 6);
    }

    public static Table dates() {
        return GpuJoinsAgainstCpuTest.dates(8);
    }
}
