"""``nonprolif worker [--workers N] [--burst]``: run the background task workers of the
configured backend (settings.TASKS, TASKS_BACKEND).

- The database backend (``django_tasks_db.DatabaseBackend``, the default): N ``db_worker``
  processes. With one, it runs in this process (as ``nonprolif manage db_worker``); with more,
  this process starts them and passes SIGTERM and SIGINT on to them (each finishes the task
  it is running, then stops). When one of them fails, the others are stopped and the command
  exits with its status, for the service manager to restart it.
- The Redis backend (``django_tasks_rq.RQBackend``): an RQ worker pool of N workers, each
  forked from this process and with the scheduler that starts the deferred tasks (the
  periodic speaker reminders) when they are due; a worker that dies is replaced. SIGTERM and
  SIGINT stop them after their current task.

Both work every queue of the backend ("default" and TASKS_QUEUES), or those named by
``--queue``. With ``--burst`` the workers run the tasks queued now, then exit.
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

DATABASE_BACKEND = "django_tasks_db.DatabaseBackend"
REDIS_BACKEND = "django_tasks_rq.RQBackend"


def _positive_int(value: str) -> int:
    from argparse import ArgumentTypeError

    try:
        number = int(value)
    except ValueError:
        raise ArgumentTypeError(f"{value!r} is not a whole number") from None
    if number < 1:
        raise ArgumentTypeError(f"{value} is not a positive number")
    return number


class Command(BaseCommand):
    help = (
        "Run N background task workers for the configured task backend: db_worker processes "
        "for the database backend, an RQ worker pool for the Redis backend (TASKS_BACKEND)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--workers",
            type=_positive_int,
            default=1,
            help="worker processes (default 1)",
        )
        parser.add_argument(
            "--queue",
            action="append",
            dest="queues",
            metavar="NAME",
            help="work this queue only (repeatable; default: every queue of the backend)",
        )
        parser.add_argument(
            "--burst",
            action="store_true",
            help="run the tasks queued now, then exit",
        )

    def handle(self, *args, workers=1, queues=None, burst=False, verbosity=1, **options):
        from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends

        backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
        known = sorted(backend.queues)
        for name in queues or []:
            if name not in known:
                raise CommandError(
                    f"--queue: {name!r} is not a queue of the task backend (TASKS_QUEUES): "
                    + ", ".join(known)
                )
        queues = sorted(set(queues or known))
        if isinstance(backend, import_string(DATABASE_BACKEND)):
            status = self._database_workers(workers, queues, burst, verbosity)
        elif isinstance(backend, import_string(REDIS_BACKEND)):
            status = self._redis_workers(workers, queues, burst, verbosity)
        else:
            path = f"{type(backend).__module__}.{type(backend).__qualname__}"
            raise CommandError(
                f"TASKS_BACKEND: {path} has no workers to run; use {DATABASE_BACKEND} "
                f"or {REDIS_BACKEND}"
            )
        if status:
            raise CommandError(f"a worker stopped with status {status}", returncode=status)

    # The database backend ---------------------------------------------------------------------

    def _database_workers(self, count: int, queues: list[str], burst: bool, verbosity: int):
        options = ["--queue-name", ",".join(queues), "--no-reload", "--verbosity", str(verbosity)]
        if burst:
            options.append("--batch")
        if count == 1:
            from django.core.management import call_command

            call_command("db_worker", *options)
            return 0
        import nonprolif

        # Each worker is a process of its own (``nonprolif manage db_worker``), in a session of
        # its own so that a Ctrl+C reaches it once, through this process.
        source = str(Path(nonprolif.__file__).resolve().parent.parent)
        environment = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(filter(None, [source, os.environ.get("PYTHONPATH")])),
        }
        command = [sys.executable, "-m", "nonprolif.cli", "manage", "db_worker", *options]
        children = [
            subprocess.Popen(command, env=environment, start_new_session=True) for _ in range(count)
        ]
        asked_to_stop = False
        failure = 0  # the status of the first worker that failed unasked

        def stop_all() -> None:
            for child in children:
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)

        def on_signal(signum=None, frame=None) -> None:
            nonlocal asked_to_stop
            asked_to_stop = True
            stop_all()

        previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
        try:
            while True:
                statuses = [child.poll() for child in children]
                if not asked_to_stop and not failure:
                    failure = next((status for status in statuses if status), 0)
                    if failure:
                        stop_all()
                if all(status is not None for status in statuses):
                    return failure
                time.sleep(0.2)
        finally:
            for sig, handler in previous.items():
                signal.signal(sig, handler)

    # The Redis backend ------------------------------------------------------------------------

    def _redis_workers(self, count: int, queues: list[str], burst: bool, verbosity: int):
        from django_rq.queues import get_queues
        from django_rq.utils import reset_db_connections
        from django_rq.workers import get_worker_class
        from django_tasks_rq import Job
        from redis.exceptions import ConnectionError as RedisConnectionError
        from rq.worker_pool import WorkerPool

        level = {0: "WARNING", 1: "INFO"}.get(verbosity, "DEBUG")
        rq_queues = get_queues(*queues, job_class=Job)
        connection = rq_queues[0].connection
        try:
            connection.ping()
        except RedisConnectionError as error:
            raise CommandError(f"REDIS_URL: cannot reach Redis: {error}") from error
        pool = WorkerPool(
            queues=rq_queues,
            connection=connection,
            num_workers=count,
            worker_class=get_worker_class(),
            job_class=Job,
            queue_class=type(rq_queues[0]),
        )
        # The workers are forked from this process: none may inherit its database connection.
        reset_db_connections()
        pool.start(burst=burst, logging_level=level)
        return 0
