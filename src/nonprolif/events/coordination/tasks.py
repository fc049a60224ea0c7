"""Background work of coordination: reminding the owners of overdue action items.

Run it on a schedule (e.g. daily from cron: ``nonprolif manage remind_overdue --enqueue``, or
``remind_overdue`` directly); each item is reminded at most once per interval whatever the
schedule.
"""

from django_tasks import task

from nonprolif.events.coordination.domain.reminders import remind_overdue_action_items


@task()
def remind_overdue(interval_days: int | None = None) -> int:
    """Email the owners of overdue action items (see ``remind_overdue_action_items``).
    Returns the number of emails sent."""
    return len(remind_overdue_action_items(interval_days=interval_days))
