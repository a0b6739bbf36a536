-- stg_runs: one row per run state written (a run writes 'running' then its final state).
-- Rename and cast only. Columns: run_id, flow, started_at, finished_at, status, counts (JSON text),
-- parameters (JSON text), ingest_date.
SELECT run_id, flow, CAST(started_at AS TIMESTAMPTZ) AS started_at, CAST(finished_at AS TIMESTAMPTZ) AS finished_at,
       status, counts, parameters, ingest_date
FROM runs
