-- A lane claims one sample and reads it in the same statement (a join of the function's rows with
-- benchmark_sample). With the default estimate of 1,000 rows for a set-returning function, the planner
-- hashed the whole benchmark_sample table on every claim, so each claim cost time in proportion to the
-- subset's size (40,000 samples: 11 ms a claim instead of 2). A lane claims one at a time: say so.
ALTER FUNCTION claim_evaluation_tasks(UUID, TEXT, FLOAT8, INT) ROWS 1;
