"""The demo of intelligence: about sixty fictional reports, in Spanish and English, on the
2009 program's stated concerns (arms trafficking across the northern border, dual-use
procurement attempts, a stolen radioactive source, a precursor order reported by a supplier),
written by the demo analysts of every agency at every classification, released to chosen
agencies (the partner too, after a second person's approval; one release still waits for
it), with the entities that link them (companies, persons, a vessel, addresses, materials),
the materials of the CBRN taxonomy they name, the agencies' distribution lists and two
requests for information.

Everything is invented; the content is fixed in this module (no randomness), so every load
writes the same rows. Reports are keyed by reference (``<AGENCY>-2009-<NNNN>``): a report
already there is left as it is (analysts may have edited it during the demo), with its
version, releases and links; the taxonomy, entities, aliases, distribution lists and requests
are upserted by their natural keys. A second load changes nothing and writes no audit entry.
"""

from __future__ import annotations

import datetime
import decimal
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from nonprolif.core.domain.audit import record
from nonprolif.core.models import Agency, ClassificationLevel, User
from nonprolif.intel.models import (
    REPORT_FIELDS,
    CbrnCategory,
    DistributionList,
    Entity,
    EntityAlias,
    EntityKind,
    InfoRequest,
    IntelReport,
    LinkRole,
    Material,
    ReleaseState,
    ReportEntity,
    ReportRelease,
    ReportStatus,
    ReportType,
    ReportVersion,
    RequestStatus,
)
from nonprolif.seed.loader.checks import check_entry, fail, parse_moment
from nonprolif.seed.loader.result import SeedResult
from nonprolif.seed.loader.upsert import upsert

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


CROSSINGS = [
    ("Nuevo Laredo", "Tamaulipas", "27.48640", "-99.50690", "Laredo, Texas"),
    ("Reynosa", "Tamaulipas", "26.09220", "-98.27790", "McAllen, Texas"),
    ("Ciudad Juárez", "Chihuahua", "31.73870", "-106.48700", "El Paso, Texas"),
    ("Nogales", "Sonora", "31.30860", "-110.94220", "Tucson, Arizona"),
    ("Tijuana", "Baja California", "32.54220", "-117.02890", "San Diego, California"),
    ("Piedras Negras", "Coahuila", "28.70000", "-100.52360", "Eagle Pass, Texas"),
]


