"""Demo reports from outreach to industry and academia."""

from __future__ import annotations

import datetime

from nonprolif.intel.models import (
    LinkRole,
    ReportType,
)

from .model import YEAR, DemoReport


def _outreach_reports() -> list[DemoReport]:
    """Tips from outreach to industry and ports, and two assessments across the cases."""
    return [
        DemoReport(
            originator="SEMAR",
            report_type=ReportType.OUTREACH_TIP,
            classification="U",
            title_es="Señales de alerta en contenedores de carga general",
            title_en="Red flags in general cargo containers",
            body_es=(
                "Consignatarios nuevos, pagos del flete en efectivo y descripciones genéricas "
                "de la mercancía merecen una revisión adicional en el puerto."
            ),
            body_en=(
                "New consignees, freight paid in cash and generic descriptions of the goods "
                "deserve an extra inspection at the port."
            ),
            event_date=datetime.date(YEAR, 6, 15),
            state="Colima",
            municipality="Manzanillo",
            tags=["puertos", "doble uso"],
            releases=["ADUANAS", "SEDENA", "PGR", "SSP"],
            links=[("estrella", LinkRole.CARRIER)],
        ),
        DemoReport(
            originator="ADUANAS",
            report_type=ReportType.OUTREACH_TIP,
            classification="SBU",
            title_es="Clasificación arancelaria de bienes de doble uso",
            title_en="Tariff classification of dual-use goods",
            body_es=(
                "Las fracciones arancelarias genéricas ocultan aceros especiales y fibras; "
                "se pide a los agentes aduanales describir la especificación técnica."
            ),
            body_en=(
                "Generic tariff lines hide special steels and fibres; customs brokers are "
                "asked to state the technical specification."
            ),
            event_date=datetime.date(YEAR, 7, 1),
            category="NUC",
            material="MARAGING",
            tags=["doble uso", "aduanas"],
            releases=["SEMAR", "CISEN", "PGR"],
            links=[("fronteriza", LinkRole.SUBJECT)],
        ),
        DemoReport(
            originator="SSP",
            report_type=ReportType.OUTREACH_TIP,
            classification="U",
            title_es="Revisión de vehículos con doble fondo en la frontera norte",
            title_en="Checking vehicles for false floors on the northern border",
            body_es=(
                "Soldaduras recientes, tornillos nuevos en el piso y diferencias de altura "
                "interior delatan compartimentos ocultos."
            ),
            body_en=(
                "Fresh welds, new bolts in the floor and a lower inside height give away "
                "hidden compartments."
            ),
            event_date=datetime.date(YEAR, 7, 10),
            state="Chihuahua",
            municipality="Ciudad Juárez",
            category="CONV",
            tags=["frontera norte", "armas"],
            releases=["SEDENA", "ADUANAS", "PGR", "SEGOB"],
        ),
        DemoReport(
            originator="SEGOB",
            report_type=ReportType.OUTREACH_TIP,
            classification="U",
            title_es="Seminario con la industria química sobre pedidos sospechosos",
            title_en="Seminar with the chemical industry on suspicious orders",
            body_es=(
                "Cuarenta distribuidores acordaron avisar de pedidos de sustancias de las "
                "listas de la Convención sobre Armas Químicas que no tengan uso final claro."
            ),
            body_en=(
                "Forty distributors agreed to report orders of Chemical Weapons Convention "
                "scheduled chemicals that have no clear end use."
            ),
            event_date=datetime.date(YEAR, 9, 29),
            state="Ciudad de México",
            category="CHEM",
            tags=["precursor", "industria"],
            releases=["SS", "PGR", "CISEN"],
            links=[("bajio", LinkRole.SUBJECT)],
        ),
        DemoReport(
            originator="CISEN",
            report_type=ReportType.ASSESSMENT,
            classification="S",
            title_es="Red de empresas de Ramiro Ochoa Treviño",
            title_en="The companies of Ramiro Ochoa Treviño",
            body_es=(
                "El apoderado común de las importadoras de Manzanillo y de Agroquímicos Santa "
                "Fe coordina pedidos de bienes de doble uso y de precursores."
            ),
            body_en=(
                "The common attorney-in-fact of the Manzanillo importers and of Agroquímicos "
                "Santa Fe coordinates orders of dual-use goods and of precursors."
            ),
            event_date=datetime.date(YEAR, 10, 8),
            reliability="B",
            credibility="3",
            tlp="red",
            tags=["doble uso", "precursor", "red"],
            releases=["PGR", "SEDENA"],
            links=[
                ("ochoa", LinkRole.SUBJECT),
                ("fronteriza", LinkRole.SUBJECT),
                ("pacifico", LinkRole.SUBJECT),
                ("santafe", LinkRole.SUBJECT),
            ],
        ),
        DemoReport(
            originator="LEGAT",
            report_type=ReportType.OUTREACH_TIP,
            classification="SBU",
            title_es="",
            title_en="Export control red flags shared with US distributors",
            body_es="",
            body_en=(
                "US distributors were reminded to check end users in Mexico against the "
                "consignees named in recent seizures."
            ),
            event_date=datetime.date(YEAR, 10, 13),
            country="US",
            tags=["export control"],
            releases=["ADUANAS", "PGR", "SEDENA", "CISEN"],
            links=[("valley", LinkRole.SUBJECT)],
        ),
    ]
