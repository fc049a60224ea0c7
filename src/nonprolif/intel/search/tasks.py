"""Background work of the search (Django Tasks API): telling the owners of saved searches of
new matches.

Run it on a schedule (e.g. hourly from cron: ``nonprolif manage notify_searches --enqueue``,
worked by ``nonprolif worker``); a report is told of once per saved search whatever the
schedule, since each search remembers the newest report it told of.
"""

from django_tasks import task

from nonprolif.intel.search.domain import notify_new_matches


@task()
def notify_saved_searches() -> int:
    """E-mail the owners of saved searches with new visible matches a link (see
    ``notify_new_matches``). Returns how many searches were told."""
    return len(notify_new_matches())