def _arms_reports() -> list[DemoReport]:
    """Seizures at the northern crossings, the network behind them and two assessments."""
    reports = []
    agencies = ["ADUANAS", "SEDENA", "PGR", "ADUANAS", "SSP", "SEDENA"]
    for n, (city, state, lat, lon, us_city) in enumerate(CROSSINGS * 2):
        second = n >= len(CROSSINGS)
        rifles, magazines = 4 + (n * 3) % 11, 10 + (n * 7) % 25
        originator = agencies[n % len(agencies)]
        links: list[tuple[str, str]] = [("garza", LinkRole.CARRIER)] if n % 3 == 0 else []
        if city == "Nuevo Laredo":
            links += [("lozano", LinkRole.SUBJECT), ("bodega14", LinkRole.LOCATION)]
        if n % 4 == 1:
            links.append(("valley", LinkRole.SUPPLIER))
        reports.append(
            DemoReport(
                originator=originator,
                report_type=ReportType.SEIZURE,
                classification=["SBU", "C", "C", "U", "SBU", "S"][n % 6],
                title_es=f"Aseguramiento de {rifles} fusiles en el cruce de {city}",
                title_en=f"Seizure of {rifles} rifles at the {city} crossing",
                body_es=(
                    f"En la revisión de un vehículo que ingresaba desde {us_city} se aseguraron "
                    f"{rifles} fusiles semiautomáticos calibre .223 y {magazines} cargadores "
                    "ocultos en un doble fondo. El conductor declaró haberlos recibido de un "
                    "comprador del otro lado de la frontera; el patrón coincide con compras "
                    "hormiga en armerías de la zona."
                ),
                body_en=(
                    f"An inspection of a vehicle entering from {us_city} found {rifles} "
                    f"semi-automatic .223 rifles and {magazines} magazines hidden in a false "
                    "floor. The driver said he received them from a buyer across the border; "
                    "the pattern matches straw purchases at gun shops in the area."
                ),
                event_date=datetime.date(YEAR, 8 if second else 6, 3 + n * 2),
                state=state,
                municipality=city,
                latitude=lat,
                longitude=lon,
                category="CONV",
                material="RIFLE-223",
                quantity=f"{rifles} fusiles, {magazines} cargadores",
                reliability="A" if n % 2 else "B",
                credibility="1" if n % 3 == 0 else "2",
                tags=["frontera norte", "armas", city.lower()],
                releases=[["PGR", "SEDENA"], ["ADUANAS", "PGR"], ["SEDENA", "SSP", "ADUANAS"]][
                    n % 3
                ]
                if n != 7
                else [],
                status=ReportStatus.DRAFT if n in (5, 11) else ReportStatus.PUBLISHED,
                partner="effective" if originator == "SEDENA" and n in (1, 7) else "",
                links=links,
            )
        )
    reports += [
        DemoReport(
            originator="LEGAT",
            report_type=ReportType.TRAFFICKING,
            classification="C",
            title_es="Red de compradores prestanombres en Laredo, Texas",
            title_en="Straw purchasing ring in Laredo, Texas",
            body_es=(
                "Un comprador prestanombres adquirió 38 fusiles en seis visitas a la misma "
                "armería en dos meses; varias armas aparecieron después en aseguramientos en "
                "Nuevo Laredo y Reynosa."
            ),
            body_en=(
                "A straw purchaser bought 38 rifles in six visits to the same gun shop over two "
                "months; several of them later turned up in seizures in Nuevo Laredo and Reynosa."
            ),
            event_date=datetime.date(YEAR, 7, 20),
            country="US",
            state="Texas",
            municipality="Laredo",
            category="CONV",
            material="RIFLE-223",
            quantity="38 rifles",
            reliability="B",
            credibility="2",
            tags=["straw purchase", "frontera norte"],
            releases=["PGR", "SEDENA", "ADUANAS"],
            links=[("kessler", LinkRole.SUBJECT), ("valley", LinkRole.SUPPLIER)],
        ),
        DemoReport(
            originator="LEGAT",
            report_type=ReportType.ASSESSMENT,
            classification="C",
            title_es="Evaluación: rutas de tráfico de armas hacia Tamaulipas",
            title_en="Assessment: arms trafficking routes into Tamaulipas",
            body_es=(
                "La mayoría de las armas rastreadas en Tamaulipas se compraron en el sur de "
                "Texas y cruzaron por Nuevo Laredo en vehículos de carga ligera."
            ),
            body_en=(
                "Most weapons traced in Tamaulipas were bought in South Texas and crossed at "
                "Nuevo Laredo in light cargo vehicles."
            ),
            event_date=datetime.date(YEAR, 9, 1),
            country="US",
            state="Texas",
            category="CONV",
            reliability="B",
            credibility="2",
            tlp="red",
            tags=["evaluación", "frontera norte"],
            releases=["PGR", "CISEN"],
            links=[("kessler", LinkRole.SUBJECT), ("garza", LinkRole.CARRIER)],
        ),
        DemoReport(
            originator="PGR",
            report_type=ReportType.TRAFFICKING,
            classification="S",
            title_es="Transportes Hermanos Garza como red de traslado de armas",
            title_en="Transportes Hermanos Garza as an arms transport network",
            body_es=(
                "Tres de los aseguramientos del año usaron unidades de la misma transportista; "
                "el chofer detenido en Nuevo Laredo trabajó para ella en 2008."
            ),
            body_en=(
                "Three of the year's seizures used vehicles of the same carrier; the driver "
                "arrested in Nuevo Laredo worked for it in 2008."
            ),
            event_date=datetime.date(YEAR, 9, 14),
            state="Tamaulipas",
            municipality="Nuevo Laredo",
            category="CONV",
            reliability="B",
            credibility="3",
            tags=["red", "frontera norte"],
            releases=["SEDENA", "CISEN"],
            links=[("garza", LinkRole.CARRIER), ("lozano", LinkRole.SUBJECT)],
        ),
        DemoReport(
            originator="CISEN",
            report_type=ReportType.ASSESSMENT,
            classification="C",
            title_es="Panorama del tráfico de armas en la frontera norte, tercer trimestre",
            title_en="Arms trafficking on the northern border, third quarter",
            body_es=(
                "Los aseguramientos crecieron en los seis cruces principales; los cartuchos "
                "7.62x39 aparecen junto con los fusiles en la mitad de los casos."
            ),
            body_en=(
                "Seizures grew at the six main crossings; 7.62x39 cartridges come with the "
                "rifles in half of the cases."
            ),
            event_date=datetime.date(YEAR, 10, 1),
            category="CONV",
            material="AMMO-762",
            reliability="B",
            credibility="2",
            tags=["evaluación", "frontera norte"],
            releases=["SEDENA", "PGR", "ADUANAS", "SSP", "SEMAR"],
            partner="effective",
            links=[("garza", LinkRole.CARRIER)],
        ),
    ]
    return reports


