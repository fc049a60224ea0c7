"""``{% answered_request report as info_request %}``: the request a report answers, when the
reader may see it (None otherwise: a request he may not read does not exist for him)."""

from django import template

from nonprolif.intel.models import InfoRequest

register = template.Library()


@register.simple_tag(takes_context=True)
def answered_request(context, report) -> InfoRequest | None:
    request_id = getattr(report, "request_id", None)
    http_request = context.get("request")
    user = getattr(http_request, "user", None)
    if not request_id or user is None:
        return None
    return InfoRequest.objects.visible_to(user).filter(pk=request_id).first()
