"""Invitations expire by the demo clock: sent on the fixed date, valid for its days from it,
and usable while the fixed date is before the expiry."""

import datetime

from django.urls import reverse
from django.utils import timezone

from .conftest import token_of


def test_an_invitation_expires_days_after_the_fixed_date(settings, client, invite, speaker):
    settings.NONPROLIF_TODAY = datetime.date(2009, 10, 19)
    sent = invite(speaker, days=30)
    invitation = sent.invitation
    assert timezone.localtime(invitation.created_at).date() == datetime.date(2009, 10, 19)
    assert timezone.localtime(invitation.expires_at).date() == datetime.date(2009, 11, 18)
    assert not invitation.is_expired
    page = client.get(reverse("speaker_invitation", args=[token_of(sent)]))
    assert page.status_code == 200
    settings.NONPROLIF_TODAY = datetime.date(2009, 11, 19)
    assert invitation.is_expired
    assert client.get(reverse("speaker_invitation", args=[token_of(sent)])).status_code == 404


def test_the_email_gives_the_expiry_in_2009(settings, invite, speaker, mailoutbox):
    settings.NONPROLIF_TODAY = datetime.date(2009, 10, 19)
    invite(speaker, days=30)
    line = next(line for line in mailoutbox[0].body.splitlines() if "works until" in line)
    assert "2009" in line
    assert str(datetime.date.today().year) not in mailoutbox[0].body