PROCUREMENT_ITEMS = [
    ("acero maraging en barras", "maraging steel bars", "NUC", "MARAGING", "2.4 t"),
    ("fibra de carbono de alto módulo", "high-modulus carbon fibre", "DELIV", "CFIBER", "800 kg"),
    ("trietanolamina", "triethanolamine", "CHEM", "TEA", "1,200 L"),
    ("un torno CNC de cinco ejes", "a five-axis CNC lathe", "NUC", "", "1 unidad"),
    (
        "bombas de vacío resistentes a la corrosión",
        "corrosion-resistant vacuum pumps",
        "CHEM",
        "",
        "6 unidades",
    ),
    ("cámaras de alta velocidad", "high-speed cameras", "NUC", "", "2 unidades"),
    ("un fermentador de 100 litros", "a 100-litre fermenter", "BIO", "", "1 unidad"),
    (
        "nitrato de amonio de grado técnico",
        "technical-grade ammonium nitrate",
        "EXPL",
        "AN",
        "20 t",
    ),
]


def _procurement_reports() -> list[DemoReport]:
    """Attempts by two front companies to buy dual-use goods, seen by customs, the navy and
    intelligence."""
    reports = []
    for n, (item_es, item_en, category, material, quantity) in enumerate(PROCUREMENT_ITEMS * 2):
        by_sea = n >= len(PROCUREMENT_ITEMS)
        company = "pacifico" if n % 2 else "fronteriza"
        name = ENTITIES[company][1]
        if by_sea:
            originator, place = "SEMAR", ("Michoacán", "Lázaro Cárdenas", "17.95830", "-102.19440")
            how_es = "en un contenedor descargado del MV Estrella del Golfo"
            how_en = "in a container unloaded from the MV Estrella del Golfo"
            links = [(company, LinkRole.CONSIGNEE), ("estrella", LinkRole.CARRIER)]
            links.append(("lazaro", LinkRole.LOCATION))
        else:
            originator = ["ADUANAS", "CISEN"][n % 2]
            place = ("Colima", "Manzanillo", "19.05400", "-104.31600")
            how_es = "con una descripción arancelaria que no corresponde a la mercancía"
            how_en = "under a tariff description that does not match the goods"
            links = [(company, LinkRole.CONSIGNEE)]
        if n % 3 == 0:
            links.append(("ochoa", LinkRole.SUBJECT))
        reports.append(
            DemoReport(
                originator=originator,
                report_type=ReportType.SUSPICIOUS_PROCUREMENT,
                classification=["C", "SBU"][n % 2] if by_sea else ["C", "S", "SBU", "C"][n % 4],
                title_es=f"Intento de adquisición de {item_es} por {name}",
                title_en=f"Attempt by {name} to procure {item_en}",
                body_es=(
                    f"{name} declaró la importación de {item_es} ({quantity}) {how_es}. La "
                    "empresa no tiene actividad industrial que justifique el uso final "
                    "declarado y el proveedor extranjero pidió confirmar el destino."
                ),
                body_en=(
                    f"{name} declared the import of {item_en} ({quantity}) {how_en}. The "
                    "company has no industrial activity that would explain the stated end use, "
                    "and the foreign supplier asked for the destination to be confirmed."
                ),
                event_date=datetime.date(YEAR, 4 + n % 6, 5 + n),
                state=place[0],
                municipality=place[1],
                latitude=place[2],
                longitude=place[3],
                category=category,
                material=material,
                quantity=quantity,
                reliability=["B", "C", "A"][n % 3],
                credibility=["2", "3", "2", "1"][n % 4],
                tags=[
                    "doble uso",
                    "empresa fachada" if company == "fronteriza" else "intermediario",
                ],
                releases=[["CISEN", "PGR"], ["ADUANAS", "SEMAR"], ["PGR"], ["SEDENA", "CISEN"]][
                    n % 4
                ],
                status=ReportStatus.DRAFT if n == 13 else ReportStatus.PUBLISHED,
                partner="effective" if originator == "CISEN" and n == 3 else "",
                links=links,
                request=0 if n == 0 else None,
            )
        )
    return reports


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


