"""Reads of meetings. Every selector starts from ``visible_to(user)``."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from nonprolif.core.models import Official, User
from nonprolif.events.models import Meeting
from nonprolif.program.models import Program


def meetings_for(user: User) -> QuerySet[Meeting]:
    """The meetings ``user`` can see, with their program and participating agencies, and
    ``visible_officials``: the participating officials ``user`` can see."""
    return (
        Meeting.objects.visible_to(user)
        .select_related("program")
        .prefetch_related(
            "agencies",
            Prefetch(
                "officials",
                queryset=Official.objects.visible_to(user).select_related("agency"),
                to_attr="visible_officials",
            ),
        )
    )


def program_meetings(user: User, program: Program) -> QuerySet[Meeting]:
    """The meetings of ``program`` that ``user`` can see, newest first."""
    return meetings_for(user).filter(program=program)


def get_meeting_for(user: User, pk: int) -> Meeting:
    """The meeting ``pk`` if ``user`` can see it; Http404 otherwise."""
    meeting = meetings_for(user).filter(pk=pk).first()
    if meeting is None:
        raise Http404(_("No such meeting."))
    return meeting
