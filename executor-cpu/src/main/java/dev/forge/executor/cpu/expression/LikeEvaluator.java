package dev.forge.executor.cpu.expression;

import dev.forge.executor.cpu.vector.Batch;
import dev.forge.executor.cpu.vector.BooleanVector;
import dev.forge.executor.cpu.vector.StringDictionary;
import dev.forge.executor.cpu.vector.StringVector;
import dev.forge.executor.cpu.vector.Vector;

/** value LIKE pattern: matched per row, or once per dictionary entry when the strings are dictionary codes. */
final class LikeEvaluator implements Evaluator {
    private final Evaluator value;
    private final LikePattern pattern;
    private final Object dictionaryKey = new Object();

    LikeEvaluator(Evaluator value, LikePattern pattern) {
        this.value = value;
        this.pattern = pattern;
    }

    @Override
    public Vector evaluate(Batch batch) {
        int rows = batch.rowCount();
        StringVector strings = (StringVector) value.evaluate(batch);
        boolean[] result = new boolean[rows];
        if (strings.hasDictionary()) {
            boolean[] byCode = strings.dictionary().derived(dictionaryKey, this::matchEntries);
            int[] codes = strings.codes();
            boolean[] nulls = strings.nulls();
            for (int i = 0; i < rows; i++) {
                result[i] = (nulls == null || !nulls[i]) && byCode[codes[i]];
            }
        } else {
            byte[] data = strings.data();
            int[] starts = strings.starts();
            int[] lengths = strings.lengths();
            for (int i = 0; i < rows; i++) {
                result[i] = pattern.matches(data, starts[i], lengths[i]);
            }
        }
        return new BooleanVector(result, strings.nulls(), rows);
    }

    private boolean[] matchEntries(StringDictionary dictionary) {
        boolean[] matches = new boolean[dictionary.size()];
        for (int code = 0; code < matches.length; code++) {
            matches[code] = pattern.matches(dictionary.bytes(), dictionary.start(code), dictionary.length(code));
        }
        return matches;
    }
}
