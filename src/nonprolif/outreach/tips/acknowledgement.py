"""The acknowledgement of a tip: whom it goes to and the message itself (in the
stakeholder's language: the reference, the date received, thanks, and that the agency may
contact them; never the tip's details, which an e-mail is not cleared to carry)."""

import zoneinfo

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from nonprolif.outreach.models import Tip

#: The UI language of the e-mail for a stakeholder's language.
LANGUAGES = {"es": "es-mx", "en": "en"}


def recipients(tip: Tip) -> list[str]:
    """The addresses of the acknowledgement: the tip's contact e-mail when given, else the
    e-mails of the stakeholder's contacts (each once); empty when there is none."""
    if tip.contact_email:
        return [tip.contact_email]
    emails = (
        tip.stakeholder.contacts.exclude(email="")
        .order_by("name", "pk")
        .values_list("email", flat=True)
    )
    return list(dict.fromkeys(emails))


def received_date(tip: Tip):
    """The day the tip was received, in the program's time zone."""
    try:
        zone = zoneinfo.ZoneInfo(tip.stakeholder.program.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        zone = timezone.get_default_timezone()
    return timezone.localtime(tip.received_at, zone).date()


def message(tip: Tip, to: list[str]) -> EmailMultiAlternatives:
    """The acknowledgement e-mail to ``to``, in the stakeholder's language."""
    stakeholder = tip.stakeholder
    with translation.override(LANGUAGES.get(stakeholder.language, "es-mx")):
        context = {
            "tip": tip,
            "reference": tip.reference,
            "contact_name": tip.contact_name,
            "stakeholder": stakeholder.name,
            "agency": stakeholder.responsible_agency.name,
            "received": received_date(tip),
        }
        subject = _("We received your report %(reference)s") % {"reference": tip.reference}
        email = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string("emails/outreach_tip_ack.txt", context),
            to=to,
        )
        email.attach_alternative(
            render_to_string("emails/outreach_tip_ack.html", context), "text/html"
        )
    return email
