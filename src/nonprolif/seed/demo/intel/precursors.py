"""Demo reports on a precursor order reported by a supplier."""

from __future__ import annotations

import datetime
from typing import Any

from nonprolif.intel.models import (
    LinkRole,
    ReportStatus,
    ReportType,
)

from .model import YEAR, DemoReport


def _precursor_reports() -> list[DemoReport]:
    """A chemical supplier reports an order of a mustard-gas precursor; the follow-up."""
    order = [
        ("bajio", LinkRole.SUPPLIER),
        ("santafe", LinkRole.CONSIGNEE),
        ("tdg", LinkRole.SUBJECT),
    ]
    place: dict[str, Any] = {
        "state": "Guanajuato",
        "municipality": "Celaya",
        "latitude": "20.52350",
        "longitude": "-100.81570",
    }
    common: dict[str, Any] = {
        "category": "CHEM",
        "material": "TDG",
        "tags": ["precursor", "tiodiglicol"],
    }
    rows = [
        (
            "SS",
            ReportType.OUTREACH_TIP,
            "SBU",
            (8, 10),
            "Un proveedor reporta un pedido inusual de tiodiglicol",
            "A supplier reports an unusual thiodiglycol order",
            "Química Industrial del Bajío recibió un pedido de 400 kg de tiodiglicol de una "
            "empresa sin historial, con pago en efectivo.",
            "Química Industrial del Bajío received an order for 400 kg of thiodiglycol from a "
            "company with no history, paid in cash.",
            ["PGR", "CISEN", "SEDENA"],
            [*order, ("celaya", LinkRole.LOCATION)],
            "400 kg",
        ),
        (
            "PGR",
            ReportType.SUSPICIOUS_PROCUREMENT,
            "C",
            (8, 14),
            "Agroquímicos Santa Fe: domicilio fiscal inexistente",
            "Agroquímicos Santa Fe: its registered address does not exist",
            "El domicilio declarado corresponde a un lote baldío; la empresa se constituyó en "
            "enero.",
            "The declared address is a vacant lot; the company was incorporated in January.",
            ["SS", "CISEN"],
            [("santafe", LinkRole.SUBJECT), ("benitez", LinkRole.SUBJECT)],
            "",
        ),
        (
            "CISEN",
            ReportType.ASSESSMENT,
            "S",
            (8, 18),
            "Evaluación del pedido de tiodiglicol",
            "Assessment of the thiodiglycol order",
            "El volumen no corresponde a ningún uso agrícola conocido; se recomienda una entrega "
            "controlada.",
            "The volume matches no known agricultural use; a controlled delivery is advised.",
            ["PGR", "SEDENA"],
            order,
            "400 kg",
        ),
        (
            "PGR",
            ReportType.SUSPICIOUS_PROCUREMENT,
            "S",
            (8, 21),
            "Identificación de la compradora del tiodiglicol",
            "The thiodiglycol buyer identified",
            "La persona que firmó la orden usó una identificación con datos de otra persona.",
            "The person who signed the order used an identity card with another person's details.",
            ["CISEN"],
            [("benitez", LinkRole.SUBJECT), ("santafe", LinkRole.CONSIGNEE)],
            "",
        ),
        (
            "ADUANAS",
            ReportType.SUSPICIOUS_PROCUREMENT,
            "C",
            (8, 25),
            "Solicitud de permiso de exportación de tiodiglicol a nombre de Agroquímicos Santa Fe",
            "Export permit requested for thiodiglycol in the name of Agroquímicos Santa Fe",
            "Se solicitó un permiso de exportación a Centroamérica por la misma cantidad.",
            "An export permit to Central America was requested for the same quantity.",
            ["PGR", "CISEN", "SS"],
            [("santafe", LinkRole.CONSIGNEE), ("tdg", LinkRole.SUBJECT)],
            "400 kg",
        ),
        (
            "SS",
            ReportType.OUTREACH_TIP,
            "U",
            (8, 28),
            "Lista de verificación para distribuidores de químicos de la Lista 2",
            "Checklist for distributors of Schedule 2 chemicals",
            "Conozca a su cliente: domicilio verificable, uso final firmado, pago rastreable.",
            "Know your customer: a verifiable address, a signed end use, a traceable payment.",
            ["PGR", "CISEN", "SEDENA", "SSP", "ADUANAS", "SEGOB"],
            [("bajio", LinkRole.SUBJECT)],
            "",
        ),
        (
            "PGR",
            ReportType.SEIZURE,
            "C",
            (9, 3),
            "Entrega controlada del tiodiglicol en Celaya",
            "Controlled delivery of the thiodiglycol in Celaya",
            "La mercancía se entregó bajo vigilancia y se aseguró en una bodega de Celaya.",
            "The goods were delivered under surveillance and seized in a warehouse in Celaya.",
            ["SS", "CISEN", "SEDENA"],
            [*order, ("benitez", LinkRole.SUBJECT), ("celaya", LinkRole.LOCATION)],
            "400 kg",
        ),
        (
            "SEDENA",
            ReportType.ASSESSMENT,
            "S",
            (9, 9),
            "Posible vínculo entre Agroquímicos Santa Fe y las importadoras de Manzanillo",
            "A possible link between Agroquímicos Santa Fe and the Manzanillo importers",
            "El mismo apoderado aparece en los registros de Agroquímicos Santa Fe y de las dos "
            "importadoras investigadas.",
            "The same attorney-in-fact appears in the records of Agroquímicos Santa Fe and of the "
            "two importers under investigation.",
            ["CISEN", "PGR"],
            [
                ("santafe", LinkRole.SUBJECT),
                ("ochoa", LinkRole.SUBJECT),
                ("fronteriza", LinkRole.SUBJECT),
            ],
            "",
        ),
        (
            "SS",
            ReportType.SUSPICIOUS_PROCUREMENT,
            "SBU",
            (9, 15),
            "Segundo pedido sospechoso: metilfosfonato de dimetilo",
            "A second suspicious order: dimethyl methylphosphonate",
            "Otro distribuidor del Bajío recibió un pedido de 50 kg de DMMP con el mismo correo "
            "de contacto.",
            "Another distributor in the Bajío received an order for 50 kg of DMMP with the same "
            "contact e-mail.",
            ["PGR", "CISEN"],
            [("santafe", LinkRole.CONSIGNEE)],
            "50 kg",
        ),
        (
            "CISEN",
            ReportType.ASSESSMENT,
            "C",
            (10, 2),
            "Balance del caso del tiodiglicol",
            "The thiodiglycol case in review",
            "La alerta del proveedor permitió asegurar el precursor antes de salir del país.",
            "The supplier's alert allowed the precursor to be seized before it left the country.",
            ["SS", "PGR", "SEDENA", "ADUANAS"],
            order,
            "",
        ),
    ]
    reports = []
    for n, (origin, kind, cls, (month, day), t_es, t_en, b_es, b_en, rel, links, qty) in enumerate(
        rows
    ):
        extra = dict(common)
        if n == 8:
            extra["material"] = "DMMP"
        reports.append(
            DemoReport(
                originator=origin,
                report_type=kind,
                classification=cls,
                title_es=t_es,
                title_en=t_en,
                body_es=b_es,
                body_en=b_en,
                event_date=datetime.date(YEAR, month, day),
                quantity=qty,
                reliability="A" if origin == "SS" else "B",
                credibility="2",
                releases=rel,
                status=ReportStatus.WITHDRAWN if n == 4 else ReportStatus.PUBLISHED,
                partner="effective" if n == 9 else "",
                links=links,
                **place,
                **extra,
            )
        )
    return reports
