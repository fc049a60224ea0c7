"""Why a nominee is left out of the assignment, in the reader's language: the solver's reason
codes and, per session, why it was not open to him."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from nonprolif.planning import assignment as planning
from nonprolif.training.models import Session

# Reasons found before solving (besides the solver's own codes).
NOT_FOR_AGENCY = "not_for_agency"

REASON_TEXT = {
    planning.NO_ELIGIBLE_SESSION: gettext_lazy("No session of the item is open to this nominee"),
    planning.DUPLICATE_NOMINATION: gettext_lazy(
        "The official already holds a nomination for this item"
    ),
    planning.QUOTA_FULL: gettext_lazy(
        "The agency's seats for this item are taken by nominees ahead in the waitlist"
    ),
    planning.SEATS_USED_BY_OTHERS: gettext_lazy(
        "Every session open to this nominee is full (the seats went to nominees ahead in the "
        "waitlist or placed where they fit better)"
    ),
    planning.AGENCY_SHARE_FULL: gettext_lazy(
        "The sessions with seats left already hold the maximum share of the agency"
    ),
    planning.SESSION_NOT_RUNNING: gettext_lazy(
        "The sessions with seats left do not reach their minimum size"
    ),
    planning.SCHEDULE_CONFLICT: gettext_lazy(
        "The official is placed in an overlapping session of another item"
    ),
    planning.WITHDRAWN: gettext_lazy("The nominee withdrew"),
    planning.NOT_REACHED: gettext_lazy("The solver stopped at its time limit"),
    NOT_FOR_AGENCY: gettext_lazy("The item is no longer for this agency"),
}

WHY_TEXT = {
    planning.UNAVAILABLE: gettext_lazy("unavailable on those dates"),
    planning.NOT_SENIOR: gettext_lazy("for senior officials only"),
    planning.WRONG_AGENCY: gettext_lazy("for another agency"),
    planning.MISSING_PREREQUISITE: gettext_lazy("needs the previous cohort completed"),
    planning.ALREADY_COMPLETED: gettext_lazy("already completed"),
    planning.SEATS_USED_BY_OTHERS: gettext_lazy("full"),
    planning.AGENCY_SHARE_FULL: gettext_lazy("agency share reached"),
    planning.SESSION_NOT_RUNNING: gettext_lazy("does not run"),
    planning.SCHEDULE_CONFLICT: gettext_lazy("overlaps another placement"),
    planning.NOT_REACHED: gettext_lazy("not reached"),
}


_WHY_BY_LANGUAGE: dict[str, dict[str, str]] = {}


def _why_texts() -> dict[str, str]:
    """WHY_TEXT in the active language (translated once per language, not once per use)."""
    language = get_language() or ""
    texts = _WHY_BY_LANGUAGE.get(language)
    if texts is None:
        texts = _WHY_BY_LANGUAGE[language] = {k: str(v) for k, v in WHY_TEXT.items()}
    return texts


def reason_text(code: str, details: Mapping[str, Any] | None = None) -> str:
    """The reason a nominee is left out, in the active language. ``details`` as stored:
    session label → why code (or ``quota`` → seats)."""
    if not code:
        return ""
    text = str(REASON_TEXT.get(code, code))
    details = details or {}
    if code == planning.QUOTA_FULL and "quota" in details:
        return _("%(text)s (quota: %(quota)s).") % {"text": text, "quota": details["quota"]}
    why_text = _why_texts()
    parts = [
        f"{label}: {why_text.get(why, why)}" for label, why in details.items() if label != "quota"
    ]
    if parts and code in (planning.NO_ELIGIBLE_SESSION, planning.SEATS_USED_BY_OTHERS):
        return f"{text} ({'; '.join(parts)})."
    return f"{text}."


def session_label(session: Session) -> str:
    return f"{session.item_number}·{session.audience_label}"
