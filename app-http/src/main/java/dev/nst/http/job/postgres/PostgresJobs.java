package dev.nst.http.job.postgres;

import dev.nst.http.job.JobInput;
import dev.nst.http.job.JobSnapshot;
import dev.nst.http.job.JobStatus;
import dev.nst.http.job.WorkerInfo;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Jobs in PostgreSQL, shared by any number of API nodes and workers. Every change is one statement or one
 * transaction, so that no interleaving of nodes loses a job or runs one twice at the same time:
 * <ul>
 * <li>a worker claims the oldest queued job with {@code FOR UPDATE SKIP LOCKED} (claims never wait for each other
 *     and never take the same row) and holds it under a lease it renews;</li>
 * <li>everything a worker writes about a job (progress, preview, result, its end) is conditional on still holding
 *     it: a worker whose lease ran out can no longer touch the job;</li>
 * <li>a lease that ran out puts the job back in the queue, or fails it once it has had its attempts;</li>
 * <li>submissions count the queue and the key's jobs under one transaction-scoped advisory lock, so the limits hold
 *     across nodes.</li>
 * </ul>
 * Times come from the database's clock ({@code now()}), never from the nodes', which may disagree.
 */
public final class PostgresJobs {

    /** Serialises submissions cluster-wide while they count the queue (any constant will do). */
    private static final long SUBMIT_LOCK = 0x6e73745f6a6f6273L;
    /** The conditions under which a worker holds a job: it claimed it and its lease has not run out. */
    private static final String HELD_BY = " WHERE id = ? AND worker = ? AND status = 'RUNNING' AND lease_until > now()";
    private static final String MILLISECONDS = " * interval '1 millisecond'";
    private static final String UNFINISHED_OF = "SELECT count(*) FROM nst_job WHERE status IN ('QUEUED', 'RUNNING')"
            + " AND owner IS NOT DISTINCT FROM ?";

    private final DataSource database;
    private final JsonMapper json;

    public PostgresJobs(DataSource database, JsonMapper json) {
        this.database = database;
        this.json = json;
    }

    /** Why a submission was not taken; null when it was. */
    public enum Refusal { QUEUE_FULL, OWNER_LIMIT }

    /**
     * Queues {@code job} with its inputs, unless the queue already holds {@code queueLimit} waiting jobs or its owner
     * has {@code ownerLimit} (0 for none) unfinished ones.
     *
     * @return why it was refused, or empty when it was queued
     */
    public Optional<Refusal> submit(JobSnapshot job, List<JobInput> inputs, int maxAttempts, long hostBytes,
                                    long heapBytes, int queueLimit, int ownerLimit) {
        return transaction(connection -> {
            first(connection, "SELECT pg_advisory_xact_lock(?)", row -> true, SUBMIT_LOCK);
            if (count(connection, "SELECT count(*) FROM nst_job WHERE status = 'QUEUED'") >= queueLimit) {
                return Optional.of(Refusal.QUEUE_FULL);
            }
            if (ownerLimit > 0 && count(connection, UNFINISHED_OF, job.owner()) >= ownerLimit) {
                return Optional.of(Refusal.OWNER_LIMIT);
            }
            update(connection, "INSERT INTO nst_job (id, owner, status, weights, created_at, progress, max_attempts,"
                    + " host_bytes, heap_bytes) VALUES (?, ?, 'QUEUED', ?, now(), ?::jsonb, ?, ?, ?)", job.id(),
                    job.owner(), job.weights(), progress(job), maxAttempts, hostBytes, heapBytes);
            try (PreparedStatement part = connection.prepareStatement("INSERT INTO nst_job_input (job_id, position,"
                    + " name, filename, bytes) VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 0; i < inputs.size(); i++) {
                    bind(part, job.id(), i, inputs.get(i).name(), inputs.get(i).filename(), inputs.get(i).bytes());
                    part.addBatch();
                }
                part.executeBatch();
            }
            return Optional.<Refusal>empty();
        });
    }

