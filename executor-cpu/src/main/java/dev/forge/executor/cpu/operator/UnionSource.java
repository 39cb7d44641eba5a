package dev.forge.executor.cpu.operator;

import dev.forge.executor.cpu.vector.Batch;
import java.util.List;

/** UNION ALL: the morsels of every input, one input after the other. */
public final class UnionSource implements MorselSource {
    private final List<MorselSource> inputs;
    private final int[] firstMorsel;
    private final int total;

    public UnionSource(List<MorselSource> inputs) {
        this.inputs = List.copyOf(inputs);
        this.firstMorsel = new int[inputs.size()];
        long sum = 0;
        for (int i = 0; i < inputs.size(); i++) {
            firstMorsel[i] = (int) sum;
            sum += inputs.get(i).morselCount();
        }
        if (sum > Integer.MAX_VALUE) {
            throw new dev.forge.plan.QueryException("a union of " + sum + " morsels is too large");
        }
        this.total = (int) sum;
    }

    @Override
    public int morselCount() {
        return total;
    }

    @Override
    public int columnCount() {
        return inputs.getFirst().columnCount();
    }

    @Override
    public Batch morsel(int index) {
        int input = inputs.size() - 1;
        while (firstMorsel[input] > index) {
            input--;
        }
        return inputs.get(input).morsel(index - firstMorsel[input]);
    }
}
