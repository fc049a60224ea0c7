"""Background tasks of guest speakers (Django Tasks API).

``send_invitation_reminders`` emails the speakers whose invitations are due a reminder. Run
with ``repeat=True`` it is periodic: when done it enqueues itself again to run after
SPEAKER_REMINDER_CHECK_HOURS (default 24) hours, on a backend that supports ``run_after``
(the database backend, or Redis's: both worked by ``nonprolif worker``). Start the cycle once with
``nonprolif manage send_reminders --start``; ``start_reminder_cycle`` does not start a second
one while a run is already waiting.
"""

import datetime
import logging

from django.conf import settings
from django.utils import timezone
from django_tasks import TaskResultStatus, task

from nonprolif.events.speakers.domain.reminders import send_due_reminders

logger = logging.getLogger(__name__)


def check_interval() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "SPEAKER_REMINDER_CHECK_HOURS", 24))


@task()
def send_invitation_reminders(repeat: bool = False) -> int:
    """Send the reminders due now; returns how many were sent. With ``repeat``, enqueue the
    next run (even when this one failed, so the cycle never stops)."""
    try:
        return send_due_reminders()
    finally:
        if repeat:
            schedule_next_reminders()


def _waiting_runs() -> int | None:
    """How many reminder runs wait in the queue (the database's, or Redis's: queued or
    scheduled), or None when the backend keeps no queue we can read."""
    from django_tasks_db import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = send_invitation_reminders.get_backend()
    if type(backend).__module__.startswith("django_tasks_rq"):
        return _waiting_redis_runs()
    if not isinstance(backend, DatabaseBackend):
        return None

    return DBTaskResult.objects.filter(
        task_path=send_invitation_reminders.module_path, status=TaskResultStatus.READY
    ).count()


def _waiting_redis_runs() -> int:
    import django_rq
    from django_tasks_rq import Job
    from rq.registry import ScheduledJobRegistry

    queue = django_rq.get_queue(send_invitation_reminders.queue_name, job_class=Job)
    ids = [*queue.get_job_ids(), *ScheduledJobRegistry(queue=queue).get_job_ids()]
    jobs = Job.fetch_many(ids, connection=queue.connection)
    path = send_invitation_reminders.module_path
    return sum(1 for job in jobs if job is not None and job.func_name == path)


def schedule_next_reminders(after: datetime.timedelta | None = None):
    """Enqueue the next periodic run, ``after`` (default: the check interval) from now.
    Returns the TaskResult, or None when the backend cannot defer tasks (the immediate
    backend: it would run at once, forever)."""
    backend = send_invitation_reminders.get_backend()
    if not backend.supports_defer:
        logger.warning("The task backend cannot defer tasks: reminders are not repeated.")
        return None
    run_after = timezone.now() + (after if after is not None else check_interval())
    return send_invitation_reminders.using(run_after=run_after).enqueue(repeat=True)


def start_reminder_cycle():
    """Start the periodic reminders now unless a run is already waiting. Returns the
    TaskResult of the first run, or None when one was waiting already."""
    if _waiting_runs():
        return None
    return send_invitation_reminders.enqueue(repeat=True)
