"""The text of the intelligence report an escalated alert becomes: its titles and bodies in
Spanish and English (content in the report's two languages, as an analyst would write it),
from the alert as stored. No database writes; it reads the alert's party or goods line and
its list or control-list entry (select them with the alert)."""

from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from nonprolif.screening.models import Alert, EntryKind, PartyRole

#: The lines of a body, in each language: (key, Spanish, English).
LINES: dict[str, tuple[str, str]] = {
    "title": ("Alerta de cribado {alert}", "Screening alert {alert}"),
    "opening": (
        "Alerta de cribado {alert}, del lote {batch} de {agency}, levantada el {raised}.",
        "Screening alert {alert}, from batch {batch} of {agency}, raised on {raised}.",
    ),
    "party": ("Parte: {name}", "Party: {name}"),
    "declaration": (
        "Pedimento {declaration}, fila {row}, papel: {role}",
        "Declaration {declaration}, row {row}, role: {role}",
    ),
    "kind": ("Tipo: {value}", "Kind: {value}"),
    "country": ("País: {value}", "Country: {value}"),
    "birth_date": ("Fecha de nacimiento: {value}", "Date of birth: {value}"),
    "identifiers": ("Identificadores: {value}", "Identifiers: {value}"),
    "entry": (
        "Entrada de la lista {list} ({list_name}), referencia {reference}: {name}",
        "List entry of {list} ({list_name}), reference {reference}: {name}",
    ),
    "entry_changed": (
        "La entrada cambió desde la alerta (versión de la alerta {then}, actual {now}).",
        "The entry changed since the alert (version at the alert {then}, now {now}).",
    ),
    "line": (
        "Mercancía: pedimento {declaration}, fila {row}: {description}",
        "Goods line: declaration {declaration}, row {row}: {description}",
    ),
    "tariff": ("Fracción arancelaria: {value}", "Tariff code: {value}"),
    "cas": ("Números CAS: {value}", "CAS numbers: {value}"),
    "control": (
        "Entrada de lista de control {regime} {code}: {description}",
        "Control-list entry {regime} {code}: {description}",
    ),
    "score": ("Puntuación: {score}", "Score: {score}"),
    "explanation": (
        "Explicación (las contribuciones suman la puntuación):",
        "Explanation (the contributions add up to the score):",
    ),
    "feature": ("- {feature}: {contribution} — {detail}", "- {feature}: {contribution} — {detail}"),
    "sum": ("Suma: {total}", "Sum: {total}"),
}
LANGUAGES = {"es": ("es-mx", 0), "en": ("en", 1)}

#: The engine's features (names and goods) as the page names them.
FEATURES = {
    "name": _("Name"),
    "alias_quality": _("Alias quality"),
    "kind": _("Kind"),
    "identifier": _("Identifier"),
    "birth_date": _("Date of birth"),
    "country": _("Country"),
    "cas": _("Declared CAS number"),
    "cas_in_text": _("CAS number in the description"),
    "fraction": _("Tariff fraction"),
    "hs6": _("HS subheading"),
    "keyword": _("Keyword"),
}


def explanation_rows(alert: Alert) -> list[dict[str, Any]]:
    """The alert's explanation as rows of feature, contribution and detail (stored as a list
    of {"feature", "contribution", "detail"}; a row missing a key reads as empty or 0)."""
    rows = []
    for item in alert.explanation or []:
        if not isinstance(item, dict):
            continue
        try:
            contribution = float(item.get("contribution") or 0.0)
        except (TypeError, ValueError):
            contribution = 0.0
        rows.append(
            {
                "feature": str(item.get("feature") or item.get("name") or ""),
                "contribution": contribution,
                "detail": str(item.get("detail") or ""),
            }
        )
    return rows


def identifiers_text(identifiers: Any) -> str:
    """Identifiers (a list of {"kind", "number", "country"} or of strings) as one line:
    ``passport: X123 (IR); registration: R-1``."""
    parts = []
    for item in identifiers or []:
        if isinstance(item, dict):
            text = ": ".join(str(item[key]) for key in ("kind", "number") if item.get(key))
            if item.get("country"):
                text = f"{text} ({item['country']})"
            parts.append(text)
        else:
            parts.append(str(item))
    return "; ".join(part for part in parts if part)


def _label(choices: Any, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


def _body(alert: Alert, index: int) -> str:
    def line(key: str, **values: Any) -> str:
        return LINES[key][index].format(**values)

    raised = timezone.localtime(alert.created_at).date().isoformat() if alert.created_at else ""
    out = [
        line(
            "opening",
            alert=alert,
            batch=f"SCR-{alert.batch_id}",
            agency=alert.agency.code,
            raised=raised,
        ),
        "",
    ]
    party, entry = alert.party, alert.entry
    if party is not None and entry is not None:
        out.append(line("party", name=party.name))
        out.append(
            line(
                "declaration",
                declaration=party.declaration,
                row=party.row,
                role=_label(PartyRole, party.role),
            )
        )
        for key, value in (
            ("kind", _label(EntryKind, party.kind) if party.kind else ""),
            ("country", party.country),
            ("birth_date", party.birth_date),
            ("identifiers", identifiers_text(party.identifiers)),
        ):
            if value:
                out.append(line(key, value=value))
        watchlist = entry.watchlist
        out += [
            "",
            line(
                "entry",
                list=watchlist.code,
                list_name=(watchlist.name_es, watchlist.name_en)[index],
                reference=entry.external_id,
                name=alert.entry_name or entry.name,
            ),
        ]
        if entry.version != alert.entry_version:
            out.append(line("entry_changed", then=alert.entry_version, now=entry.version))
    elif alert.line is not None and alert.control_entry is not None:
        goods, control = alert.line, alert.control_entry
        out.append(
            line(
                "line",
                declaration=goods.declaration,
                row=goods.row,
                description=goods.description,
            )
        )
        if goods.tariff_code:
            out.append(line("tariff", value=goods.tariff_code))
        if goods.cas_numbers:
            out.append(line("cas", value="; ".join(str(n) for n in goods.cas_numbers)))
        description = (control.description_es or control.description_en, control.description_en)
        out += [
            "",
            line(
                "control",
                regime=control.regime,
                code=control.code,
                description=description[index],
            ),
        ]
    rows = explanation_rows(alert)
    out += ["", line("score", score=f"{alert.score:.3f}"), "", line("explanation")]
    for row in rows:
        out.append(
            line(
                "feature",
                feature=FEATURES.get(row["feature"], row["feature"]),
                contribution=f"{row['contribution']:+.3f}",
                detail=row["detail"],
            )
        )
    out.append(line("sum", total=f"{sum(row['contribution'] for row in rows):.3f}"))
    return "\n".join(out)


def report_text(alert: Alert) -> dict[str, str]:
    """``title_es``, ``title_en``, ``body_es`` and ``body_en`` of the alert's report: the
    party (or goods line), the list (or control-list) entry, the score and its explanation."""
    text: dict[str, str] = {}
    for suffix, (language, index) in LANGUAGES.items():
        with translation.override(language):
            text[f"title_{suffix}"] = LINES["title"][index].format(alert=alert)
            text[f"body_{suffix}"] = _body(alert, index)
    return text