    /** The oldest queued job, now held by {@code worker} for {@code lease}; empty when none is waiting. */
    public Optional<Claim> claim(String worker, Duration lease) {
        return transaction(connection -> {
            Optional<Claim> taken = first(connection, "UPDATE nst_job SET status = 'RUNNING', worker = ?,"
                    + " lease_until = now() + ?" + MILLISECONDS + ", attempts = attempts + 1,"
                    + " started_at = coalesce(started_at, now()), error = NULL"
                    + " WHERE id = (SELECT id FROM nst_job WHERE status = 'QUEUED' ORDER BY created_at, id"
                    + " FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id, owner, weights, attempts",
                    row -> new Claim(row.getString(1), row.getString(2), row.getString(3), row.getInt(4), List.of()),
                    worker, lease.toMillis());
            if (taken.isEmpty()) {
                return taken;
            }
            Claim claim = taken.get();
            List<JobInput> inputs = all(connection, "SELECT name, filename, bytes FROM nst_job_input WHERE job_id = ?"
                    + " ORDER BY position", row -> new JobInput(row.getString(1), row.getString(2), row.getBytes(3)),
                    claim.id());
            return Optional.of(new Claim(claim.id(), claim.owner(), claim.weights(), claim.attempt(), inputs));
        });
    }

    /** What a worker learns when it renews its lease. */
    public enum Lease { HELD, CANCEL_REQUESTED, LOST }

    /** Extends {@code worker}'s hold on the job by {@code lease}, if it still holds it. */
    public Lease renew(String id, String worker, Duration lease) {
        return transaction(connection -> first(connection, "UPDATE nst_job SET lease_until = now() + ?" + MILLISECONDS
                + HELD_BY + " RETURNING cancel_requested", row -> row.getBoolean(1), lease.toMillis(), id, worker)
                .map(cancel -> cancel ? Lease.CANCEL_REQUESTED : Lease.HELD).orElse(Lease.LOST));
    }

    /** Records the job's progress, if {@code worker} still holds it. */
    public boolean progress(String id, String worker, JobSnapshot state) {
        return transaction(connection -> update(connection, "UPDATE nst_job SET progress = ?::jsonb,"
                + " backend = coalesce(?, backend)" + HELD_BY, progress(state), state.backend(), id, worker) == 1);
    }

    /** Keeps the job's latest preview, if {@code worker} still holds it. */
    public boolean preview(String id, String worker, int iteration, byte[] png) {
        return transaction(connection -> holds(connection, id, worker) && putImage(connection, id, "preview",
                iteration, png));
    }

    /** The job has succeeded: its result and its end in one transaction, if {@code worker} still holds it. */
    public boolean succeed(String id, String worker, JobSnapshot state, byte[] png) {
        return transaction(connection -> holds(connection, id, worker)
                && putImage(connection, id, "result", state.iterations(), png)
                && end(connection, id, worker, JobStatus.SUCCEEDED, null, state));
    }

    /** The job has failed or stopped for {@code reason}, if {@code worker} still holds it. */
    public boolean stop(String id, String worker, JobStatus status, String reason, JobSnapshot state) {
        return transaction(connection -> end(connection, id, worker, status, reason, state));
    }

    /**
     * Cancels a queued job at once, or asks the worker of a running one to stop (it learns so when it next renews);
     * a finished job is left as it is.
     *
     * @return the job's status before the call; empty for an unknown job (or another owner's)
     */
    public Optional<JobStatus> cancel(String id, String owner) {
        return transaction(connection -> {
            Optional<JobStatus> before = first(connection, "SELECT status FROM nst_job WHERE id = ?"
                    + " AND owner IS NOT DISTINCT FROM ? FOR UPDATE", row -> JobStatus.valueOf(row.getString(1)),
                    id, owner);
            if (before.isPresent() && before.get() == JobStatus.QUEUED) {
                update(connection, "UPDATE nst_job SET status = 'CANCELLED', finished_at = now(),"
                        + " error = 'cancelled before it started' WHERE id = ?", id);
            } else if (before.isPresent() && before.get() == JobStatus.RUNNING) {
                update(connection, "UPDATE nst_job SET cancel_requested = true WHERE id = ?", id);
            }
            return before;
        });
    }

