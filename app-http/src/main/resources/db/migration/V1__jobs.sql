-- nst.http.store=postgres: every job, its uploads, its latest preview and its result, shared by API nodes and workers.

CREATE TABLE nst_job (
    id               text        PRIMARY KEY,
    owner            text,                        -- the API key's name; NULL on a service without keys
    status           text        NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED')),
    weights          text        NOT NULL,
    created_at       timestamptz NOT NULL,
    started_at       timestamptz,
    finished_at      timestamptz,
    error            text,                        -- why it failed or was cancelled
    backend          text,                        -- what ran it
    progress         jsonb       NOT NULL,        -- iteration, iterations, losses, speed and stage, as clients see them
    attempts         integer     NOT NULL DEFAULT 0,
    max_attempts     integer     NOT NULL CHECK (max_attempts >= 1),
    worker           text,                        -- who holds it while RUNNING
    lease_until      timestamptz,                 -- ... and until when, unless renewed
    cancel_requested boolean     NOT NULL DEFAULT false,
    host_bytes       bigint      NOT NULL DEFAULT 0, -- what its plan reserves on a worker
    heap_bytes       bigint      NOT NULL DEFAULT 0,
    CHECK (status <> 'RUNNING' OR (worker IS NOT NULL AND lease_until IS NOT NULL))
);

-- workers take the oldest queued job first; limits count the unfinished ones, per key and in all
CREATE INDEX nst_job_queued ON nst_job (created_at) WHERE status = 'QUEUED';
CREATE INDEX nst_job_unfinished_owner ON nst_job (owner) WHERE status IN ('QUEUED', 'RUNNING');
CREATE INDEX nst_job_running_lease ON nst_job (lease_until) WHERE status = 'RUNNING';
CREATE INDEX nst_job_finished ON nst_job (finished_at) WHERE finished_at IS NOT NULL;

-- the request's parts as they came, read again by the worker that runs it
CREATE TABLE nst_job_input (
    job_id   text    NOT NULL REFERENCES nst_job (id) ON DELETE CASCADE,
    position integer NOT NULL,
    name     text    NOT NULL,
    filename text,                                -- NULL for a text part
    bytes    bytea   NOT NULL,
    PRIMARY KEY (job_id, position)
);

-- the latest preview and the result, as PNG
CREATE TABLE nst_job_image (
    job_id    text    NOT NULL REFERENCES nst_job (id) ON DELETE CASCADE,
    kind      text    NOT NULL CHECK (kind IN ('preview', 'result')),
    iteration integer NOT NULL,
    png       bytea   NOT NULL,
    PRIMARY KEY (job_id, kind)
);

-- every node that runs jobs, as it last reported itself
CREATE TABLE nst_worker (
    id         text        PRIMARY KEY,
    host       text        NOT NULL,
    backend    text        NOT NULL,
    slots      integer     NOT NULL,
    running    integer     NOT NULL,
    started_at timestamptz NOT NULL,
    last_seen  timestamptz NOT NULL
);
