"""The outreach demo's awareness materials, its visits of 2009 (each by the stakeholder's
responsible agency, with its follow-ups as action items of the visit's meeting) and the one
tip, as plain data."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from nonprolif.events.models import ActionStatus
from nonprolif.outreach.models import Audience, TipChannel

#: The program's time zone in summer 2009 (central daylight time).
TZ = datetime.timezone(datetime.timedelta(hours=-5), "CDT")


@dataclass(frozen=True)
class DemoMaterial:
    file: str  # in seed/fixtures/outreach/
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    audience: str
    agency: str
    uploaded_by: str
    uploaded_at: datetime.datetime


MATERIALS = {
    "booklet": DemoMaterial(
        "indicadores-de-compra-sospechosa.pdf",
        "Indicadores de compra sospechosa",
        "Suspicious purchase indicators",
        "Cuadernillo para distribuidores de sustancias químicas: señales de un pedido inusual.",
        "A booklet for chemical distributors: the signs of an unusual order.",
        Audience.INDUSTRY,
        "SS",
        "analista-ss",
        datetime.datetime(2009, 6, 30, 16, 0, tzinfo=datetime.UTC),
    ),
    "poster": DemoMaterial(
        "cartel-reporte-voluntario.pdf",
        "¿Un pedido no cuadra? Repórtelo",
        "Does an order not add up? Report it",
        "Cartel para mostradores y almacenes sobre el reporte voluntario.",
        "A poster for counters and warehouses on voluntary reporting.",
        Audience.GENERAL,
        "CISEN",
        "coordinador",
        datetime.datetime(2009, 6, 30, 17, 0, tzinfo=datetime.UTC),
    ),
    "guide": DemoMaterial(
        "guia-para-universidades.pdf",
        "Guía para universidades: bienes y conocimientos de doble uso",
        "A guide for universities: dual-use goods and knowledge",
        "Qué controlar en los laboratorios, las estancias y los envíos de muestras.",
        "What to control in laboratories, research visits and sample shipments.",
        Audience.ACADEMIA,
        "SEDENA",
        "enlace-sedena",
        datetime.datetime(2009, 8, 31, 16, 0, tzinfo=datetime.UTC),
    ),
}


@dataclass(frozen=True)
class DemoVisit:
    stakeholder: str
    date: datetime.date
    attendees: str
    topics_es: str
    topics_en: str
    materials: tuple[str, ...]
    follow_ups: tuple[dict[str, str], ...] = ()


def _done(title_es: str, title_en: str, agency: str, due: str, closed: str) -> dict[str, str]:
    return {
        "title_es": title_es,
        "title_en": title_en,
        "owner_agency": agency,
        "due_date": due,
        "status": ActionStatus.DONE,
        "closed_at": closed,
    }


def _open(title_es: str, title_en: str, agency: str, due: str, status: str) -> dict[str, str]:
    return {
        "title_es": title_es,
        "title_en": title_en,
        "owner_agency": agency,
        "due_date": due,
        "status": status,
    }


D = datetime.date

VISITS = [
    DemoVisit(
        "bajio",
        D(2009, 7, 14),
        "Ricardo Alfonso Zamudio Beltrán (SS)\nGabriela Núñez Olvera (Química Industrial del "
        "Bajío)\n"
        "Octavio Ruelas Mireles (Química Industrial del Bajío)",
        "Indicadores de compra sospechosa de precursores; cómo y a quién reportar un pedido "
        "inusual.",
        "Indicators of suspicious precursor purchases; how and to whom to report an unusual order.",
        ("booklet", "poster"),
        (
            _done(
                "Enviar a la empresa el directorio de enlaces para reportes",
                "Send the company the liaison directory for reports",
                "SS",
                "2009-07-31",
                "2009-07-20T12:00:00-05:00",
            ),
        ),
    ),
    DemoVisit(
        "reactivos",
        D(2009, 7, 22),
        "Ricardo Alfonso Zamudio Beltrán (SS)\nMauricio Elizondo Garza (Distribuidora de "
        "Reactivos del Norte)",
        "Control de ventas de trietanolamina y tricloruro de fósforo; conozca a su cliente.",
        "Controlling sales of triethanolamine and phosphorus trichloride; know your customer.",
        ("booklet",),
    ),
    DemoVisit(
        "gammagrafia",
        D(2009, 8, 18),
        "Jorge Iván Sandoval Treviño (SEDENA)\nHomero Valdés Zertuche (Servicios de Gammagrafía "
        "del Norte)",
        "Seguridad de las fuentes de iridio-192 durante el transporte; aviso inmediato de robo.",
        "Securing iridium-192 sources in transit; reporting a theft at once.",
        ("poster",),
        (
            _open(
                "Revisar con la empresa la custodia de las cámaras en los vehículos",
                "Review with the company how the cameras are guarded in its vehicles",
                "SEDENA",
                "2009-10-30",
                ActionStatus.IN_PROGRESS,
            ),
        ),
    ),
    DemoVisit(
        "golfo",
        D(2009, 8, 26),
        "Lucía Esther Villalobos Aranda (SEMAR)\nPablo Hernández Cruz (Radiografía Industrial "
        "del Golfo)",
        "Fuentes radiactivas en la zona portuaria; indicadores de desvío.",
        "Radioactive sources in the port area; indicators of diversion.",
        ("poster",),
    ),
    DemoVisit(
        "aduanal",
        D(2009, 9, 2),
        "Rodrigo Cárdenas (Aduanas)\nNorma Treviño Salinas (Agencia Aduanal Fronteriza)",
        "Bienes de doble uso en el despacho aduanero; señales de una operación triangulada.",
        "Dual-use goods in customs clearance; the signs of a triangulated shipment.",
        ("booklet", "poster"),
    ),
    DemoVisit(
        "hospital",
        D(2009, 9, 8),
        "Ricardo Alfonso Zamudio Beltrán (SS)\nArturo Villarreal Cantú (Hospital Regional)\n"
        "Sonia Treviño Leal (Hospital Regional)",
        "Seguridad física de la unidad de teleterapia de cobalto-60; control de acceso al búnker.",
        "Physical security of the cobalt-60 teletherapy unit; access control to the bunker.",
        ("poster",),
        (
            _open(
                "Verificar la instalación del control de acceso biométrico al búnker",
                "Check that biometric access control to the bunker is installed",
                "SS",
                "2009-11-30",
                ActionStatus.OPEN,
            ),
            _done(
                "Enviar al hospital el protocolo de aviso por pérdida de una fuente",
                "Send the hospital the protocol for reporting a lost source",
                "SS",
                "2009-09-30",
                "2009-09-21T13:00:00-05:00",
            ),
        ),
    ),
    DemoVisit(
        "manzanillo",
        D(2009, 9, 15),
        "Lucía Esther Villalobos Aranda (SEMAR)\nIgnacio Larios Preciado (Terminal "
        "Especializada de Contenedores del Pacífico)",
        "Alarmas de los portales de detección; a quién llamar y cómo preservar la carga.",
        "Radiation portal alarms; whom to call and how to hold the cargo.",
        ("poster",),
        (
            _open(
                "Ejercicio conjunto de respuesta a una alarma de portal",
                "A joint drill responding to a portal alarm",
                "SEMAR",
                "2009-12-15",
                ActionStatus.OPEN,
            ),
        ),
    ),
    DemoVisit(
        "politecnica",
        D(2009, 9, 24),
        "Jorge Iván Sandoval Treviño (SEDENA)\nEfraín Cavazos Lozano (Universidad Politécnica "
        "del Noreste)",
        "Control del conjunto subcrítico y de las fuentes de calibración; estancias de "
        "investigadores extranjeros.",
        "Controlling the subcritical assembly and the calibration sources; visiting foreign "
        "researchers.",
        ("guide",),
    ),
    DemoVisit(
        "maquinados",
        D(2009, 10, 7),
        "Rodrigo Cárdenas (Aduanas)\nFelipe Orozco Vega (Maquinados de Precisión del Bajío)",
        "Exportación de máquinas herramienta controladas; usuario final y reexportación.",
        "Exporting controlled machine tools; end user and re-export.",
        ("booklet",),
        (
            _open(
                "Enviar a la empresa la lista de control de máquinas herramienta",
                "Send the company the control list for machine tools",
                "ADUANAS",
                "2009-11-13",
                ActionStatus.OPEN,
            ),
        ),
    ),
    DemoVisit(
        "occidente",
        D(2009, 10, 13),
        "Ricardo Alfonso Zamudio Beltrán (SS)\nRosa Elena Partida Cuevas (Productos Químicos de "
        "Occidente)",
        "Almacenamiento seguro de precursores; inventarios y faltantes.",
        "Storing precursors securely; inventories and shortfalls.",
        ("booklet", "poster"),
    ),
]

TIP: dict[str, Any] = {
    "reference": "TIP-SS-2009-0001",
    "stakeholder": "bajio",
    "what": (
        "Pedido de 400 kg de tiodiglicol en tambores de 200 L, con pago en efectivo por "
        "adelantado y entrega urgente en una bodega de Irapuato; el cliente no supo explicar "
        "el uso final."
    ),
    "who": (
        "Agroquímicos Santa Fe S.A. de C.V., empresa sin historial con el proveedor; el pedido "
        "lo hizo por teléfono un hombre que se identificó como «Lic. Benítez»."
    ),
    "when": D(2009, 8, 7),
    "contact_name": "Gabriela Núñez Olvera",
    "contact_email": "gnunez@quimicabajio.com.mx.example",
    "contact_phone": "+52 461 555 0142",
    "channel": TipChannel.PHONE,
    "received_at": datetime.datetime(2009, 8, 10, 9, 30, tzinfo=TZ).astimezone(datetime.UTC),
    "acknowledged_at": datetime.datetime(2009, 8, 10, 16, 0, tzinfo=TZ).astimezone(datetime.UTC),
    # The intelligence demo's report of SS this tip became (found by its title).
    "report_title_es": "Un proveedor reporta un pedido inusual de tiodiglicol",
}
