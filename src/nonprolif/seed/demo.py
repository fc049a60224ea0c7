"""Demonstration data: fictional officials and one login per role.

A demo document (see ``fixtures/mx-2009-demo.json``) lists, per agency, how many officials to
invent, the positions they may hold and the e-mail domain, plus name lists, a random seed and
the demo logins. ``generate_officials`` turns it into the same list of people on every run (a
seeded ``random.Random``; no database); ``load_demo_document`` upserts them by (agency, e-mail)
and creates or repairs the demo logins, so loading twice changes nothing.

Every person is invented; the e-mail domains are under the reserved ``.example`` domain.
"""

import datetime
import random
import re
import unicodedata
from dataclasses import asdict, dataclass

from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from nonprolif.core.domain.accounts import create_user, ensure_role_groups
from nonprolif.core.domain.audit import diff, record, snapshot
from nonprolif.core.models import Agency, Official, User
from nonprolif.core.roles import Role
from nonprolif.events.domain.conference import conference_moment, placement_errors
from nonprolif.events.models import (
    Conference,
    Room,
    ScheduleRelease,
    Speaker,
    SpeakerResponse,
    SpeakerStatus,
    Talk,
)
from nonprolif.events.queries_conference import build_snapshot, snapshot_changes
from nonprolif.seed.loader import (
    LOOK_UP,
    SeedResult,
    builtin_document,
    check_entry,
    fail,
    upsert,
)

DEMO_FORMAT = "nonprolif.demo/1"
BUILTIN_DEMO = "mx-2009-demo"

_ALTERNATIVE = re.compile(r"\{([^{}/]*)/([^{}/]*)\}")


@dataclass(frozen=True)
class DemoPerson:
    """One invented official (plain data, no database)."""

    agency: str
    given_names: str
    family_names: str
    position: str
    seniority: str
    email: str
    language: str = "es-mx"


@dataclass(frozen=True)
class DemoLogin:
    """A demo login as shown to the person running the demo."""

    username: str
    role: str
    agency: str | None
    password: str


def gendered(template: str, female: bool) -> str:
    """``"{Director/Directora} General"`` → ``"Directora General"`` when ``female``."""
    return _ALTERNATIVE.sub(lambda m: m.group(2) if female else m.group(1), template)


def _ascii_slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "", plain.lower())


def _email(given: str, family: str, domain: str, taken: set[str]) -> str:
    first = _ascii_slug(given.split()[0])
    families = [_ascii_slug(part) for part in family.split()]
    candidates = [f"{first}.{families[0]}", f"{first}.{'.'.join(families)}"]
    candidates += [f"{first}.{families[0]}{n}" for n in range(2, 1000)]
    for local in candidates:
        address = f"{local}@{domain}"
        if address not in taken:
            taken.add(address)
            return address
    raise ValueError(address)  # pragma: no cover (a thousand namesakes)


def generate_officials(doc: dict) -> list[DemoPerson]:
    """The invented officials of ``doc``: the same list, in the same order, on every call.

    Per agency (in document order): ``count`` people, the first ones senior (one per senior
    position), the rest at working level in a random working position. Each person has one
    or two given names and two distinct family names; no full name or e-mail address repeats
    (the demo logins' officials included).
    """
    rng = random.Random(doc["random_seed"])  # noqa: S311 (reproducible fiction, not secrets)
    given = doc["given_names"]
    family_names = doc["family_names"]
    taken_emails = set()
    taken_names = set()
    for login in doc.get("logins", []):
        if login.get("official"):
            taken_emails.add(login["official"]["email"])
            taken_names.add((login["official"]["given_names"], login["official"]["family_names"]))

    people = []
    for spec in doc["agencies"]:
        seniors = spec["senior_positions"]
        for n in range(spec["count"]):
            while True:
                female = rng.random() < 0.5
                first = rng.choice(given["female" if female else "male"])
                names = first
                if rng.random() < given.get("compound_share", 0):
                    second = rng.choice(given["second_female" if female else "second_male"])
                    if second != first:
                        names = f"{first} {second}"
                paternal, maternal = rng.sample(family_names, 2)
                full = (names, f"{paternal} {maternal}")
                if full not in taken_names:
                    taken_names.add(full)
                    break
            if n < len(seniors):
                position, seniority = seniors[n], "senior"
            else:
                position, seniority = rng.choice(spec["working_positions"]), "working"
            people.append(
                DemoPerson(
                    agency=spec["code"],
                    given_names=full[0],
                    family_names=full[1],
                    position=gendered(position, female),
                    seniority=seniority,
                    email=_email(full[0], full[1], spec["domain"], taken_emails),
                )
            )
    return people