def demo_reports() -> list[DemoReport]:
    """Every demo report (plain data), each with its reference: numbered per originator in
    the order of this list."""
    reports = [
        *_arms_reports(),
        *_procurement_reports(),
        *_source_reports(),
        *_precursor_reports(),
        *_outreach_reports(),
    ]
    numbers: dict[str, int] = {}
    for report in reports:
        numbers[report.originator] = numbers.get(report.originator, 0) + 1
        report.reference = f"{report.originator}-{YEAR}-{numbers[report.originator]:04d}"
    return reports


# The agencies' distribution lists: owner, Spanish name, English name, members.
DISTRIBUTION_LISTS = [
    ("SEDENA", "Gabinete de seguridad", "Security cabinet", ["SEMAR", "PGR", "SSP", "CISEN"]),
    ("ADUANAS", "Frontera norte", "Northern border", ["SEDENA", "PGR", "SSP"]),
    (
        "CISEN",
        "Programa nacional",
        "National program",
        ["SEGOB", "SSP", "SEDENA", "SEMAR", "ADUANAS", "PGR", "SS"],
    ),
    ("SS", "Respuesta radiológica", "Radiological response", ["SEDENA", "PGR", "SSP", "SEGOB"]),
]

# The requests for information: requester, recipients, classification, due date, status,
# question and details in es and en.
REQUESTS = [
    (
        "PGR",
        ["ADUANAS", "CISEN"],
        "C",
        datetime.date(YEAR, 10, 9),
        RequestStatus.ANSWERED,
        "¿Qué importaciones ha declarado Comercializadora Fronteriza del Norte en 2009?",
        "What imports has Comercializadora Fronteriza del Norte declared in 2009?",
        "Se necesita para la carpeta de investigación sobre empresas fachada.",
        "Needed for the investigation file on front companies.",
    ),
    (
        "SS",
        ["SEDENA", "PGR", "CISEN"],
        "SBU",
        datetime.date(YEAR, 10, 23),
        RequestStatus.OPEN,
        "¿Quién tuvo acceso al medidor de cesio-137 entre el robo y su recuperación?",
        "Who had access to the caesium-137 gauge between the theft and its recovery?",
        "Para estimar posibles exposiciones y decidir si se examina a las personas.",
        "To estimate possible exposures and decide whether to examine people.",
    ),
]


def _plain(value: Any) -> Any:
    """A report field as a version keeps it (foreign keys by code)."""
    if isinstance(value, models.Model):
        return value.code  # type: ignore[attr-defined]
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def version_data(report: IntelReport) -> dict[str, Any]:
    """Every field of REPORT_FIELDS as plain JSON values (foreign keys by code), as the
    reports' versions keep them."""
    return {name: _plain(getattr(report, name)) for name in REPORT_FIELDS}


def _users(usernames: set[str]) -> dict[str, User]:
    found = {user.username: user for user in User.objects.filter(username__in=usernames)}
    for username in sorted(usernames - set(found)):
        fail("intel", f"the demo login “{username}” is missing (it is in the document's logins)")
    return found


def _record_bulk(
    actor: User | None, model: type[models.Model], rows: Sequence[models.Model], result: SeedResult
) -> None:
    """One ``seed.create`` audit entry for rows made with bulk_create (their ids)."""
    if not rows:
        return
    label = model._meta.label_lower
    record(
        actor=actor,
        action="seed.create",
        object_type=label,
        object_ids=[row.pk for row in rows],
        changes={"count": len(rows)},
    )
    result.created[label] += len(rows)


