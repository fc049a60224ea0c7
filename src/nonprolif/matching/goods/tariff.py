"""How a declared tariff code correlates with a control-list entry.

The code is read as digits only (``2930.90.99`` and ``2930 90 99`` are ``29309099``). A
national fraction of the entry correlates when the declared code and the fraction agree on
eight digits or more (one is a prefix of the other: a ten-digit code with its statistical
suffix against an eight-digit fraction). An HS subheading correlates when it is the first six
digits of a declared code of six digits or more.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import ControlEntry


def digits(code: str) -> str:
    """The digits of a tariff code."""
    return "".join(char for char in code if char.isdigit())


def _dotted(code: str) -> str:
    """``29309099`` as ``2930.90.99`` (``293090`` as ``2930.90``)."""
    parts = [code[:4], *(code[i : i + 2] for i in range(4, len(code), 2))]
    return ".".join(part for part in parts if part)


@dataclass(frozen=True)
class TariffCorrelation:
    """A declared code's correlation with an entry: ``fraction`` or ``hs6``, and the entry's
    code it agreed with."""

    kind: str
    declared: str
    listed: str

    @property
    def detail(self) -> str:
        """The correlation in a sentence."""
        if self.kind == "fraction":
            return (
                f"tariff code {_dotted(self.declared)} is the listed fraction "
                f"{_dotted(self.listed)}"
            )
        return (
            f"tariff code {_dotted(self.declared)} falls in the listed HS subheading "
            f"{_dotted(self.listed)}"
        )


def correlate(code: str, entry: ControlEntry) -> TariffCorrelation | None:
    """The strongest correlation of ``code`` with ``entry`` (a fraction before a subheading)."""
    declared = digits(code)
    if len(declared) < 6:
        return None
    for fraction in entry.tariff_fractions:
        listed = digits(fraction)
        if min(len(listed), len(declared)) >= 8 and (
            declared.startswith(listed) or listed.startswith(declared)
        ):
            return TariffCorrelation("fraction", declared, listed)
    for subheading in entry.hs6:
        listed = digits(subheading)[:6]
        if len(listed) == 6 and declared.startswith(listed):
            return TariffCorrelation("hs6", declared, listed)
    return None
