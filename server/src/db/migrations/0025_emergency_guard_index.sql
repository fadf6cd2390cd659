-- A guard's current task (GET /guards/{id} currentTask, tasks::TaskService::currentTask) looks up the
-- emergency tasks a guard was sent to by guard: without this index that read scanned emergency_guards.
CREATE INDEX emergency_guards_guard ON emergency_guards(guard_id, task_id);
