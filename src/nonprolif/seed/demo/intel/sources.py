"""Demo reports on a stolen radioactive source."""

from __future__ import annotations

import datetime
from typing import Any

from nonprolif.intel.models import (
    LinkRole,
    ReportType,
)

from .model import YEAR, DemoReport


def _source_reports() -> list[DemoReport]:
    """A caesium-137 density gauge stolen in Jalisco: the theft, the search, the alerts and
    its recovery."""
    gauge = [("radiologicos", LinkRole.SUBJECT), ("fuente", LinkRole.SUBJECT)]
    place: dict[str, Any] = {
        "state": "Jalisco",
        "municipality": "Tlajomulco de Zúñiga",
        "latitude": "20.47360",
        "longitude": "-103.44500",
    }
    common: dict[str, Any] = {
        "category": "RAD",
        "material": "CS-137",
        "quantity": "8 mCi",
        "itdb": "I",
        "tags": ["fuente radiactiva", "cesio-137"],
    }
    rows = [
        (
            "SS",
            ReportType.INCIDENT,
            "SBU",
            (9, 2),
            "Robo de un medidor nuclear de densidad en Tlajomulco",
            "Theft of a nuclear density gauge in Tlajomulco",
            "Una camioneta de Servicios Radiológicos de Occidente fue robada con un medidor de "
            "densidad que contiene una fuente sellada de cesio-137.",
            "A pick-up of Servicios Radiológicos de Occidente was stolen with a density gauge "
            "holding a sealed caesium-137 source.",
            ["SEDENA", "PGR", "SSP", "CISEN", "SEGOB"],
            [*gauge, ("tlajomulco", LinkRole.LOCATION)],
        ),
        (
            "SEGOB",
            ReportType.OUTREACH_TIP,
            "U",
            (9, 3),
            "Alerta a la población: fuente radiactiva robada",
            "Public alert: stolen radioactive source",
            "Se pide no abrir ni manipular un equipo amarillo con el símbolo de radiación y avisar "
            "al 066.",
            "The public is asked not to open or handle a yellow device with the radiation symbol "
            "and to call 066.",
            ["SS", "SEDENA", "PGR", "SSP", "CISEN", "SEMAR", "ADUANAS"],
            [("fuente", LinkRole.SUBJECT)],
        ),
        (
            "SEDENA",
            ReportType.INCIDENT,
            "C",
            (9, 4),
            "Despliegue de búsqueda radiológica en la zona metropolitana de Guadalajara",
            "Radiological search deployed in the Guadalajara metropolitan area",
            "Equipos de detección de la 15.ª Zona Militar recorren desarmaderos y centros de "
            "acopio de chatarra.",
            "Detection teams of the 15th Military Zone are searching chop shops and scrap yards.",
            ["SS", "PGR", "SSP"],
            gauge,
        ),
        (
            "PGR",
            ReportType.INCIDENT,
            "C",
            (9, 5),
            "Localización de la camioneta robada sin el medidor",
            "Stolen pick-up found without the gauge",
            "La camioneta apareció abandonada en Tlaquepaque; el estuche del medidor no estaba.",
            "The pick-up was found abandoned in Tlaquepaque; the gauge's case was missing.",
            ["SS", "SEDENA", "CISEN"],
            [*gauge, ("castaneda", LinkRole.SUBJECT)],
        ),
        (
            "SSP",
            ReportType.INCIDENT,
            "SBU",
            (9, 7),
            "Revisión de vehículos de carga en la autopista Guadalajara-Colima",
            "Cargo vehicle checks on the Guadalajara-Colima highway",
            "Puestos de control con detectores portátiles no registraron lecturas anómalas.",
            "Checkpoints with portable detectors recorded no abnormal readings.",
            ["SS", "SEDENA"],
            [("fuente", LinkRole.SUBJECT)],
        ),
        (
            "CISEN",
            ReportType.ASSESSMENT,
            "S",
            (9, 8),
            "Evaluación del riesgo de uso malicioso de la fuente de cesio-137",
            "Assessment of the risk of malicious use of the caesium-137 source",
            "La actividad de la fuente es baja para un dispositivo de dispersión; el robo parece "
            "dirigido al vehículo.",
            "The source's activity is low for a dispersal device; the theft appears to target "
            "the vehicle.",
            ["SEDENA", "PGR"],
            gauge,
        ),
        (
            "PGR",
            ReportType.INCIDENT,
            "S",
            (9, 10),
            "Declaración de un comerciante de chatarra sobre el medidor",
            "A scrap dealer's statement about the gauge",
            "Un comerciante de chatarra declaró que le ofrecieron un equipo amarillo pesado.",
            "A scrap dealer said he was offered a heavy yellow device.",
            ["SEDENA", "CISEN"],
            [("castaneda", LinkRole.SUBJECT), ("fuente", LinkRole.SUBJECT)],
        ),
        (
            "SEDENA",
            ReportType.SEIZURE,
            "C",
            (9, 12),
            "Recuperación del medidor de densidad en Tlaquepaque",
            "Density gauge recovered in Tlaquepaque",
            "El medidor se recuperó en un predio baldío con la fuente en su blindaje; no hubo "
            "personas expuestas.",
            "The gauge was recovered on a vacant lot with the source in its shielding; nobody was "
            "exposed.",
            ["SS", "PGR", "SSP", "CISEN", "SEGOB"],
            [*gauge, ("castaneda", LinkRole.SUBJECT)],
        ),
        (
            "SS",
            ReportType.INCIDENT,
            "SBU",
            (9, 13),
            "Verificación radiológica del medidor recuperado",
            "Radiological check of the recovered gauge",
            "La tasa de dosis en contacto corresponde a la fuente íntegra; el blindaje no sufrió "
            "daños.",
            "The contact dose rate matches an intact source; the shielding was not damaged.",
            ["SEDENA", "PGR"],
            gauge,
        ),
        (
            "SS",
            ReportType.OUTREACH_TIP,
            "U",
            (9, 20),
            "Recomendaciones a licenciatarios para el transporte de fuentes",
            "Advice to licensees on transporting sources",
            "Las fuentes portátiles deben viajar en compartimentos cerrados y con rastreo.",
            "Portable sources should travel in locked compartments and be tracked.",
            ["SEDENA", "PGR", "SSP", "SEGOB", "ADUANAS"],
            [("radiologicos", LinkRole.SUBJECT)],
        ),
        (
            "LEGAT",
            ReportType.ASSESSMENT,
            "C",
            (9, 25),
            "Lessons from the Tlajomulco source theft",
            "Lessons from the Tlajomulco source theft",
            "",
            "Thefts of portable gauges are mostly thefts of vehicles; rapid public alerts shorten "
            "recovery.",
            ["SS", "SEDENA"],
            [("fuente", LinkRole.SUBJECT)],
        ),
        (
            "SEDENA",
            ReportType.ASSESSMENT,
            "S",
            (10, 5),
            "Fuentes radiactivas huérfanas en el occidente del país",
            "Orphan radioactive sources in western Mexico",
            "Se identifican tres licenciatarios con inventarios incompletos de fuentes de "
            "iridio-192.",
            "Three licensees with incomplete inventories of iridium-192 sources were identified.",
            ["CISEN"],
            [("radiologicos", LinkRole.SUBJECT)],
        ),
    ]
    reports = []
    for n, (origin, kind, cls, (month, day), t_es, t_en, b_es, b_en, rel, links) in enumerate(rows):
        extra = dict(common)
        if n == 11:
            extra.update(material="IR-192", quantity="", itdb="II")
        reports.append(
            DemoReport(
                originator=origin,
                report_type=kind,
                classification=cls,
                title_es=t_es if origin != "LEGAT" else "",
                title_en=t_en,
                body_es=b_es,
                body_en=b_en,
                event_date=datetime.date(YEAR, month, day),
                reliability="A" if origin in ("SS", "SEDENA") else "B",
                credibility="1" if n in (0, 7, 8) else "2",
                releases=rel,
                partner="pending" if n == 7 else "",
                links=links,
                request=1 if n == 6 else None,
                **place,
                **extra,
            )
        )
    return reports
