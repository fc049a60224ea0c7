"""The demo's intelligence content as plain data: its analysts, the materials of the CBRN
taxonomy it names, the entities, and ``DemoReport``."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass, field

from nonprolif.intel.models import (
    EntityKind,
    ReportStatus,
)

INTEL_KEYS = {"recorded_at"}
YEAR = 2009
TZ = datetime.timezone(datetime.timedelta(hours=-6), "CST")

#: The analyst who writes for each agency, and the second person who approves a release of
#: that agency's reports to the partner.
AUTHORS = {
    "SEDENA": "analista-sedena",
    "SEMAR": "analista-semar",
    "ADUANAS": "analista-aduanas",
    "PGR": "analista-pgr",
    "CISEN": "analista-cisen",
    "SSP": "analista-ssp",
    "SS": "analista-ss",
    "SEGOB": "analista-segob",
    "LEGAT": "analista-legat",
}
SECOND_PERSON = {"SEDENA": "analista2-sedena", "CISEN": "coordinador"}
PARTNER = "LEGAT"

# Materials and agents of the CBRN taxonomy: code, category, Spanish, English, CAS number.
MATERIALS = [
    ("CS-137", "RAD", "Cesio-137 (fuente sellada)", "Caesium-137 (sealed source)", ""),
    ("IR-192", "RAD", "Iridio-192 (fuente de radiografía)", "Iridium-192 (radiography source)", ""),
    ("TDG", "CHEM", "Tiodiglicol", "Thiodiglycol", "111-48-8"),
    ("DMMP", "CHEM", "Metilfosfonato de dimetilo", "Dimethyl methylphosphonate", "756-79-6"),
    ("TEA", "CHEM", "Trietanolamina", "Triethanolamine", "102-71-6"),
    ("MARAGING", "NUC", "Acero maraging", "Maraging steel", ""),
    ("CFIBER", "DELIV", "Fibra de carbono de alto módulo", "High-modulus carbon fibre", ""),
    ("AN", "EXPL", "Nitrato de amonio", "Ammonium nitrate", "6484-52-2"),
    ("RIFLE-223", "CONV", "Fusiles semiautomáticos calibre .223", "Semi-automatic .223 rifles", ""),
    ("AMMO-762", "CONV", "Cartuchos calibre 7.62x39 mm", "7.62x39 mm cartridges", ""),
]

# Entities: key → kind, name, registering agency, country, identifier, description, aliases.
ENTITIES: dict[str, tuple[str, str, str, str, str, str, tuple[str, ...]]] = {
    "garza": (
        EntityKind.ORGANISATION,
        "Transportes Hermanos Garza S.A. de C.V.",
        "ADUANAS",
        "MX",
        "THG-980512-AB1",
        "Empresa de autotransporte de carga con base en Nuevo Laredo (ficticia).",
        ("Hermanos Garza", "THG Logística"),
    ),
    "lozano": (
        EntityKind.PERSON,
        "Víctor Hugo Lozano Peña",
        "PGR",
        "MX",
        "",
        "Chofer de carga, detenido en dos ocasiones (ficticio).",
        ("El Güero Lozano",),
    ),
    "kessler": (
        EntityKind.PERSON,
        "Thomas R. Kessler",
        "LEGAT",
        "US",
        "",
        "Straw purchaser in the Laredo area (fictional).",
        ("Tom Kessler",),
    ),
    "valley": (
        EntityKind.ORGANISATION,
        "Valley Outdoor Supply LLC",
        "LEGAT",
        "US",
        "",
        "Firearms retailer in Laredo, Texas (fictional).",
        (),
    ),
    "bodega14": (
        EntityKind.ADDRESS,
        "Bodega 14, Parque Industrial Oradel, Nuevo Laredo, Tamaulipas",
        "SEDENA",
        "MX",
        "",
        "Bodega usada como punto de acopio (ficticia).",
        (),
    ),
    "fronteriza": (
        EntityKind.ORGANISATION,
        "Comercializadora Fronteriza del Norte S. de R.L. de C.V.",
        "ADUANAS",
        "MX",
        "CFN-070301-KX9",
        "Importadora sin actividad industrial conocida; posible empresa fachada (ficticia).",
        ("CFN Importaciones", "Comercializadora Fronteriza"),
    ),
    "pacifico": (
        EntityKind.ORGANISATION,
        "Importadora Técnica del Pacífico S.A. de C.V.",
        "CISEN",
        "MX",
        "ITP-050822-QR4",
        "Intermediaria de equipo industrial en Manzanillo (ficticia).",
        ("ITP Manzanillo",),
    ),
    "ochoa": (
        EntityKind.PERSON,
        "Ramiro Ochoa Treviño",
        "CISEN",
        "MX",
        "",
        "Apoderado de las dos importadoras (ficticio).",
        ("El Ingeniero", "R. Ochoa"),
    ),
    "estrella": (
        EntityKind.VESSEL,
        "MV Estrella del Golfo",
        "SEMAR",
        "PA",
        "IMO 9990001 (ficticio)",
        "Buque de carga general con bandera de Panamá (ficticio).",
        ("Estrella del Golfo",),
    ),
    "lazaro": (
        EntityKind.ADDRESS,
        "Muelle 5, Puerto de Lázaro Cárdenas, Michoacán",
        "SEMAR",
        "MX",
        "",
        "",
        (),
    ),
    "radiologicos": (
        EntityKind.ORGANISATION,
        "Servicios Radiológicos de Occidente S.A. de C.V.",
        "SS",
        "MX",
        "SRO-011115-LM2",
        "Empresa de ensayos no destructivos con licencia de fuentes (ficticia).",
        ("SRO",),
    ),
    "tlajomulco": (
        EntityKind.ADDRESS,
        "Av. Industrial 220, Tlajomulco de Zúñiga, Jalisco",
        "SS",
        "MX",
        "",
        "",
        (),
    ),
    "fuente": (
        EntityKind.MATERIAL,
        "Medidor nuclear de densidad con fuente de Cs-137, serie 30417",
        "SS",
        "MX",
        "30417",
        "Equipo portátil; fuente de 8 mCi (ficticio).",
        ("Medidor 30417",),
    ),
    "castaneda": (
        EntityKind.PERSON,
        "Efraín Castañeda Luna",
        "PGR",
        "MX",
        "",
        "Comerciante de chatarra en Tlaquepaque (ficticio).",
        (),
    ),
    "bajio": (
        EntityKind.ORGANISATION,
        "Química Industrial del Bajío S.A. de C.V.",
        "SS",
        "MX",
        "QIB-920604-TT7",
        "Distribuidor de químicos que reportó el pedido (ficticio).",
        ("QIB",),
    ),
    "santafe": (
        EntityKind.ORGANISATION,
        "Agroquímicos Santa Fe S.A. de C.V.",
        "PGR",
        "MX",
        "ASF-090115-ZZ3",
        "Empresa de reciente creación sin domicilio verificable (ficticia).",
        (),
    ),
    "benitez": (
        EntityKind.PERSON,
        "Gloria Benítez Salas",
        "PGR",
        "MX",
        "",
        "Compradora que firmó la orden (ficticia).",
        ("G. Benítez",),
    ),
    "celaya": (
        EntityKind.ADDRESS,
        "Carretera Celaya-Salamanca km 8, Celaya, Guanajuato",
        "SS",
        "MX",
        "",
        "",
        (),
    ),
    "tdg": (
        EntityKind.MATERIAL,
        "Tiodiglicol grado técnico, 400 kg",
        "SS",
        "MX",
        "CAS 111-48-8",
        "",
        (),
    ),
}


@dataclass
class DemoReport:
    """One demo report, as plain data."""

    originator: str
    report_type: str
    classification: str
    title_es: str
    title_en: str
    body_es: str
    body_en: str
    event_date: datetime.date
    state: str = ""
    municipality: str = ""
    country: str = "MX"
    latitude: str | None = None
    longitude: str | None = None
    category: str = ""
    material: str = ""
    quantity: str = ""
    reliability: str = "B"
    credibility: str = "2"
    itdb: str = ""
    tlp: str = "amber"
    tags: Sequence[str] = ()
    status: str = ReportStatus.PUBLISHED
    releases: Sequence[str] = ()
    partner: str = ""  # "", "effective" or "pending": a release to the partner
    links: Sequence[tuple[str, str]] = ()
    request: int | None = None  # the demo request (index) it answers
    reference: str = field(default="", init=False)
