-- run_history: one row per run with its latest state (a run writes a 'running' row when it starts
-- and a final row when it ends; a run killed before the end stays 'running').
-- Columns: run_id, flow, started_at, finished_at, status, counts (JSON), parameters (JSON).
SELECT run_id, flow, started_at, finished_at, status, counts, parameters
FROM runs
QUALIFY row_number() OVER (PARTITION BY run_id ORDER BY finished_at DESC NULLS LAST) = 1
