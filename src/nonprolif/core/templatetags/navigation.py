"""Navigation shared by every page: tab bars (templates/_tabs.html) and breadcrumbs
(templates/_breadcrumbs.html), built from the links a template names.

    {% url 'calendar_month' program.code as month_url %}
    {% tablist "month" month_url _("Month") "feeds" feeds_url _("Calendar feeds") as tabs %}
    {% include "_tabs.html" with label=_("Training calendar") current=tab %}

A tab whose link is empty is left out: a template sets the link of a tab the user may not
open only under its permission check. Breadcrumbs go up only: ``{% crumbs url label … %}``
lists the pages above this one, the home page first.
"""

from dataclasses import dataclass

from django import template

register = template.Library()


@dataclass(frozen=True)
class Link:
    key: str
    url: str
    label: str


def _triples(parts: tuple[object, ...], size: int, tag: str) -> list[tuple[str, ...]]:
    if len(parts) % size:
        raise template.TemplateSyntaxError(f"{tag} takes its links in groups of {size}")
    values = [str(part) if part is not None else "" for part in parts]
    return [tuple(values[i : i + size]) for i in range(0, len(values), size)]


@register.simple_tag
def tablist(*parts: object) -> list[Link]:
    """Tabs from (key, url, label) triples, leaving out those without a url."""
    return [Link(key, url, label) for key, url, label in _triples(parts, 3, "tablist") if url]


@register.simple_tag
def crumbs(*parts: object) -> list[Link]:
    """Breadcrumbs from (url, label) pairs, leaving out those without a url."""
    return [Link(url, url, label) for url, label in _triples(parts, 2, "crumbs") if url]
