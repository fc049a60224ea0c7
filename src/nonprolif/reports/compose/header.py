"""The cable's header: routing (precedence and date-time group, FM, TO, INFO) and slug
(classification and reference, caveats, declassification, tags, subject, classified by)."""

import datetime

from django.utils.translation import gettext as _

from nonprolif.reports import vocabulary as v
from nonprolif.reports.compose.cable import Header
from nonprolif.reports.compose.sections import Words
from nonprolif.reports.facts import Author, CableFacts

DECLASSIFY_AFTER_YEARS = 20
TAG_CODES = ("PREL", "PARM", "KNNP")


def author_title(author: Author, language: str) -> str:
    """The title the cable gives its author, in the cable's ``language`` (active): the
    official's position in a Spanish cable (positions are recorded in Spanish), else, and in
    an English cable always, the title of his role."""
    if author.position and language == "es":
        return author.position
    if author.is_official or author.is_coordinator:
        return _("National coordinator")
    return _("Auditor")


def cable_header(
    facts: CableFacts,
    *,
    language: str,
    words: Words,
    marking: str,
    reference: str,
    now: datetime.datetime,
) -> Header:
    """The header of a cable generated at ``now``; without ``reference`` (a draft) the
    reference reads CODE-YEAR-DRAFT."""
    program = facts.program
    utc = now.astimezone(datetime.UTC)
    label, _portion, caveats = v.MARKINGS[marking][language]
    decl = utc.date().replace(year=utc.year + DECLASSIFY_AFTER_YEARS)
    decl_text = decl.strftime("%m/%d/%Y") if language == "en" else decl.strftime("%d/%m/%Y")
    return Header(
        precedence=words["precedence_routine"],
        dtg=v.dtg(utc, language),
        from_label=words["from"],
        sender=program.sender,
        to_label=words["to"],
        to=list(program.to),
        info_label=words["info"],
        info=list(program.info),
        classification=v.spaced(label),
        reference=reference or f"{program.code.upper()}-{utc.year}-DRAFT",
        caveats=list(caveats),
        declassification=words["decl"].format(date=decl_text),
        tags_label=words["tags"],
        tags=", ".join([*TAG_CODES, program.country.upper()]),
        subject_label=words["subject"],
        subject=words["subject_text"]
        .format(program=program.name, date=v.long_date(facts.as_of, language))
        .upper(),
        classified_by=words["classified_by"].format(
            name=facts.author.name, title=author_title(facts.author, language)
        ),
    )
