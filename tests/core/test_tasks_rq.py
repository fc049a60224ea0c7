"""Background tasks on Redis (django-tasks-rq): a reminder enqueued through the RQ backend waits
in Redis, and an RQ worker runs it and changes the database.

Redis: 127.0.0.1:6379, database 7 (REDIS_TEST_URL), a queue of the test's own, removed
afterwards. With CI=true an unreachable Redis fails the test; elsewhere it skips it.
"""

import datetime
import os
import signal
import uuid

import pytest
from django.core import mail

from nonprolif.core.models import AuditEntry
from nonprolif.events.coordination.domain.action_items import create_action_item
from nonprolif.events.coordination.tasks import remind_overdue
from nonprolif.events.models import ActionItem
from tests.factories import MeetingFactory

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/7")


def redis_or_skip():
    """A connection to the test's Redis database; fails under CI, skips elsewhere, when
    Redis does not answer."""
    import redis

    connection = redis.Redis.from_url(REDIS_TEST_URL, socket_connect_timeout=2)
    try:
        connection.ping()
    except redis.exceptions.ConnectionError as error:
        message = f"Redis at {REDIS_TEST_URL} does not answer: {error}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return connection


def remove_queue(connection, queue: str, job_ids) -> None:
    """Delete the keys of ``queue`` and of every job it listed or ``job_ids`` names (workers'
    own keys expire by themselves)."""
    keys = [*connection.scan_iter(f"*{queue}*")]
    jobs = {job_id.encode() for job_id in job_ids}
    for key in keys:
        kind = connection.type(key)
        if kind == b"list":
            jobs.update(connection.lrange(key, 0, -1))
        elif kind == b"zset":
            jobs.update(connection.zrange(key, 0, -1))
    for job in jobs:
        keys += [f"rq:job:{job.decode()}", f"rq:results:{job.decode()}"]
    if keys:
        connection.delete(*keys)
    connection.srem("rq:queues", f"rq:queue:{queue}")


@pytest.fixture
def rq_queue(settings):
    """The RQ task backend on the test's Redis database, with a queue of its own: yields
    (queue name, connection, the ids of the jobs to remove afterwards)."""
    connection = redis_or_skip()
    queue = f"test-{uuid.uuid4().hex}"
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default", queue]}
    }
    settings.RQ_QUEUES = {name: {"URL": REDIS_TEST_URL} for name in ("default", queue)}
    job_ids: list[str] = []
    # An RQ worker run here installs its own SIGINT and SIGTERM handlers: pytest gets its back.
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
    yield queue, connection, job_ids
    for sig, handler in handlers.items():
        signal.signal(sig, handler)
    remove_queue(connection, queue, job_ids)


@pytest.fixture
def overdue_item(program, coordinator, agency_a, official_a):
    meeting = MeetingFactory(program=program, date=datetime.date(2009, 8, 28))
    meeting.agencies.set([agency_a])
    return create_action_item(
        actor=coordinator,
        meeting=meeting,
        title_es="Enviar la lista",
        title_en="Send the list",
        owner_agency=agency_a,
        owner_official=official_a,
        due_date=datetime.date(2009, 9, 15),
    )


def test_a_reminder_goes_through_redis_and_an_rq_worker_records_it(rq_queue, overdue_item):
    import django_rq
    from django_tasks import TaskResultStatus, default_task_backend
    from django_tasks_rq import Job
    from rq import SimpleWorker

    queue, connection, job_ids = rq_queue
    result = remind_overdue.using(queue_name=queue).enqueue()
    job_ids.append(result.id)

    # Queued in Redis, not run.
    assert connection.lrange(f"rq:queue:{queue}", 0, -1) == [result.id.encode()]
    overdue_item.refresh_from_db()
    assert overdue_item.last_reminded_at is None
    assert default_task_backend.get_result(result.id).status == TaskResultStatus.READY

    # An RQ worker (in this process, to share the test's database transaction) runs it.
    worker = django_rq.get_worker(queue, job_class=Job, worker_class=SimpleWorker)
    assert worker.work(burst=True)

    overdue_item.refresh_from_db()
    assert overdue_item.last_reminded_at is not None
    assert ActionItem.objects.filter(last_reminded_at__isnull=False).count() == 1
    entry = AuditEntry.objects.get(action="action_item.remind")
    assert entry.object_id == str(overdue_item.pk)
    assert [message.to for message in mail.outbox] == [[overdue_item.owner_official.email]]
    done = default_task_backend.get_result(result.id)
    assert done.status == TaskResultStatus.SUCCESSFUL
    assert done.return_value == 1
    assert connection.llen(f"rq:queue:{queue}") == 0


def test_a_failing_task_is_recorded_as_failed_and_changes_nothing(rq_queue, overdue_item):
    import django_rq
    from django_tasks import TaskResultStatus, default_task_backend
    from django_tasks_rq import Job
    from rq import SimpleWorker

    queue, _connection, job_ids = rq_queue
    result = remind_overdue.using(queue_name=queue).enqueue(interval_days="seven")
    job_ids.append(result.id)

    django_rq.get_worker(queue, job_class=Job, worker_class=SimpleWorker).work(burst=True)

    failed = default_task_backend.get_result(result.id)
    assert failed.status == TaskResultStatus.FAILED
    assert "TypeError" in failed.errors[0].traceback
    overdue_item.refresh_from_db()
    assert overdue_item.last_reminded_at is None
    assert not AuditEntry.objects.filter(action="action_item.remind").exists()
    assert mail.outbox == []


def test_the_speaker_reminder_cycle_on_redis_is_started_once_and_rescheduled(rq_queue, monkeypatch):
    import django_rq
    from django_tasks_rq import Job
    from rq import SimpleWorker
    from rq.registry import ScheduledJobRegistry

    from nonprolif.events.speakers import tasks

    queue, connection, job_ids = rq_queue
    monkeypatch.setattr(
        tasks,
        "send_invitation_reminders",
        tasks.send_invitation_reminders.using(queue_name=queue),
    )
    first = tasks.start_reminder_cycle()
    assert first is not None
    job_ids.append(first.id)
    assert tasks.start_reminder_cycle() is None  # queued: not started twice
    assert connection.llen(f"rq:queue:{queue}") == 1

    django_rq.get_worker(queue, job_class=Job, worker_class=SimpleWorker).work(burst=True)

    # The run re-queued itself for later; that waiting run is not duplicated either.
    scheduled = ScheduledJobRegistry(queue=django_rq.get_queue(queue, job_class=Job))
    assert len(scheduled.get_job_ids()) == 1
    assert tasks.start_reminder_cycle() is None
    assert len(scheduled.get_job_ids()) == 1
    assert connection.llen(f"rq:queue:{queue}") == 0
