"""Reads of the search: the reports matching words and filters, their facets, saved searches.

Everything starts from ``IntelReport.objects.visible_to(user)``, and the text condition is
one more condition of the same SQL statement (``fulltext.TextMatch``): a search never reads
reports the user may not see and then drops them. A word that only hidden reports hold
therefore answers exactly like a word no report holds: same rows (none), same counts, same
facets, same queries.

Filters (``filters`` dict, every key optional): ``type`` (a report type), ``category`` (a
CBRN category code), ``originator`` (an agency code), ``classification`` (a level code),
``year`` (of the event date). Unknown codes match nothing; malformed values and unknown
keys raise a ValidationError naming the field.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import ExtractYear
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from nonprolif.core.models import Actor
from nonprolif.core.models.agency import code_validator
from nonprolif.intel.models import IntelReport, ReportType, SavedSearch
from nonprolif.intel.search.fulltext import TextMatch, search_words

#: The filters a search takes, in the order the page and the API show their facets.
FILTER_NAMES = ("type", "category", "originator", "classification", "year")
MAX_QUERY_LENGTH = 300
MIN_YEAR, MAX_YEAR = 1900, 2999

#: The lookup each filter narrows by.
_LOOKUPS = {
    "type": "report_type",
    "category": "cbrn_category__code",
    "originator": "originator__code",
    "classification": "classification__code",
    "year": "event_date__year",
}


@dataclass(frozen=True)
class FacetValue:
    """One value of a facet: what the filter takes, what the page shows, how many of the
    visible matching reports have it, and whether the search is narrowed to it."""

    value: str
    label: str
    count: int
    selected: bool


def clean_query(query: str | None) -> str:
    """The words typed, stripped; a ValidationError on ``q`` when too long."""
    query = (query or "").strip()
    if len(query) > MAX_QUERY_LENGTH:
        raise ValidationError(
            {"q": _("Type at most %(max)d characters.") % {"max": MAX_QUERY_LENGTH}}
        )
    return query


def clean_filters(filters: Mapping[str, Any] | None) -> dict[str, str | int]:
    """``filters`` checked: empty values dropped, ``year`` a whole number, ``type`` a report
    type, the codes well formed. A ValidationError names each bad field."""
    errors: dict[str, str] = {}
    cleaned: dict[str, str | int] = {}
    for name, value in (filters or {}).items():
        if name not in FILTER_NAMES:
            errors[name] = _("Unknown filter: use one of %(names)s.") % {
                "names": ", ".join(FILTER_NAMES)
            }
            continue
        if value is None or value == "":
            continue
        if name == "year":
            try:
                year = int(value)
            except (TypeError, ValueError):
                errors[name] = _("Give the year as a whole number, e.g. 2009.")
                continue
            if not MIN_YEAR <= year <= MAX_YEAR:
                errors[name] = _("Give a year between %(low)d and %(high)d.") % {
                    "low": MIN_YEAR,
                    "high": MAX_YEAR,
                }
                continue
            cleaned[name] = year
            continue
        text = str(value).strip()
        if name == "type":
            if text not in ReportType.values:
                errors[name] = _("Unknown report type: use one of %(types)s.") % {
                    "types": ", ".join(ReportType.values)
                }
                continue
        else:
            try:
                if len(text) > 32:
                    raise ValidationError("too long")
                code_validator(text)
            except ValidationError:
                errors[name] = _("Give a code: letters, digits, dots, dashes or underscores.")
                continue
        cleaned[name] = text
    if errors:
        raise ValidationError(errors)
    return cleaned


def _narrowed(
    user: Actor, words: list[str], filters: Mapping[str, str | int]
) -> QuerySet[IntelReport]:
    reports = IntelReport.objects.visible_to(user)  # type: ignore[arg-type]
    if words:
        reports = reports.filter(TextMatch(words))
    for name, value in filters.items():
        reports = reports.filter(**{_LOOKUPS[name]: value})
    return reports


def matching_reports(
    user: Actor, query: str, filters: Mapping[str, Any] | None = None
) -> QuerySet[IntelReport]:
    """The reports ``user`` may read that hold every word of ``query`` (in Spanish or
    English: title, text, tags) and pass ``filters`` (see the module docstring), newest
    first. An empty query matches every visible report. ValidationError on bad input."""
    words = search_words(clean_query(query))
    return (
        _narrowed(user, words, clean_filters(filters))
        .select_related("classification", "originator", "cbrn_category")
        .order_by("-created_at", "-id")
    )


def newest_match_id(
    user: Actor, query: str, filters: Mapping[str, Any] | None, *, above: int = 0
) -> int | None:
    """The highest id of the visible matching reports above ``above`` (None: there is none)."""
    newest = (
        matching_reports(user, query, filters)
        .filter(pk__gt=above)
        .order_by()
        .aggregate(newest=Max("pk"))["newest"]
    )
    return int(newest) if newest is not None else None


def _localized(row: Mapping[str, Any], prefix: str) -> str:
    english = get_language() == "en"
    value = row[f"{prefix}name_en" if english else f"{prefix}name_es"]
    return str(value or row[f"{prefix}name_es"] or row[f"{prefix}name_en"] or "")


def _type_facet(reports: QuerySet[IntelReport]) -> list[tuple[str, str, int]]:
    rows = reports.values("report_type").annotate(n=Count("pk")).order_by("report_type")
    labels = dict(ReportType.choices)
    return [
        (row["report_type"], str(labels.get(row["report_type"], row["report_type"])), row["n"])
        for row in rows
    ]


def _category_facet(reports: QuerySet[IntelReport]) -> list[tuple[str, str, int]]:
    rows = (
        reports.filter(cbrn_category__isnull=False)
        .values("cbrn_category__code", "cbrn_category__name_es", "cbrn_category__name_en")
        .annotate(n=Count("pk"))
        .order_by("cbrn_category__code")
    )
    return [
        (row["cbrn_category__code"], _localized(row, "cbrn_category__"), row["n"]) for row in rows
    ]


def _originator_facet(reports: QuerySet[IntelReport]) -> list[tuple[str, str, int]]:
    rows = (
        reports.values("originator__code", "originator__acronym")
        .annotate(n=Count("pk"))
        .order_by("originator__code")
    )
    return [
        (row["originator__code"], row["originator__acronym"] or row["originator__code"], row["n"])
        for row in rows
    ]


def _classification_facet(reports: QuerySet[IntelReport]) -> list[tuple[str, str, int]]:
    rows = (
        reports.values(
            "classification__code",
            "classification__rank",
            "classification__name_es",
            "classification__name_en",
        )
        .annotate(n=Count("pk"))
        .order_by("classification__rank")
    )
    return [
        (row["classification__code"], _localized(row, "classification__"), row["n"]) for row in rows
    ]


def _year_facet(reports: QuerySet[IntelReport]) -> list[tuple[str, str, int]]:
    rows = (
        reports.filter(event_date__isnull=False)
        .annotate(year=ExtractYear("event_date"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    return [(str(row["year"]), str(row["year"]), row["n"]) for row in rows]


_FACETS: dict[str, Callable[[QuerySet[IntelReport]], list[tuple[str, str, int]]]] = {
    "type": _type_facet,
    "category": _category_facet,
    "originator": _originator_facet,
    "classification": _classification_facet,
    "year": _year_facet,
}


def search_facets(
    user: Actor, query: str, filters: Mapping[str, Any] | None = None
) -> dict[str, list[FacetValue]]:
    """Per filter, its values among the visible reports that match the words and the other
    filters (a facet ignores its own filter, so that its other values stay in view), with
    their counts: one grouped query per facet, none per value."""
    words = search_words(clean_query(query))
    cleaned = clean_filters(filters)
    facets: dict[str, list[FacetValue]] = {}
    for name, count_values in _FACETS.items():
        others = {key: value for key, value in cleaned.items() if key != name}
        reports = _narrowed(user, words, others).order_by()
        selected = str(cleaned[name]) if name in cleaned else None
        facets[name] = [
            FacetValue(value=value, label=label, count=count, selected=value == selected)
            for value, label, count in count_values(reports)
        ]
    return facets


def saved_searches_for(user: Actor) -> QuerySet[SavedSearch]:
    """The user's own saved searches, by name."""
    return SavedSearch.objects.visible_to(user).order_by("owner", "name", "pk")  # type: ignore[arg-type]


def get_saved_search_for(user: Actor, pk: int | str) -> SavedSearch:
    """The saved search ``pk`` if it is ``user``'s; Http404 otherwise."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(_("No such saved search.")) from None
    saved = saved_searches_for(user).filter(pk=pk).first()
    if saved is None:
        raise Http404(_("No such saved search."))
    return saved
