"""Reads of certificates, their public verification, and officials' transcripts (the
sessions each took part in, with attendance, completion and certificate).

Scoped reads start from ``visible_to(user)`` (rosters: ``roster_visible_to``); the public
verification reveals only what :class:`Verification` holds.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.i18n import localized_property
from nonprolif.core.models import Official, User
from nonprolif.training.attendance.queries import completion_percents, day_counts, meets_completion
from nonprolif.training.certificates import codes
from nonprolif.training.models import Certificate, Session, SessionParticipant
from nonprolif.training.models.attendance import roster_visible_to


def certificates_for(user: User) -> QuerySet[Certificate]:
    """The certificates ``user`` can see, with their official, agency and program."""
    return Certificate.objects.visible_to(user).select_related(
        "official__agency", "program", "session", "revoked_by", "issued_by"
    )


def get_certificate_for(user: User, pk: int | str) -> Certificate:
    """The certificate ``pk`` if ``user`` can see it; Http404 otherwise."""
    certificate = certificates_for(user).filter(pk=pk).first()
    if certificate is None:
        raise Http404(_("No such certificate."))
    return certificate


@dataclass(frozen=True)
class Verification:
    """What the public verification reveals: the name, the item, the dates and the validity
    (``valid``, ``revoked`` or ``invalid``); nothing else. Same fields whatever the outcome."""

    status: str
    code: str
    name: str = ""
    title_es: str = ""
    title_en: str = ""
    start: datetime.date | None = None
    end: datetime.date | None = None

    title = localized_property("title")

    @property
    def is_valid(self) -> bool:
        return self.status == "valid"


def verify_certificate(raw: str) -> Verification:
    """Check a verification code: its shape, its MAC (an altered or forged code fails
    here), then that it was issued. Public by design (no user): it reveals only what
    :class:`Verification` holds."""
    code = codes.normalize(raw)
    shown = code or (raw or "")[:40]
    if code is None or not codes.is_authentic(code):
        return Verification(status="invalid", code=shown)
    certificate = Certificate.objects.filter(code=code).first()
    if certificate is None:
        return Verification(status="invalid", code=shown)
    return Verification(
        status="valid" if certificate.is_valid else "revoked",
        code=code,
        name=certificate.official_name,
        title_es=certificate.title_es,
        title_en=certificate.title_en,
        start=certificate.start,
        end=certificate.end,
    )


# --------------------------------------------------------------------------- transcripts


def get_transcript_official_for(user: User, pk: int | str) -> Official:
    """The official ``pk`` if ``user`` can see him or is him (his own login); Http404
    otherwise."""
    own = Q(user=user) if getattr(user, "is_authenticated", False) else Q(pk__in=[])
    official = (
        Official.objects.filter(Q(pk__in=Official.objects.visible_to(user).values("pk")) | own)
        .select_related("agency")
        .filter(pk=pk)
        .first()
    )
    if official is None:
        raise Http404(_("No such official."))
    return official


@dataclass
class TranscriptEntry:
    participant: SessionParticipant
    present_days: int
    recorded_days: int
    total_days: int
    percent_needed: int
    certificate: Certificate | None = None

    @property
    def session(self) -> Session:
        return self.participant.session

    @property
    def complete(self) -> bool:
        return meets_completion(self.present_days, self.total_days, self.percent_needed)


@dataclass
class Transcript:
    official: Official
    entries: list[TranscriptEntry]
    certificates: list[Certificate] = field(default_factory=list)


def official_transcript(user: User, official: Official) -> Transcript:
    """The sessions of ``official`` that ``user`` can see, with attendance (days present of
    the session's days), completion and certificate; and every certificate of the official
    that ``user`` can see. A fixed number of queries."""
    participations = list(
        roster_visible_to(user)
        .filter(official=official)
        .select_related("session__program", "session__venue", "session__audience_agency")
        .order_by("session__start", "session__item_number", "pk")
    )
    counts = day_counts([p.pk for p in participations])
    percents = completion_percents(
        (p.session.program_id, p.session.item_key) for p in participations
    )
    certificates = list(certificates_for(user).filter(official=official).order_by("start", "pk"))
    by_session = {c.session_id: c for c in certificates if c.session_id}
    entries = [
        TranscriptEntry(
            participant=p,
            present_days=counts.get(p.pk, {}).get("present", 0),
            recorded_days=counts.get(p.pk, {}).get("recorded", 0),
            total_days=len(p.session.days),
            percent_needed=percents[(p.session.program_id, p.session.item_key)],
            certificate=by_session.get(p.session_id),
        )
        for p in participations
    ]
    return Transcript(official=official, entries=entries, certificates=certificates)


# --------------------------------------------------------------------------- a session's


def session_certificates_for(user: User, session: Session) -> list[Certificate]:
    """The certificates of ``session`` (fetched through ``get_session_for``) that ``user``
    may download, by name: those he can see and whose PDF the single download would give
    him (a liaison: his agency's officials'; an official: his own). One query. Http404 when
    there is none, as for a certificate he may not see."""
    certificates = [
        certificate
        for certificate in certificates_for(user)
        .filter(session=session)
        .order_by("official_name", "pk")
        if user.has_perm("training.download_certificate", certificate)
    ]
    if not certificates:
        raise Http404(_("No certificates of this session that you may download."))
    return certificates
