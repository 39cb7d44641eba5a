package dev.forge.cli;

import java.io.InputStream;
import java.io.PrintWriter;

/**
 * Where the command reads and writes, and whether a person is at a terminal: then {@code forge DIR} opens the shell,
 * results get colour and a progress bar may show; otherwise SQL comes from standard input and output stays plain.
 */
record StandardStreams(InputStream in, PrintWriter out, PrintWriter err, boolean interactive) {

    static StandardStreams system() {
        boolean terminal = System.console() != null && System.console().isTerminal();
        return new StandardStreams(System.in, new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                terminal);
    }
}
