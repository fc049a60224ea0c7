"""Background work of requests for information (Django Tasks API): reminding the agencies
asked that have not answered.

Run it on a schedule (e.g. daily from cron: ``nonprolif manage remind_requests --enqueue``,
or ``remind_requests`` directly); each request is reminded at most once a day whatever the
schedule.
"""

from django_tasks import task

from nonprolif.intel.requests.domain import remind_due_requests


@task()
def remind_requests(lead_days: int | None = None) -> int:
    """E-mail the analysts of the agencies that have not answered the requests due soon or
    overdue (see ``remind_due_requests``). Returns the number of e-mails sent."""
    return len(remind_due_requests(lead_days=lead_days))
