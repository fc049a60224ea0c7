"""Demo reports on arms trafficking across the northern border and on dual-use procurement
attempts."""

from __future__ import annotations

import datetime

from nonprolif.intel.models import (
    LinkRole,
    ReportStatus,
    ReportType,
)

from .model import ENTITIES, YEAR, DemoReport

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