    /**
     * A worker that shuts down hands its job back to the queue at once, without counting the run as an attempt.
     *
     * @return whether it still held the job
     */
    public boolean giveBack(String id, String worker) {
        return transaction(connection -> update(connection, "UPDATE nst_job SET status = 'QUEUED', worker = NULL,"
                + " lease_until = NULL, attempts = greatest(attempts - 1, 0) WHERE id = ? AND worker = ?"
                + " AND status = 'RUNNING'", id, worker) == 1);
    }

    /**
     * Jobs whose worker stopped renewing: back in the queue, or FAILED once they have had {@code max_attempts}
     * runs. Any node may call it; each job is handled once.
     *
     * @return how many jobs were put back or failed
     */
    public int recoverAbandoned() {
        return transaction(connection -> update(connection, "UPDATE nst_job SET"
                + " status = CASE WHEN attempts >= max_attempts THEN 'FAILED' ELSE 'QUEUED' END,"
                + " finished_at = CASE WHEN attempts >= max_attempts THEN now() END,"
                + " error = CASE WHEN attempts >= max_attempts THEN 'its worker stopped during each of its '"
                + " || attempts || ' attempts; submit it again' END,"
                + " worker = NULL, lease_until = NULL"
                + " WHERE status = 'RUNNING' AND lease_until < now()"));
    }

    /** The job as its owner sees it; empty for an unknown job or another owner's. */
    public Optional<JobSnapshot> get(String id, String owner) {
        return watch(id, owner).map(Watched::job);
    }

    /** A job and the iteration of its latest preview (-1 while it has none), as a client watching it sees them. */
    public record Watched(JobSnapshot job, int previewIteration) {
    }

    public Optional<Watched> watch(String id, String owner) {
        return transaction(connection -> first(connection, "SELECT id, status, progress::text, error, created_at,"
                + " started_at, finished_at, weights, backend, owner, coalesce((SELECT iteration FROM nst_job_image"
                + " WHERE job_id = nst_job.id AND kind = 'preview'), -1) FROM nst_job WHERE id = ?"
                + " AND owner IS NOT DISTINCT FROM ?", row -> new Watched(snapshot(row), row.getInt(11)), id, owner));
    }

    /** The result or the latest preview of the job, with its iteration. */
    public Optional<StoredImage> image(String id, String owner, String kind) {
        return transaction(connection -> first(connection, "SELECT i.iteration, i.png FROM nst_job_image i"
                + " JOIN nst_job j ON j.id = i.job_id WHERE i.job_id = ? AND i.kind = ?"
                + " AND j.owner IS NOT DISTINCT FROM ?", row -> new StoredImage(row.getInt(1), row.getBytes(2)),
                id, kind, owner));
    }

    /** A kept picture of a job. */
    public record StoredImage(int iteration, byte[] png) {
    }

    /** Deletes the jobs (and their pictures and inputs) that finished before {@code before}. */
    public int deleteFinishedBefore(Instant before) {
        return transaction(connection -> update(connection, "DELETE FROM nst_job WHERE finished_at < ?", before));
    }

    /** How many jobs are queued and running, cluster-wide. */
    public int[] counts() {
        return transaction(connection -> new int[] {
                count(connection, "SELECT count(*) FROM nst_job WHERE status = 'QUEUED'"),
                count(connection, "SELECT count(*) FROM nst_job WHERE status = 'RUNNING'")});
    }

    /** Records that {@code worker} is alive, with what it runs on and how busy it is. */
    public void heartbeat(WorkerInfo worker) {
        transaction(connection -> update(connection, "INSERT INTO nst_worker (id, host, backend, slots, running,"
                + " started_at, last_seen) VALUES (?, ?, ?, ?, ?, ?, now()) ON CONFLICT (id) DO UPDATE SET"
                + " backend = excluded.backend, slots = excluded.slots, running = excluded.running, last_seen = now()",
                worker.id(), worker.host(), worker.backend(), worker.slots(), worker.running(), worker.startedAt()));
    }

