"""The report page's entities panel: the entities the report names with their roles, the
link and unlink actions for its writers, and the related reports (readable reports that
name one of the same entities)."""

from django import template

from nonprolif.core.rules import has_perm
from nonprolif.intel.entities.queries import related_reports, report_links

register = template.Library()


@register.inclusion_tag("intel/entities/_report_panel_body.html", takes_context=True)
def report_entities_panel(context, report) -> dict:
    """Rendered for the report the page shows (fetched through the access rule)."""
    user = context["request"].user
    return {
        "report": report,
        "links": list(report_links(user, report)),
        "related": related_reports(user, report),
        "can_link": has_perm("intel.link_entity", user, report),
    }
