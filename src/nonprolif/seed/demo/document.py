"""A demo document: its officials, logins, training and conference demos, in one transaction."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from nonprolif.core.models import Agency, Official, User
from nonprolif.seed.loader.checks import check_entry, fail, parse_date
from nonprolif.seed.loader.document import builtin_document
from nonprolif.seed.loader.result import SeedResult

from .conference import load_demo_conference
from .coordination import load_demo_coordination
from .intel import load_demo_intel
from .officials import DemoPassword, ensure_login, login_agency, upsert_official
from .outreach import load_demo_outreach
from .people import generate_officials
from .preparedness import load_demo_preparedness
from .screening import load_demo_screening
from .secondfactor import ensure_demo_second_factor
from .training import load_demo_training

DEMO_FORMAT = "nonprolif.demo/1"
BUILTIN_DEMO = "mx-2009-demo"


def load_demo_document(doc: dict[str, Any], *, actor: User | None = None) -> SeedResult:
    """Load a demo document: its invented officials, its demo logins and, when it has them,
    the demos of the training program (``training``, see :func:`load_demo_training`), of the
    conference (``conference``), of the meetings' decisions and action items
    (``coordination``, see :func:`load_demo_coordination`), of intelligence (``intel``:
    reports, entities, releases, distribution lists, requests; see :func:`load_demo_intel`),
    of screening (``screening``), of preparedness (``preparedness``: the tabletop exercise and
    the 1540 matrix; see :func:`load_demo_preparedness`) and of outreach (``outreach``:
    stakeholders, materials, visits, the tip; see :func:`load_demo_outreach`).
    ``today`` (YYYY-MM-DD) is the date ``nonprolif demo`` fixes for the demo clock
    (NONPROLIF_TODAY); loading only checks it.

    The agencies it names must exist (load the program document first). Raises
    ValidationError naming the place in the document and the field, and then writes nothing.

    Side effects, in one transaction: Official rows created or updated (key: agency and
    e-mail); the role groups ensured; each demo login created (``create_user``) or brought back
    to the document, including its password and clearance, and given its demo second factor
    when its role or clearance needs one (``ensure_demo_second_factor``); each login's
    official linked to it; one audit entry per row created or changed (in bulk for the
    intelligence reports and what hangs on them). A second load changes nothing and writes
    no audit entry.
    """
    check_entry(
        doc,
        "document",
        {"format", "random_seed", "password", "given_names", "family_names", "agencies"},
        {
            "note",
            "today",
            "logins",
            "training",
            "conference",
            "coordination",
            "intel",
            "screening",
            "preparedness",
            "outreach",
        },
    )
    if doc["format"] != DEMO_FORMAT:
        fail("document.format", f"expected “{DEMO_FORMAT}”, got “{doc['format']}”")
    if "today" in doc:
        parse_date(doc["today"], "document.today")  # the demo clock's date (nonprolif demo)
    agencies: dict[str, Agency] = {}
    for i, spec in enumerate(doc["agencies"]):
        check_entry(
            spec,
            f"agencies[{i}]",
            {"code", "domain", "count", "senior_positions", "working_positions"},
        )
        agency = Agency.objects.filter(code=spec["code"]).first()
        if agency is None:
            fail(f"agencies[{i}].code", f"unknown agency code “{spec['code']}”")
        if not spec["working_positions"] and spec["count"] > len(spec["senior_positions"]):
            fail(f"agencies[{i}].working_positions", "needed for the non-senior officials")
        agencies[spec["code"]] = agency

    try:
        validate_password(doc["password"])
    except ValidationError as error:
        raise ValidationError({"document.password": error.messages}) from None
    password = DemoPassword(doc["password"])

    people = generate_officials(doc)
    result = SeedResult()
    with transaction.atomic():
        found = {
            (official.agency_id, official.email): official
            for official in Official.objects.filter(email__in={p.email for p in people})
        }
        for n, person in enumerate(people):
            agency = agencies[person.agency]
            upsert_official(
                asdict(person),
                agency,
                where=f"officials[{n}]",
                result=result,
                actor=actor,
                existing=found.get((agency.pk, person.email)),
            )
        for i, login in enumerate(doc.get("logins", [])):
            where = f"logins[{i}]"
            check_entry(
                login,
                where,
                {"username", "role", "agency"},
                {"language", "official", "first_name", "last_name", "email", "clearance"},
            )
            official = login.get("official")
            if official and not login["agency"]:
                fail(f"{where}.agency", "a login with an official needs the official's agency")
            named = login_agency(login, where=where)
            user = ensure_login(login, named, password, where=where, result=result, actor=actor)
            ensure_demo_second_factor(user, login["role"], result=result, actor=actor)
            if official and named is not None:
                upsert_official(
                    official,
                    named,
                    where=f"{where}.official",
                    result=result,
                    actor=actor,
                    user=user,
                )
        if doc.get("training"):
            load_demo_training(
                doc["training"], people=people, seed=doc["random_seed"], result=result
            )
        if doc.get("conference"):
            load_demo_conference(doc["conference"], result=result, actor=actor)
        if doc.get("coordination"):
            load_demo_coordination(doc["coordination"], result=result, actor=actor)
        if doc.get("intel"):
            load_demo_intel(doc["intel"], result=result, actor=actor)
        if doc.get("screening"):
            load_demo_screening(doc["screening"], result=result)
        if doc.get("preparedness"):
            load_demo_preparedness(doc["preparedness"], result=result, actor=actor)
        if doc.get("outreach"):
            load_demo_outreach(doc["outreach"], result=result, actor=actor)
    return result


def load_builtin_demo(*, actor: User | None = None) -> SeedResult:
    """Load the built-in demo document (``fixtures/mx-2009-demo.json``)."""
    return load_demo_document(builtin_document(BUILTIN_DEMO), actor=actor)