def demo_logins(doc: dict) -> list[DemoLogin]:
    """The demo logins of ``doc`` with their password (to print for the demo)."""
    return [
        DemoLogin(login["username"], login["role"], login.get("agency"), doc["password"])
        for login in doc["logins"]
    ]


def _upsert_official(
    person: dict,
    agency: Agency,
    *,
    where: str,
    result: SeedResult,
    actor,
    user=None,
    existing: Official | object | None = LOOK_UP,
) -> Official:
    values = {
        "given_names": person["given_names"],
        "family_names": person["family_names"],
        "position": person.get("position", ""),
        "seniority": person.get("seniority", "working"),
        "language": person.get("language", "es-mx"),
        "active": True,
    }
    if user is not None:
        values["user"] = user
    return upsert(
        Official,
        key={"agency": agency, "email": person["email"]},
        values=values,
        where=where,
        result=result,
        actor=actor,
        existing=existing,
    )


class _DemoPassword:
    """The demo password, hashed once for all the demo logins (hashing is slow on purpose)."""

    def __init__(self, raw: str):
        self.raw = raw
        self._encoded = None
        self._checked: dict[str, bool] = {}

    @property
    def encoded(self) -> str:
        if self._encoded is None:
            self._encoded = make_password(self.raw)
        return self._encoded

    def matches(self, encoded: str) -> bool:
        if encoded not in self._checked:
            self._checked[encoded] = check_password(self.raw, encoded)
        return self._checked[encoded]


def _ensure_login(
    login: dict, password: _DemoPassword, *, where: str, result: SeedResult, actor
) -> User:
    """Create the demo login, or bring an existing one back to the document (role group,
    agency, staff flag, active, password)."""
    agency = Agency.objects.filter(code=login["agency"]).first() if login.get("agency") else None
    if login.get("agency") and agency is None:
        fail(f"{where}.agency", f"unknown agency code “{login['agency']}”")
    official = login.get("official") or {}
    names = {
        "email": official.get("email", login.get("email", "")),
        "first_name": official.get("given_names", login.get("first_name", "")),
        "last_name": official.get("family_names", login.get("last_name", "")),
        "language": login.get("language", "es-mx"),
    }
    user = User.objects.filter(username=login["username"]).first()
    if user is None:
        try:
            user = create_user(
                username=login["username"],
                role=login["role"],
                agency=agency,
                actor=actor,
                **names,
            )
        except ValidationError as error:
            raise ValidationError(
                {f"{where}.{name}": msgs for name, msgs in error.message_dict.items()}
            ) from None
        user.password = password.encoded  # checked by load_demo_document
        user.save(update_fields=["password"])
        result.created[User._meta.label_lower] += 1
        return user

    wanted = {
        "agency": agency,
        "is_staff": login["role"] == Role.ADMINISTRATOR,
        "is_active": True,
        **names,
    }
    before = snapshot(user, fields=list(wanted))
    for name, value in wanted.items():
        setattr(user, name, value)
    changes = diff(before, snapshot(user, fields=list(wanted)))
    if not password.matches(user.password):
        user.password = password.encoded
        changes["password"] = ["(changed)", "(demo password)"]
    if changes:
        user.save()
    group = ensure_role_groups()[login["role"]]
    current = sorted(user.groups.values_list("name", flat=True))
    if current != [group.name]:
        user.groups.set([group])
        changes["groups"] = [current, [group.name]]
    if changes:
        record(actor=actor, action="seed.update", obj=user, changes=changes)
        result.updated[User._meta.label_lower] += 1
    return user


