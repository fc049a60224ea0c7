"""Completion: the share of a session's days present that certifies, and who completed."""

from nonprolif.training.attendance.queries import meets_completion, session_completions
from nonprolif.training.models import ItemSettings, Session


def test_the_completion_threshold_is_inclusive():
    assert meets_completion(80, 100, 80)
    assert not meets_completion(79, 100, 80)
    assert meets_completion(4, 5, 80)
    assert not meets_completion(3, 5, 80)
    assert not meets_completion(0, 0, 0)


def test_completion_defaults_to_80_percent_of_the_session_days(trained, official_a, official_b):
    completions = {c.participant.official: c for c in session_completions(trained)}

    assert (completions[official_a].present_days, completions[official_a].total_days) == (5, 5)
    assert completions[official_a].percent_needed == 80
    assert completions[official_a].complete
    assert (completions[official_b].present_days, completions[official_b].complete) == (3, False)


def test_the_items_settings_set_the_rule(trained, attend, official_a, official_b, coordinator):
    attend(trained, official_a, 4)
    ItemSettings.objects.create(
        program=trained.program, item_key=trained.item_key, completion_percent=100
    )
    assert not {c.participant.official: c for c in session_completions(trained)}[
        official_a
    ].complete

    ItemSettings.objects.filter(item_key=trained.item_key).update(completion_percent=60)
    completions = {c.participant.official: c for c in session_completions(trained)}
    assert completions[official_a].complete
    assert completions[official_b].complete  # 3 of 5 is 60 %


def test_marks_on_days_the_session_no_longer_runs_do_not_count(trained, official_a):
    Session.objects.filter(pk=trained.pk).update(
        days=[day.isoformat() for day in trained.day_list[1:]]
    )
    trained.refresh_from_db()

    completion = {c.participant.official: c for c in session_completions(trained)}[official_a]

    assert (completion.present_days, completion.total_days) == (4, 4)
