"""The task queue: what django-tasks leaves to us.

django-tasks (with django-tasks-db's database backend) queues and runs tasks and records each
attempt. It does not retry a failed task, notice a task left running by a worker that died,
say whether any worker is alive, or delete old results; this package does, in one place:

- `queue`: enqueue after commit; tasks that retry with backoff, and tasks run at most once.
- `worker`: the worker (`manage.py run_task_worker`), with a heartbeat and periodic housekeeping.
- `housekeeping`: recovery of tasks whose worker stopped beating, pruning of old results.
- `status`: whether a worker is alive, for /readyz and the admin.
"""