def _load_taxonomy(result: SeedResult, actor: User | None) -> dict[str, Material]:
    categories = {category.code: category for category in CbrnCategory.objects.all()}
    materials = {}
    for i, (code, category, name_es, name_en, cas) in enumerate(MATERIALS):
        if category not in categories:
            fail(f"intel.materials[{i}].category", f"unknown CBRN category “{category}”")
        materials[code] = upsert(
            Material,
            key={"code": code},
            values={
                "category": categories[category],
                "name_es": name_es,
                "name_en": name_en,
                "cas_number": cas,
            },
            where=f"intel.materials[{i}]",
            result=result,
            actor=actor,
        )
    return materials


def _load_entities(
    agencies: dict[str, Agency], users: dict[str, User], result: SeedResult, actor: User | None
) -> dict[str, Entity]:
    entities = {}
    for key, (kind, name, owner, country, identifier, description, aliases) in ENTITIES.items():
        entity = upsert(
            Entity,
            key={"kind": kind, "name": name},
            values={
                "owner": agencies[owner],
                "created_by": users[AUTHORS[owner]],
                "country": country,
                "identifier": identifier,
                "description": description,
            },
            where=f"intel.entities.{key}",
            result=result,
            actor=actor,
        )
        for alias in aliases:
            upsert(
                EntityAlias,
                key={"entity": entity, "name": alias},
                values={},
                where=f"intel.entities.{key}.aliases",
                result=result,
                actor=actor,
            )
        entities[key] = entity
    return entities


def _load_requests(
    agencies: dict[str, Agency],
    users: dict[str, User],
    levels: dict[str, ClassificationLevel],
    result: SeedResult,
    actor: User | None,
) -> list[InfoRequest]:
    requests = []
    for i, (requester, asked, level, due, status, t_es, t_en, d_es, d_en) in enumerate(REQUESTS):
        requests.append(
            upsert(
                InfoRequest,
                key={"requester": agencies[requester], "title_es": t_es},
                values={
                    "title_en": t_en,
                    "details_es": d_es,
                    "details_en": d_en,
                    "classification": levels[level],
                    "author": users[AUTHORS[requester]],
                    "due_date": due,
                    "status": status,
                },
                m2m={"recipients": [agencies[code] for code in asked]},
                where=f"intel.requests[{i}]",
                result=result,
                actor=actor,
            )
        )
    return requests


def _load_distribution_lists(
    agencies: dict[str, Agency], users: dict[str, User], result: SeedResult, actor: User | None
) -> None:
    for i, (owner, name_es, name_en, members) in enumerate(DISTRIBUTION_LISTS):
        upsert(
            DistributionList,
            key={"owner": agencies[owner], "name_es": name_es},
            values={"name_en": name_en, "created_by": users[AUTHORS[owner]]},
            m2m={"agencies": [agencies[code] for code in members]},
            where=f"intel.distribution_lists[{i}]",
            result=result,
            actor=actor,
        )


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=TZ)


