"""``{% load coordination_tags %}{% meeting_coordination meeting %}``: a meeting's decisions
and action items, as the signed-in user may see them, for the meeting page."""

from django import template

from nonprolif.events.coordination.queries import meeting_action_items, meeting_decisions

register = template.Library()


@register.inclusion_tag("events/coordination/_meeting_section.html", takes_context=True)
def meeting_coordination(context, meeting):
    user = context["request"].user
    return {
        "user": user,
        "request": context["request"],
        "meeting": meeting,
        "decisions": meeting_decisions(user, meeting),
        "action_items": meeting_action_items(user, meeting),
    }
