package dev.forge.executor.gpu;

import java.util.List;

/** Lets tests in other packages use the GPU stage test's queries without a GPU. */
public final class GpuStagesTestAccess {
    private GpuStagesTestAccess() {
    }

    public static List<String> queries() {
        return GpuStagesAgainstCpuTest.QUERIES;
    }

    public static String moreThanOneRow() {
        return GpuStagesAgainstCpuTest.MORE_THAN_ONE_ROW;
    }
}