def load_demo_intel(spec: dict[str, Any], *, result: SeedResult, actor: User | None = None) -> None:
    """The intelligence demo (see the module docstring). ``recorded_at`` is the latest moment
    a demo report may carry: reports whose event would be after it are not written.

    Needs the demo logins (the analysts of AUTHORS and SECOND_PERSON) and the default
    classification levels and CBRN categories. Errors name the place in the document.

    Side effects: Material, Entity, EntityAlias, DistributionList and InfoRequest rows
    created or brought back to this module's data (one audit entry each, ``seed.create`` or
    ``seed.update``); for every demo report not there yet (by reference), in bulk: the
    IntelReport row, its version 1, its releases (effective; to the partner, effective with
    the second person's approval and reason, or pending) and its entity links, with one
    ``seed.create`` audit entry per model naming the ids written.
    """
    check_entry(spec, "intel", INTEL_KEYS)
    until = parse_moment(spec["recorded_at"], "intel.recorded_at")
    reports = [r for r in demo_reports() if _moment(r.event_date, 12) <= until]

    agencies = {agency.code: agency for agency in Agency.objects.all()}
    for code in sorted({*AUTHORS, PARTNER} - set(agencies)):
        fail("intel", f"unknown agency code “{code}” (load the program document first)")
    levels = {level.code: level for level in ClassificationLevel.objects.all()}
    for code in sorted({r.classification for r in reports} - set(levels)):
        fail("intel", f"unknown classification level “{code}”")
    users = _users({*AUTHORS.values(), *SECOND_PERSON.values()})

    materials = _load_taxonomy(result, actor)
    categories = {category.code: category for category in CbrnCategory.objects.all()}
    entities = _load_entities(agencies, users, result, actor)
    requests = _load_requests(agencies, users, levels, result, actor)
    _load_distribution_lists(agencies, users, result, actor)

    existing = set(
        IntelReport.objects.filter(reference__in=[r.reference for r in reports]).values_list(
            "reference", flat=True
        )
    )
    wanted = [r for r in reports if r.reference not in existing]
    if not wanted:
        return

    rows = []
    for demo in wanted:
        report = IntelReport(
            reference=demo.reference,
            title_es=demo.title_es,
            title_en=demo.title_en,
            body_es=demo.body_es,
            body_en=demo.body_en,
            report_type=demo.report_type,
            classification=levels[demo.classification],
            tlp=demo.tlp,
            cbrn_category=categories.get(demo.category),
            material=materials.get(demo.material),
            quantity=demo.quantity,
            country=demo.country,
            state=demo.state,
            municipality=demo.municipality,
            latitude=decimal.Decimal(demo.latitude) if demo.latitude else None,
            longitude=decimal.Decimal(demo.longitude) if demo.longitude else None,
            event_date=demo.event_date,
            source_reliability=demo.reliability,
            information_credibility=demo.credibility,
            itdb_group=demo.itdb,
            tags=list(demo.tags),
            originator=agencies[demo.originator],
            author=users[AUTHORS[demo.originator]],
            status=demo.status,
            request=requests[demo.request] if demo.request is not None else None,
        )
        report.full_clean(exclude=["reference"])
        if demo.status != ReportStatus.DRAFT:
            report.published_at = _moment(demo.event_date + datetime.timedelta(days=1), 13)
            report.published_version = 1
        rows.append(report)
    IntelReport.objects.bulk_create(rows)
    if rows[0].pk is None:  # a database that does not return ids from bulk inserts
        by_reference = dict(
            IntelReport.objects.filter(reference__in=[r.reference for r in rows]).values_list(
                "reference", "pk"
            )
        )
        for report in rows:
            report.pk = by_reference[report.reference]
    # The moments the demo's story gives (auto_now_add set them to now on insert).
    for demo, report in zip(wanted, rows, strict=True):
        report.created_at = report.updated_at = _moment(
            demo.event_date + datetime.timedelta(days=1), 10
        )
    IntelReport.objects.bulk_update(rows, ["created_at", "updated_at"])
    _record_bulk(actor, IntelReport, rows, result)

    versions = [
        ReportVersion(
            report=report,
            number=1,
            classification=report.classification,
            data=version_data(report),
            changed_by=report.author,
        )
        for report in rows
    ]
    ReportVersion.objects.bulk_create(versions)
    _record_bulk(actor, ReportVersion, list(ReportVersion.objects.filter(report__in=rows)), result)

    releases = []
    for demo, report in zip(wanted, rows, strict=True):
        if demo.status == ReportStatus.DRAFT:
            continue
        author = users[AUTHORS[demo.originator]]
        for code in demo.releases:
            if code != demo.originator:
                releases.append(
                    ReportRelease(
                        report=report,
                        agency=agencies[code],
                        state=ReleaseState.EFFECTIVE,
                        requested_by=author,
                    )
                )
        if demo.partner and demo.originator != PARTNER:
            second = users[SECOND_PERSON[demo.originator]]
            effective = demo.partner == "effective"
            releases.append(
                ReportRelease(
                    report=report,
                    agency=agencies[PARTNER],
                    state=ReleaseState.EFFECTIVE if effective else ReleaseState.PENDING,
                    requested_by=author,
                    decided_by=second if effective else None,
                    decided_at=_moment(demo.event_date + datetime.timedelta(days=2), 11)
                    if effective
                    else None,
                    reason="Necesario para la cooperación con la Agregaduría (demo)."
                    if effective
                    else "",
                )
            )
    ReportRelease.objects.bulk_create(releases)
    _record_bulk(actor, ReportRelease, list(ReportRelease.objects.filter(report__in=rows)), result)

    links = [
        ReportEntity(report=report, entity=entities[key], role=role)
        for demo, report in zip(wanted, rows, strict=True)
        for key, role in dict.fromkeys(demo.links)
    ]
    ReportEntity.objects.bulk_create(links)
    _record_bulk(actor, ReportEntity, list(ReportEntity.objects.filter(report__in=rows)), result)
