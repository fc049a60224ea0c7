"""A program's business calendar: the country's holidays (named in Spanish and English) and
the program's and venues' blackout dates, for the calendar engine and for the pages."""

import datetime
from collections.abc import Iterable

import holidays
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from nonprolif.core.i18n import content_language
from nonprolif.planning.calendar import BusinessCalendar, combine_blackouts
from nonprolif.program.models import Program
from nonprolif.training.models import BlackoutDate


def _language(supported: Iterable[str], prefix: str) -> str | None:
    for language in sorted(supported):
        if language.lower().startswith(prefix):
            return language
    return None


class ProgramCalendar:
    """The program's business calendar (holiday names in English for the engine's reasons,
    Spanish and English for people) and its blackout dates with their reasons."""

    def __init__(self, program: Program):
        self.program = program
        self.error: str | None = None
        self.base: BusinessCalendar | None = None
        try:
            probe = holidays.country_holidays(program.country, years=())
        except NotImplementedError:
            self.error = _("No holiday calendar is known for the country %(country)s.") % {
                "country": program.country
            }
            return
        default = (probe.default_language,) if probe.default_language else ()
        supported = probe.supported_languages or default
        english = _language(supported, "en")
        spanish = _language(supported, "es")
        self.base = BusinessCalendar(country=program.country, language=english)
        self._names = {
            "en": holidays.country_holidays(program.country, language=english),
            "es": holidays.country_holidays(program.country, language=spanish),
        }
        self.program_blackouts: dict[datetime.date, dict] = {}
        self.venue_blackouts: dict[int, dict[datetime.date, dict]] = {}
        for row in BlackoutDate.objects.filter(program=program):
            reasons = {"es": row.reason_es, "en": row.reason_en}
            if row.venue_id is None:
                self.program_blackouts[row.date] = reasons
            else:
                self.venue_blackouts.setdefault(row.venue_id, {})[row.date] = reasons

    def for_venues(self, venue_ids: Iterable[int]) -> BusinessCalendar:
        """The business calendar with the program's and these venues' blackout dates (only
        when the country's holidays are known: ``base`` is not None)."""
        assert self.base is not None, self.error
        dates = [self.program_blackouts]
        dates += [self.venue_blackouts.get(pk, {}) for pk in venue_ids]
        return self.base.with_blackouts(combine_blackouts(*dates))

    def holiday_names(self, day: datetime.date) -> dict:
        return {lang: names.get(day) or "" for lang, names in self._names.items()}

    def blackout_reasons(self, venue_ids: Iterable[int]):
        def reasons(day: datetime.date) -> dict | None:
            found = self.program_blackouts.get(day)
            for pk in venue_ids:
                found = found or self.venue_blackouts.get(pk, {}).get(day)
            return found

        return reasons

    def note(self, day: datetime.date) -> str:
        """The holiday or program-wide blackout on ``day``, in the active language ("" when
        it has neither)."""
        if self.base is None:
            return ""
        notes = []
        holiday = self.holiday_names(day)
        if any(holiday.values()):
            notes.append(localized_name(holiday))
        blackout = self.program_blackouts.get(day)
        if blackout is not None:
            notes.append(localized_name(blackout) or _("Blackout date"))
        return " · ".join(notes)

    def is_business_day(self, day: datetime.date) -> bool:
        if self.base is None:
            return day.weekday() < 5
        return self.program_wide.is_business_day(day)

    @cached_property
    def program_wide(self) -> BusinessCalendar:
        return self.for_venues(())


def localized_name(names: dict | None) -> str:
    """``{"es": ..., "en": ...}`` in the active language, falling back to the other."""
    if not names:
        return ""
    first, second = ("en", "es") if content_language() == "en" else ("es", "en")
    return names.get(first) or names.get(second) or ""
