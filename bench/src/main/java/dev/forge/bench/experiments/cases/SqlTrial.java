package dev.forge.bench.experiments.cases;

import dev.forge.bench.experiments.Contender;
import dev.forge.bench.experiments.HostPeer;
import dev.forge.bench.experiments.Trial;
import dev.forge.bench.experiments.TrialShape;
import java.util.ArrayList;
import java.util.List;

/**
 * A SQL trial: one query answered by a baseline engine, a contender engine (or none, with why) and peer engines, all
 * timed from the call to the last row read, each result compared with the baseline's as {@link SqlQuery} says. The
 * tables belong to the run ({@link SqlFacts}), so closing the trial frees nothing.
 */
final class SqlTrial implements Trial {
    private final SqlQuery query;
    private final long rows;
    private final SqlSide baseline;
    private final SqlSide contender;
    private final String contenderAbsentReason;
    private final List<SqlSide> peers;
    private final String note;

    /**
     * {@code contender} null means absent, for {@code contenderAbsentReason}; {@code note} (may be empty) is added to
     * what the validation reports, e.g. why Forge ran on the CPU engine.
     */
    SqlTrial(SqlQuery query, long rows, SqlSide baseline, SqlSide contender, String contenderAbsentReason,
            List<SqlSide> peers, String note) {
        this.query = query;
        this.rows = rows;
        this.baseline = baseline;
        this.contender = contender;
        this.contenderAbsentReason = contenderAbsentReason;
        this.peers = List.copyOf(peers);
        this.note = note;
    }

    @Override
    public TrialShape shape() {
        // the engines move their own data; their transfers are inside the end-to-end times
        return new TrialShape(rows, SqlQuery.factBytes(rows), 0, 0);
    }

    @Override
    public String baselineName() {
        return baseline.name();
    }

    @Override
    public void runBaseline() {
        baseline.run(query.sql());
    }

    @Override
    public Contender contender() {
        if (contender == null) {
            return new Contender.Absent(contenderAbsentReason);
        }
        return new Contender.OnHost(contender.name(), () -> contender.run(query.sql()), contender::forget);
    }

    @Override
    public String validate() {
        return compare(contender) + (note.isEmpty() ? "" : "; " + note);
    }

    @Override
    public List<HostPeer> hostPeers() {
        List<HostPeer> hostPeers = new ArrayList<>();
        for (SqlSide peer : peers) {
            hostPeers.add(new HostPeer(peer.name(), () -> peer.run(query.sql()), () -> compare(peer)));
        }
        return hostPeers;
    }

    private String compare(SqlSide side) {
        return query.sortColumn() < 0
                ? SqlRows.unordered(baseline.name(), baseline.rows(), side.name(), side.rows())
                : SqlRows.topN(baseline.name(), baseline.rows(), side.name(), side.rows(), query.sortColumn());
    }

    @Override
    public void close() {
        // the tables are the run's, closed with it
    }
}
