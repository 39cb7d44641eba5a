package dev.forge.bench.experiments;

import dev.forge.cuda.Stream;

/** What a trial measures against its baseline: GPU work timed by events, work timed on the host, or nothing (why). */
public sealed interface Contender {

    /**
     * GPU work in three phases queued on the suite's stream, so that CUDA events time the transfers and the kernels
     * apart: upload the inputs from (pinned) host memory, compute, download the result to host memory. A phase may
     * wait on the host where its primitive does (a count that sizes an output); that wait is part of its time.
     */
    non-sealed interface OnDevice extends Contender {
        String name();

        void upload(Stream stream);

        void compute(Stream stream);

        void download(Stream stream);

        /** Overwrites the downloaded result on the host, so that a validation after the next run sees that run's. */
        void poisonResult();
    }

    /** Work timed on the host from call to return, such as a query through the engine; the run also leaves its result. */
    record OnHost(String name, Runnable run, Runnable poisonResult) implements Contender {
    }

    /** No contender in this run, and why (no GPU, a GPU engine that cannot run the query, ...). */
    record Absent(String reason) implements Contender {
    }
}