def load_demo_document(doc: dict, *, actor=None) -> SeedResult:
    """Load a demo document: its invented officials, its demo logins and, when it has a
    ``training`` part, the demo of the training program (see :func:`load_demo_training`).

    The agencies it names must exist (load the program document first). Raises
    ValidationError naming the place in the document and the field, and then writes nothing.

    Side effects, in one transaction: Official rows created or updated (key: agency and
    e-mail); the role groups ensured; each demo login created (``create_user``) or brought back
    to the document, including its password; each login's official linked to it; one audit
    entry per row created or changed. A second load changes nothing and writes no audit entry.
    """
    check_entry(
        doc,
        "document",
        {"format", "random_seed", "password", "given_names", "family_names", "agencies"},
        {"note", "logins", "training", "conference"},
    )
    if doc["format"] != DEMO_FORMAT:
        fail("document.format", f"expected “{DEMO_FORMAT}”, got “{doc['format']}”")
    agencies = {}
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
    password = _DemoPassword(doc["password"])

    people = generate_officials(doc)
    result = SeedResult()
    with transaction.atomic():
        found = {
            (official.agency_id, official.email): official
            for official in Official.objects.filter(email__in={p.email for p in people})
        }
        for n, person in enumerate(people):
            agency = agencies[person.agency]
            _upsert_official(
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
                {"language", "official", "first_name", "last_name", "email"},
            )
            if login.get("official") and not login["agency"]:
                fail(f"{where}.agency", "a login with an official needs the official's agency")
            user = _ensure_login(login, password, where=where, result=result, actor=actor)
            if login.get("official"):
                _upsert_official(
                    login["official"],
                    user.agency,
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
    return result


TRAINING_KEYS = {
    "decided_by",
    "rationale",
    "seat_rule",
    "nominated_from",
    "decided_at",
    "training_approved_per_agency",
    "training_submitted_per_agency",
    "declined",
    "senior_approved_per_agency",
    "unavailable_share",
    "preferences_share",
}


def _demo_time(value: str, where: str) -> datetime.datetime:
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        fail(where, f"“{value}” is not a date and time in ISO 8601 form")
    if moment.tzinfo is None:
        fail(where, "give the time zone offset (e.g. -05:00)")
    return moment


def load_demo_training(spec: dict, *, people: list[DemoPerson], seed: int, result: SeedResult):
    """The demo of the training program, as the demo coordinator would have done it:

    1. the acceptance of every item of the program's proposals that awaits review
       (``decide_all`` as the ``decided_by`` login, with ``rationale``; the review stays
       open), which generates the sessions;
    2. the seats of every item that takes nominations, split by ``seat_rule``;
    3. nominations of invented officials (working level for the training track, seniors of
       the agency for its senior session), approved on ``decided_at``, in a fixed order from
       ``nominated_from``; a few awaiting approval and one declined; some with unavailable
       periods (one cohort's dates) and ranked cohort preferences (a seeded random draw).

    Loading again changes nothing: decisions are taken only for items awaiting review, seats
    are brought back to the rule, and a nomination is created only when the official has
    none for the item. Side effects: those of ``decide_all`` and of the calendar's
    regeneration, AgencySeats, ItemSettings and Nomination rows, one audit entry per row
    created or changed.
    """
    from nonprolif.program.domain.review import decide_all
    from nonprolif.program.models import Program, Proposal
    from nonprolif.training.models import Session
    from nonprolif.training.models.nomination import (
        AgencySeats,
        ItemSettings,
        Nomination,
        NominationStatus,
        SeatRule,
    )
    from nonprolif.training.nominations.domain.seats import split_seats
    from nonprolif.training.nominations.queries import item_agencies, nomination_items

    check_entry(spec, "training", TRAINING_KEYS)
    check_entry(spec["declined"], "training.declined", {"agency", "reason"})
    actor = User.objects.filter(username=spec["decided_by"]).first()
    if actor is None:
        fail("training.decided_by", f"unknown login “{spec['decided_by']}”")
    if spec["seat_rule"] != SeatRule.EVEN:
        fail("training.seat_rule", "the demo splits seats evenly (“even”)")
    start = _demo_time(spec["nominated_from"], "training.nominated_from")
    decided_at = _demo_time(spec["decided_at"], "training.decided_at")
    agency_codes = {person.agency for person in people}
    programs = Program.objects.filter(lead_agency__code__in=agency_codes) | Program.objects.filter(
        member_agencies__code__in=agency_codes
    )
    rng = random.Random(seed + 1)  # noqa: S311 (reproducible fiction, not secrets)
    for program in programs.distinct().order_by("code"):
        latest = {}
        for proposal in Proposal.objects.filter(program=program).order_by("version"):
            latest[proposal.submitted_by_id] = proposal
        for proposal in latest.values():
            if proposal.review_closed_at is None:
                decided = decide_all(
                    proposal=proposal,
                    decision="accepted",
                    actor=actor,
                    rationale=spec["rationale"],
                )
                if decided:
                    result.created["program.itemdecision"] += len(decided)
        officials = {
            (o.agency.code, o.email): o
            for o in Official.objects.filter(email__in=[p.email for p in people]).select_related(
                "agency"
            )
        }
        taken = set(
            Nomination.objects.filter(program=program).values_list("item_key", "official_id")
        )
        moment = start
        for item in nomination_items(program):
            agencies = item_agencies(program, item)
            codes = [agency.code for agency in agencies]
            if item.senior:
                seats = dict.fromkeys(codes, item.seats_total // max(1, len(codes)))
            else:
                seats = split_seats(item.seats_total, codes, SeatRule.EVEN)
            upsert(
                ItemSettings,
                key={"program": program, "item_key": item.key},
                values={"seat_rule": SeatRule.EVEN},
                where=f"training.items[{item.number}]",
                result=result,
                actor=actor,
            )
            for agency in agencies:
                upsert(
                    AgencySeats,
                    key={"program": program, "item_key": item.key, "agency": agency},
                    values={"seats": seats[agency.code]},
                    where=f"training.items[{item.number}].seats.{agency.code}",
                    result=result,
                    actor=actor,
                )
            sessions = list(
                Session.objects.filter(
                    program=program, item_key=item.key, cohort__isnull=False
                ).order_by("cohort")
            )
            for agency in agencies:
                pool = [
                    officials[(p.agency, p.email)]
                    for p in people
                    if p.agency == agency.code
                    and (p.seniority == "senior") == item.senior
                    and (p.agency, p.email) in officials
                ]
                if item.senior:
                    plan = [NominationStatus.APPROVED] * spec["senior_approved_per_agency"]
                else:
                    plan = [NominationStatus.APPROVED] * spec["training_approved_per_agency"]
                    plan += [NominationStatus.SUBMITTED] * spec["training_submitted_per_agency"]
                    if agency.code == spec["declined"]["agency"]:
                        plan.append(NominationStatus.DECLINED)
                for official, status in zip(pool, plan, strict=False):
                    moment += datetime.timedelta(minutes=rng.randint(5, 90))
                    unavailable, preferences = [], []
                    if sessions and rng.random() < spec["unavailable_share"]:
                        blocked = rng.choice(sessions)
                        unavailable = [
                            [
                                (blocked.start - datetime.timedelta(days=2)).isoformat(),
                                (blocked.end + datetime.timedelta(days=1)).isoformat(),
                            ]
                        ]
                    if len(sessions) > 1 and rng.random() < spec["preferences_share"]:
                        cohorts = [s.cohort for s in sessions]
                        preferences = rng.sample(cohorts, rng.randint(2, len(cohorts)))
                    if (item.key, official.pk) in taken:
                        continue
                    decided = status != NominationStatus.SUBMITTED
                    nomination = Nomination(
                        program=program,
                        item_key=item.key,
                        official=official,
                        agency=official.agency,
                        status=status,
                        language=official.language,
                        unavailable=unavailable,
                        preferences=preferences,
                        order_at=moment,
                        submitted_by=actor,
                        submitted_at=moment,
                        decided_by=actor if decided else None,
                        decided_at=decided_at if decided else None,
                        decision_reason=(
                            spec["declined"]["reason"]
                            if status == NominationStatus.DECLINED
                            else ""
                        ),
                    )
                    nomination.full_clean()
                    nomination.save()
                    record(
                        actor=actor,
                        action="seed.create",
                        obj=nomination,
                        changes={"status": [None, status], "official": [None, official.pk]},
                    )
                    result.created[Nomination._meta.label_lower] += 1


# --- the conference demo ------------------------------------------------------------------

CONFERENCE_KEYS = {"acronym", "coordinator", "proposed_by", "rooms", "speakers", "talks"}
CONFERENCE_OPTIONAL = {"note", "proposer", "proposed_at", "decided_at", "responded_at", "release"}
DEMO_SPEAKER_KEYS = {"name", "organisation", "topic_es", "topic_en", "bio_es", "bio_en"}
DEMO_SPEAKER_OPTIONAL = {"email", "languages", "travel_needs"}
DEMO_TALK_KEYS = {"title_es", "title_en", "kind", "duration_minutes", "room", "day", "start", "end"}
DEMO_TALK_OPTIONAL = {"abstract_es", "abstract_en", "language", "expected_attendance", "speakers"}


def load_demo_conference(spec: dict, *, result: SeedResult, actor=None) -> None:
    """The demo of the conference (the program document's conference, found by
    ``acronym``): its rooms, the guest speakers proposed by the partner agency (every one
    fictional, accepted by the coordinator and by themselves), the talks placed in the
    timetable without conflicts, and a first published release when none exists yet.

    Keys: rooms (name), speakers (conference and name), talks (conference and title_es).
    Placements are checked with the timetable rule; a conflict is an error naming the talk.
    Side effects: Room, Speaker, Talk rows (and speaker links) created or brought back to the
    document; one ScheduleRelease (v1) when the conference has none; one audit entry per row
    created or changed. A second load changes nothing and writes no audit entry.
    """
    check_entry(spec, "conference", CONFERENCE_KEYS, CONFERENCE_OPTIONAL)
    conference = Conference.objects.filter(acronym=spec["acronym"]).first()
    if conference is None:
        fail("conference.acronym", f"unknown conference “{spec['acronym']}”")
    coordinator = User.objects.filter(username=spec["coordinator"]).first()
    if coordinator is None:
        fail("conference.coordinator", f"unknown login “{spec['coordinator']}”")
    proposer_agency = Agency.objects.filter(code=spec["proposed_by"]).first()
    if proposer_agency is None:
        fail("conference.proposed_by", f"unknown agency code “{spec['proposed_by']}”")
    proposer = (
        User.objects.filter(username=spec["proposer"]).first() if spec.get("proposer") else None
    )

    def moment(name: str):
        return _demo_time(spec[name], f"conference.{name}").astimezone(datetime.UTC)

    rooms = {}
    for i, entry in enumerate(spec["rooms"]):
        check_entry(entry, f"conference.rooms[{i}]", {"name", "capacity"})
        rooms[entry["name"]] = upsert(
            Room,
            key={"conference": conference, "name": entry["name"]},
            values={"capacity": entry["capacity"]},
            where=f"conference.rooms[{i}]",
            result=result,
            actor=actor,
        )

    speakers = {}
    for i, entry in enumerate(spec["speakers"]):
        where = f"conference.speakers[{i}]"
        check_entry(entry, where, DEMO_SPEAKER_KEYS, DEMO_SPEAKER_OPTIONAL)
        values = {
            key: entry.get(key, "")
            for key in DEMO_SPEAKER_KEYS | DEMO_SPEAKER_OPTIONAL
            if key != "name"
        }
        values |= {
            "is_fictional": True,
            "proposed_by_agency": proposer_agency,
            "proposed_by": proposer,
            "status": SpeakerStatus.ACCEPTED,
            "decided_by": coordinator,
            "response": SpeakerResponse.ACCEPTED,
        }
        for name in ("proposed_at", "decided_at", "responded_at"):
            if spec.get(name):
                values[name] = moment(name)
        speakers[entry["name"]] = upsert(
            Speaker,
            key={"conference": conference, "name": entry["name"]},
            values=values,
            where=where,
            result=result,
            actor=actor,
        )

    for i, entry in enumerate(spec["talks"]):
        where = f"conference.talks[{i}]"
        check_entry(entry, where, DEMO_TALK_KEYS, DEMO_TALK_OPTIONAL)
        room = rooms.get(entry["room"])
        if room is None:
            fail(f"{where}.room", f"unknown room “{entry['room']}”")
        names = entry.get("speakers", [])
        unknown = [name for name in names if name not in speakers]
        if unknown:
            fail(f"{where}.speakers", f"unknown speaker “{unknown[0]}”")
        try:
            day = datetime.date.fromisoformat(entry["day"])
            starts_at = conference_moment(
                conference, day, datetime.time.fromisoformat(entry["start"])
            )
            ends_at = conference_moment(conference, day, datetime.time.fromisoformat(entry["end"]))
        except (TypeError, ValueError):
            fail(where, "day must be YYYY-MM-DD and start and end HH:MM")
        existing = Talk.objects.filter(conference=conference, title_es=entry["title_es"]).first()
        values = {
            "title_en": entry["title_en"],
            "abstract_es": entry.get("abstract_es", ""),
            "abstract_en": entry.get("abstract_en", ""),
            "kind": entry["kind"],
            "language": entry.get("language", "es"),
            "duration_minutes": entry["duration_minutes"],
            "expected_attendance": entry.get("expected_attendance"),
            "room": room,
            "starts_at": starts_at.astimezone(datetime.UTC),
            "ends_at": ends_at.astimezone(datetime.UTC),
        }
        probe = Talk(conference=conference, title_es=entry["title_es"], **values)
        probe.pk = existing.pk if existing else None
        problems = placement_errors(
            talk=probe,
            room=room,
            starts_at=starts_at,
            ends_at=ends_at,
            speakers=[speakers[name] for name in names],
        )
        if problems:
            fail(where, " ".join(m for messages in problems.values() for m in messages))
        upsert(
            Talk,
            key={"conference": conference, "title_es": entry["title_es"]},
            values=values,
            m2m={"speakers": [speakers[name] for name in names]},
            where=where,
            result=result,
            actor=actor,
            existing=existing,
        )

    release = spec.get("release")
    if release and not ScheduleRelease.objects.filter(conference=conference).exists():
        check_entry(release, "conference.release", {"published_at"}, {"note"})
        agenda = build_snapshot(conference)
        published = ScheduleRelease.objects.create(
            conference=conference,
            version=1,
            published_at=_demo_time(release["published_at"], "conference.release.published_at"),
            published_by=coordinator,
            note=release.get("note", ""),
            snapshot=agenda,
            changes=snapshot_changes(None, agenda),
        )
        record(
            actor=actor,
            action="seed.create",
            obj=published,
            changes={"version": [None, 1], "talks": [None, len(agenda["talks"])]},
        )
        result.created[ScheduleRelease._meta.label_lower] += 1


def load_builtin_demo(*, actor=None) -> SeedResult:
    """Load the built-in demo document (``fixtures/mx-2009-demo.json``)."""
    return load_demo_document(builtin_document(BUILTIN_DEMO), actor=actor)
