"""Charts as SVG with matplotlib (offline: its bundled DejaVu fonts, no web fonts).

Used by pages (inline SVG) and by PDF documents (an extra file for Typst). The SVG carries no
CSS (no ``<style>`` element, no ``style`` attribute): matplotlib's declarations are written as
SVG presentation attributes, which the pages' Content-Security-Policy (no inline style)
allows.
"""

import io
import re
import textwrap
from collections.abc import Sequence
from html import escape

import matplotlib

matplotlib.use("Agg")
matplotlib.rcParams["svg.fonttype"] = "none"  # text stays text: searchable, accessible
matplotlib.rcParams["svg.hashsalt"] = "nonprolif"  # stable element ids: same data, same SVG

from matplotlib import pyplot as plt  # noqa: E402  (after choosing the backend)
from matplotlib.ticker import MaxNLocator  # noqa: E402

_STYLE_ATTRIBUTE = re.compile(r'style="([^"]*)"')
_STYLE_ELEMENT = re.compile(r"<style[^>]*>\s*\*\s*\{([^}]*)\}\s*</style>")


def _attributes(declarations: str) -> str:
    """``fill: #fff; stroke-width: 0.8`` → ``fill="#fff" stroke-width="0.8"`` (every property
    matplotlib writes is also an SVG presentation attribute)."""
    pairs = (part.split(":", 1) for part in declarations.split(";") if ":" in part)
    return " ".join(f'{name.strip()}="{value.strip()}"' for name, value in pairs)


def without_css(svg: str) -> str:
    """matplotlib's SVG with its CSS turned into presentation attributes: the ``style``
    attributes in place, the global ``<style>`` rule (``*{...}``: inherited properties) on the
    root element."""
    svg = _STYLE_ATTRIBUTE.sub(lambda match: _attributes(match.group(1)), svg)
    rule = _STYLE_ELEMENT.search(svg)
    if rule is not None:
        svg = svg[: rule.start()] + svg[rule.end() :]
        svg = svg.replace("<svg ", f"<svg {_attributes(rule.group(1))} ", 1)
    return svg


PALETTE = ["#0b4f8a", "#2a7fbf", "#5ba3d9", "#1d6b2f", "#8a5a0b", "#6b1d5f"]


def bar_chart_svg(
    categories: Sequence[str],
    series: dict[str, Sequence[float]],
    *,
    title: str = "",
    target: float | None = None,
    target_label: str = "",
) -> bytes:
    """Grouped horizontal bars: one group per category, one bar per series (in order), an
    optional target line. Counts (every value and the target whole numbers) get whole-number
    ticks only. Returns SVG bytes with a <title> for screen readers."""
    height = max(2.0, 0.45 * len(categories) * max(1, len(series)) + 1.2)
    figure, axes = plt.subplots(figsize=(7.5, height))
    try:
        count = max(1, len(series))
        bar = 0.8 / count
        for index, (label, values) in enumerate(series.items()):
            positions = [i + (index - (count - 1) / 2) * bar for i in range(len(categories))]
            axes.barh(
                positions, values, height=bar, label=label, color=PALETTE[index % len(PALETTE)]
            )
        axes.set_yticks(range(len(categories)), labels=list(categories))
        axes.invert_yaxis()
        if target is not None:
            axes.axvline(
                target, color="#a10f1a", linestyle="--", linewidth=1.2, label=target_label or None
            )
        if title:
            axes.set_title("\n".join(textwrap.wrap(title, 70)), fontsize="medium")
        if len(series) > 1 or target_label:
            axes.legend(loc="lower right", fontsize="small")
        values = [value for values in series.values() for value in values]
        if target is not None:
            values.append(target)
        if all(float(value).is_integer() for value in values):
            axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.spines[["top", "right"]].set_visible(False)
        figure.tight_layout()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None})
        svg = without_css(buffer.getvalue().decode())
        opening_end = svg.index(">", svg.index("<svg")) + 1
        label = escape(title or ", ".join(series))
        svg = f"{svg[:opening_end]}<title>{label}</title>{svg[opening_end:]}"
        return svg.replace("<svg ", '<svg role="img" ', 1).encode()
    finally:
        plt.close(figure)
