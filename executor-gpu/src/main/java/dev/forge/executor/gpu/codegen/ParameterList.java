package dev.forge.executor.gpu.codegen;

import java.util.ArrayList;
import java.util.List;

/** The parameters of a kernel being generated, in order of first use; a column is added once. */
public final class ParameterList {
    private final List<KernelParameter> parameters = new ArrayList<>();
    private int literals;

    public void add(KernelParameter parameter) {
        if (!parameters.contains(parameter)) {
            parameters.add(parameter);
        }
    }

    /** A new parameter name for a literal (its value never appears in the source). */
    public String literalName() {
        return "lit" + literals++;
    }

    public List<KernelParameter> all() {
        return List.copyOf(parameters);
    }
}
