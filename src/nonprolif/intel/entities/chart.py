"""The link chart as server-side SVG: the entity in the middle, the reports that name it on
the inner ring, the entities those reports name on the outer ring, a line per link.

No script, no CSS (presentation attributes only, which the Content-Security-Policy allows),
no external resource. Every node is a link to its page and carries a ``<title>`` (a tooltip,
and what screen readers announce); the page lists the same links as a table.
"""

from collections.abc import Callable

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .queries import Graph, layout

SIZE = 760
PAD = 70  # room on either side for the labels of the outer ring
KIND_COLOURS = {
    "person": "#0b4f8a",
    "organisation": "#1d6b2f",
    "vessel": "#6b1d5f",
    "address": "#8a5a0b",
    "material": "#a10f1a",
}
REPORT_COLOUR = "#4a4a4a"
LABEL_LENGTH = 26


def _short(label: str) -> str:
    return label if len(label) <= LABEL_LENGTH else label[: LABEL_LENGTH - 1] + "…"


def _legend(graph: Graph, describe: Callable[[str, str], str]) -> str:
    """A key in the top left corner: the square of reports and the colour of each kind of
    entity the chart shows."""
    kinds = sorted({n.kind for n in graph.nodes if n.type == "entity"})
    rows = [
        '<g font-size="11" fill="#1a1a1a">',
        f'<rect x="{10 - PAD}" y="10" width="10" height="10" fill="{REPORT_COLOUR}"/>',
        f'<text x="{26 - PAD}" y="19">{escape(describe("report", ""))}</text>',
    ]
    for index, kind in enumerate(kinds, start=1):
        y = 10 + 16 * index
        colour = KIND_COLOURS.get(kind, "#333333")
        rows.append(f'<circle cx="{15 - PAD}" cy="{y + 5}" r="5" fill="{colour}"/>')
        rows.append(f'<text x="{26 - PAD}" y="{y + 9}">{escape(describe("entity", kind))}</text>')
    rows.append("</g>")
    return "".join(rows)


def graph_svg(
    graph: Graph,
    *,
    title: str,
    url_of: Callable[[str, int], str],
    describe: Callable[[str, str], str],
) -> SafeString:
    """The chart of ``graph`` as an inline ``<svg>`` element. ``url_of(type, pk)`` gives a
    node's page; ``describe(type, kind)`` the translated kind shown in its tooltip. Every
    text is escaped."""
    placed = {p.node.key: p for p in layout(graph, size=SIZE)}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{-PAD} 0 {SIZE + 2 * PAD} {SIZE}" '
        f'width="100%" role="img" aria-labelledby="link-chart-title" '
        f'font-family="DejaVu Sans, sans-serif" font-size="11">',
        f'<title id="link-chart-title">{escape(title)}</title>',
        f'<rect x="{-PAD}" y="0" width="{SIZE + 2 * PAD}" height="{SIZE}" fill="#ffffff"/>',
        '<g stroke="#9a9a9a" stroke-width="1.2">',
    ]
    for edge in graph.edges:
        a, b = placed[edge.source], placed[edge.target]
        width = "2.4" if b.node.hop == 0 else "1.2"
        parts.append(
            f'<line x1="{a.x:.1f}" y1="{a.y:.1f}" x2="{b.x:.1f}" y2="{b.y:.1f}" '
            f'stroke-width="{width}"/>'
        )
    parts.append("</g>")
    for key in (n.key for n in graph.nodes):
        p = placed[key]
        node = p.node
        tooltip = f"{node.label} ({describe(node.type, node.kind)})"
        parts.append(f'<a href="{escape(url_of(node.type, node.pk))}">')
        parts.append(f"<title>{escape(tooltip)}</title>")
        if node.type == "report":
            parts.append(
                f'<rect x="{p.x - 9:.1f}" y="{p.y - 9:.1f}" width="18" height="18" '
                f'fill="{REPORT_COLOUR}" stroke="#ffffff" stroke-width="1.5"/>'
            )
        else:
            radius = 16 if node.hop == 0 else 10
            colour = KIND_COLOURS.get(node.kind, "#333333")
            parts.append(
                f'<circle cx="{p.x:.1f}" cy="{p.y:.1f}" r="{radius}" fill="{colour}" '
                f'stroke="#ffffff" stroke-width="2"/>'
            )
        offset = 28 if node.hop == 0 else 22
        weight = ' font-weight="bold"' if node.hop == 0 else ""
        parts.append(
            f'<text x="{p.x:.1f}" y="{p.y + offset:.1f}" text-anchor="middle" '
            f'fill="#1a1a1a"{weight}>{escape(_short(node.label))}</text>'
        )
        parts.append("</a>")
    parts.append(_legend(graph, describe))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308  (every text above is escaped)
