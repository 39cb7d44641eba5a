package dev.forge.primitives.gpu;

import java.io.IOException;
import java.io.Writer;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** Writing the case files the kernel emulation programs read (src/test/emulation/plan_cases_on_cpu.h). */
final class CaseFiles {
    private CaseFiles() {
    }

    /** Writes {@code prefix}, the number of 32-bit words in {@code data}, and the words in hex, as one line. */
    static void words(Writer out, String prefix, MemorySegment data) throws IOException {
        long count = data.byteSize() / 4;
        out.write(prefix + " " + count);
        for (long i = 0; i < count; i++) {
            out.write(' ');
            out.write(Integer.toHexString(data.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, i)));
        }
        out.write('\n');
    }
}