    /** The workers seen within {@code recently}, the most recently seen first. */
    public List<WorkerInfo> workers(Duration recently) {
        return transaction(connection -> all(connection, "SELECT id, host, backend, slots, running, started_at,"
                + " last_seen FROM nst_worker WHERE last_seen > now() - ?" + MILLISECONDS
                + " ORDER BY last_seen DESC, id", row -> new WorkerInfo(row.getString(1), row.getString(2),
                row.getString(3), row.getInt(4), row.getInt(5), row.getTimestamp(6).toInstant(),
                row.getTimestamp(7).toInstant()), recently.toMillis()));
    }

    private boolean end(Connection connection, String id, String worker, JobStatus status, String reason,
                        JobSnapshot state) throws SQLException {
        return update(connection, "UPDATE nst_job SET status = ?, error = ?, finished_at = now(),"
                + " progress = ?::jsonb, backend = coalesce(?, backend), worker = NULL, lease_until = NULL" + HELD_BY,
                status.name(), reason, progress(state), state.backend(), id, worker) == 1;
    }

    private static boolean holds(Connection connection, String id, String worker) throws SQLException {
        return first(connection, "SELECT 1 FROM nst_job" + HELD_BY + " FOR UPDATE", row -> true, id, worker)
                .isPresent();
    }

    private static boolean putImage(Connection connection, String id, String kind, int iteration, byte[] png)
            throws SQLException {
        return update(connection, "INSERT INTO nst_job_image (job_id, kind, iteration, png) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (job_id, kind) DO UPDATE SET iteration = excluded.iteration, png = excluded.png",
                id, kind, iteration, png) == 1;
    }

    private JobSnapshot snapshot(ResultSet row) throws SQLException {
        StoredProgress progress = read(row.getString(3));
        return new JobSnapshot(row.getString(1), JobStatus.valueOf(row.getString(2)), progress.iteration(),
                progress.iterations(), progress.losses(), progress.itPerSecond(), row.getString(4),
                instant(row.getTimestamp(5)), instant(row.getTimestamp(6)), instant(row.getTimestamp(7)),
                row.getString(8), row.getString(9), progress.stage(), row.getString(10));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private String progress(JobSnapshot job) {
        try {
            return json.writeValueAsString(new StoredProgress(job.iteration(), job.iterations(), job.losses(),
                    job.itPerSecond(), job.stage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private StoredProgress read(String text) {
        try {
            return json.readValue(text, StoredProgress.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How one row of a result becomes a value. */
    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    private static int count(Connection connection, String query, Object... parameters) throws SQLException {
        return first(connection, query, row -> row.getInt(1), parameters).orElse(0);
    }

    /** The first row {@code query} returns, read by {@code row}; empty when it returns none. */
    private static <T> Optional<T> first(Connection connection, String query, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            bind(statement, parameters);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(row.read(rows)) : Optional.empty();
            }
        }
    }

    /** Every row {@code query} returns, read by {@code row}. */
    private static <T> List<T> all(Connection connection, String query, Row<T> row, Object... parameters)
            throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            bind(statement, parameters);
            List<T> read = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    read.add(row.read(rows));
                }
            }
            return read;
        }
    }

    /** Runs an INSERT, UPDATE or DELETE; how many rows it changed. */
    private static int update(Connection connection, String statement, Object... parameters) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(statement)) {
            bind(update, parameters);
            return update.executeUpdate();
        }
    }

    /** Sets the statement's parameters in order; a null is a text NULL (every nullable parameter here is text). */
    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            Object value = parameters[i];
            int index = i + 1;
            if (value == null) {
                statement.setNull(index, Types.VARCHAR);
            } else if (value instanceof String text) {
                statement.setString(index, text);
            } else if (value instanceof Integer number) {
                statement.setInt(index, number);
            } else if (value instanceof Long number) {
                statement.setLong(index, number);
            } else if (value instanceof byte[] bytes) {
                statement.setBytes(index, bytes);
            } else if (value instanceof Instant instant) {
                statement.setTimestamp(index, Timestamp.from(instant));
            } else {
                throw new IllegalArgumentException("no binding for " + value.getClass());
            }
        }
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction, committed if it returns, rolled back if it throws. */
    private <T> T transaction(Work<T> work) {
        try (Connection connection = database.getConnection()) {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new JobDatabaseException("the job database failed: " + e.getMessage(), e);
        }
    }
}
