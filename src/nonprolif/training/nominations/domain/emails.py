"""The e-mails of a re-plan: the withdrawn participant's released place and each promoted
nominee's new one, in the official's language."""

import logging

from django.core.mail import EmailMessage, get_connection
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from nonprolif.core.models import Official
from nonprolif.training.models import Session
from nonprolif.training.models.nomination import Nomination

logger = logging.getLogger(__name__)


def _language(official: Official) -> str:
    return official.language or "es-mx"


def _when(session: Session) -> str:
    return f"{session.start.isoformat()} / {session.end.isoformat()}"


def _seat_message(
    nomination: Nomination, session: Session, subject: str, body: str
) -> EmailMessage | None:
    """The e-mail telling the nominee about his place in ``session``, in his language;
    ``subject`` and ``body`` are source strings (gettext_noop). None without an address."""
    official = nomination.official
    if not official.email:
        return None
    with translation.override(_language(official)):
        values = {
            "name": official.full_name,
            "session": session.title,
            "audience": session.audience_label,
            "when": _when(session),
        }
        subject = _(subject) % values
        body = _(body) % values
    return EmailMessage(subject=subject, body=body, to=[official.email])


def withdrawn_message(nomination: Nomination, session: Session) -> EmailMessage | None:
    return _seat_message(
        nomination,
        session,
        gettext_noop("Your place in %(session)s has been released"),
        gettext_noop(
            "Dear %(name)s,\n\nYour nomination for %(session)s (%(audience)s, %(when)s) has "
            "been withdrawn and your place has been given to the next person on the waitlist.\n"
        ),
    )


def promoted_message(nomination: Nomination, session: Session) -> EmailMessage | None:
    return _seat_message(
        nomination,
        session,
        gettext_noop("You have a place in %(session)s"),
        gettext_noop(
            "Dear %(name)s,\n\nA place has become free and you have been placed in "
            "%(session)s (%(audience)s, %(when)s).\n"
        ),
    )


def send(messages: list[EmailMessage]) -> bool:
    """Send ``messages``; False (logged) when the mail server cannot be reached: the re-plan
    they tell of is saved, and the page or the API shows it, whether or not they went out."""
    if not messages:
        return True
    try:
        get_connection().send_messages(messages)
    except OSError:  # SMTP errors are OSErrors
        logger.exception("Re-plan emails (%d) failed", len(messages))
        return False
    return True
