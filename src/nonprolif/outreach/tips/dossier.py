"""The text of the intelligence report a tip becomes: its titles and bodies in Spanish and
English (content in the report's two languages, as an analyst would write it), from the tip
as stored. No database writes; it reads the tip's stakeholder and its responsible agency
(select them with the tip)."""

from typing import Any

from nonprolif.outreach.models import Tip
from nonprolif.outreach.tips.acknowledgement import received_date

#: The channels as each language of the report names them.
CHANNELS: dict[str, tuple[str, str]] = {
    "phone": ("Teléfono", "Phone"),
    "email": ("Correo electrónico", "E-mail"),
    "visit": ("En persona", "In person"),
    "other": ("Otro", "Other"),
}
#: The lines of a body, in each language: (key, Spanish, English).
LINES: dict[str, tuple[str, str]] = {
    "title": ("Aviso de difusión {reference}", "Outreach tip {reference}"),
    "opening": (
        "Aviso {reference} de {stakeholder}, recibido por {agency} el {received} ({channel}).",
        "Tip {reference} from {stakeholder}, received by {agency} on {received} ({channel}).",
    ),
    "place": ("Ubicación del informante: {place}", "Reporting stakeholder's location: {place}"),
    "when": ("Fecha del pedido o consulta: {when}", "Date of the order or enquiry: {when}"),
    "what": ("Qué:", "What:"),
    "who": ("Quién:", "Who:"),
    "contact": ("Contacto: {contact}", "Contact: {contact}"),
}


def _line(key: str, index: int, **values: Any) -> str:
    return LINES[key][index].format(**values)


def report_text(tip: Tip) -> dict[str, str]:
    """``title_es``, ``title_en``, ``body_es`` and ``body_en`` of the tip's report."""
    stakeholder = tip.stakeholder
    agency = stakeholder.responsible_agency
    contact = ", ".join(
        part for part in (tip.contact_name, tip.contact_email, tip.contact_phone) if part
    )
    place = ", ".join(part for part in (stakeholder.city, stakeholder.state) if part)
    channel = CHANNELS.get(tip.channel, (tip.channel, tip.channel))
    text: dict[str, str] = {}
    for suffix, index in (("es", 0), ("en", 1)):
        lines = [
            _line(
                "opening",
                index,
                reference=tip.reference,
                stakeholder=stakeholder.name,
                agency=agency.name_es if index == 0 else agency.name_en,
                received=received_date(tip).isoformat(),
                channel=channel[index],
            ),
        ]
        if place:
            lines.append(_line("place", index, place=place))
        lines += [
            _line("when", index, when=tip.when.isoformat() if tip.when else ""),
            "",
            _line("what", index),
            tip.what,
            "",
            _line("who", index),
            tip.who,
            "",
            _line("contact", index, contact=contact),
        ]
        text[f"title_{suffix}"] = _line("title", index, reference=tip.reference)
        text[f"body_{suffix}"] = "\n".join(lines)
    return text
