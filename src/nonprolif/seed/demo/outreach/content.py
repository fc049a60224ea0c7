"""The outreach demo's stakeholders as plain data: twenty fictional companies, universities,
laboratories and a hospital of the 2009 program, with their contacts (the materials, visits
and the tip: ``visits``). Every company, university, person,
address and e-mail address is invented (e-mail domains end in ``.example``)."""

from __future__ import annotations

from dataclasses import dataclass

from nonprolif.outreach.models import Sector, StakeholderKind

C, U, L, H = (
    StakeholderKind.COMPANY,
    StakeholderKind.UNIVERSITY,
    StakeholderKind.LABORATORY,
    StakeholderKind.HOSPITAL,
)


@dataclass(frozen=True)
class DemoStakeholder:
    key: str
    name: str
    kind: str
    sector: str
    state: str
    city: str
    materials: str
    categories: tuple[str, ...]
    agency: str
    contacts: tuple[tuple[str, str, str], ...]  # name, position, e-mail


BAJIO = "Química Industrial del Bajío S.A. de C.V."

STAKEHOLDERS = [
    DemoStakeholder(
        "bajio",
        BAJIO,
        C,
        Sector.CHEMICAL_DISTRIBUTION,
        "Guanajuato",
        "Celaya",
        "Tiodiglicol, trietanolamina, cianuro de sodio",
        ("CHEM",),
        "SS",
        (
            (
                "Gabriela Núñez Olvera",
                "Gerente de cumplimiento",
                "gnunez@quimicabajio.com.mx.example",
            ),
            ("Octavio Ruelas Mireles", "Director comercial", "oruelas@quimicabajio.com.mx.example"),
        ),
    ),
    DemoStakeholder(
        "reactivos",
        "Distribuidora de Reactivos del Norte S.A. de C.V.",
        C,
        Sector.CHEMICAL_DISTRIBUTION,
        "Nuevo León",
        "Monterrey",
        "Trietanolamina, fluoruro de potasio, tricloruro de fósforo",
        ("CHEM",),
        "SS",
        (
            (
                "Mauricio Elizondo Garza",
                "Responsable sanitario",
                "melizondo@reactivosnorte.com.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "occidente",
        "Productos Químicos de Occidente S.A. de C.V.",
        C,
        Sector.CHEMICAL_DISTRIBUTION,
        "Jalisco",
        "Guadalajara",
        "Dimetilamina, cloruro de tionilo",
        ("CHEM",),
        "SS",
        (("Rosa Elena Partida Cuevas", "Jefa de almacén", "rpartida@pqoccidente.com.mx.example"),),
    ),
    DemoStakeholder(
        "valle",
        "Químicos y Solventes del Valle de México S.A. de C.V.",
        C,
        Sector.CHEMICAL_DISTRIBUTION,
        "Estado de México",
        "Tlalnepantla",
        "Metilfosfonato de dimetilo, isopropanol, fluoruro de sodio",
        ("CHEM",),
        "SS",
        (("Jesús Arriaga Tapia", "Gerente de ventas", "jarriaga@qsvalle.com.mx.example"),),
    ),
    DemoStakeholder(
        "leon",
        "Comercial Agroquímica de León S.A. de C.V.",
        C,
        Sector.CHEMICAL_DISTRIBUTION,
        "Guanajuato",
        "León",
        "Plaguicidas organofosforados, fosfito de trietilo",
        ("CHEM",),
        "SS",
        (("Leticia Barrón Quiroz", "Gerente general", "lbarron@agroleon.com.mx.example"),),
    ),
    DemoStakeholder(
        "hospital",
        "Hospital Regional de Especialidades del Noreste",
        H,
        Sector.HEALTHCARE,
        "Nuevo León",
        "Monterrey",
        "Unidad de teleterapia con fuente de cobalto-60; fuentes de cesio-137 de braquiterapia",
        ("RAD",),
        "SS",
        (
            (
                "Dr. Arturo Villarreal Cantú",
                "Jefe de radioterapia",
                "avillarreal@hren.salud.mx.example",
            ),
            (
                "Ing. Sonia Treviño Leal",
                "Encargada de seguridad radiológica",
                "strevino@hren.salud.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "iesoccidente",
        "Instituto de Estudios Superiores de Occidente",
        U,
        Sector.ACADEMIA,
        "Jalisco",
        "Zapopan",
        "Biorreactores de 20 L; cepas bacterianas de referencia",
        ("BIO",),
        "SS",
        (
            (
                "Dra. Mónica Gallardo Ibarra",
                "Coordinadora de investigación",
                "mgallardo@ieso.edu.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "veterinario",
        "Laboratorio de Diagnóstico Veterinario del Centro",
        L,
        Sector.BIOTECHNOLOGY,
        "Querétaro",
        "Querétaro",
        "Agentes zoonóticos de referencia; laboratorio de bioseguridad nivel 3",
        ("BIO",),
        "SS",
        (
            (
                "M.V.Z. Raúl Olguín Saldaña",
                "Director del laboratorio",
                "rolguin@ldvc.gob.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "politecnica",
        "Universidad Politécnica del Noreste",
        U,
        Sector.ACADEMIA,
        "Nuevo León",
        "San Nicolás de los Garza",
        "Conjunto subcrítico de enseñanza con uranio natural; fuentes de calibración",
        ("NUC", "RAD"),
        "SEDENA",
        (
            (
                "Dr. Efraín Cavazos Lozano",
                "Jefe del departamento de física nuclear",
                "ecavazos@upn.edu.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "meseta",
        "Universidad Autónoma de la Meseta Central",
        U,
        Sector.ACADEMIA,
        "Estado de México",
        "Toluca",
        "Síntesis orgánica con precursores de la Lista 2 en cantidades de laboratorio",
        ("CHEM",),
        "SEDENA",
        (
            (
                "Dra. Irma Becerril Colín",
                "Directora de la Facultad de Química",
                "ibecerril@uamc.edu.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "gammagrafia",
        "Servicios de Gammagrafía del Norte S.A. de C.V.",
        C,
        Sector.NUCLEAR_RADIOLOGICAL,
        "Coahuila",
        "Monclova",
        "Cámaras de gammagrafía con fuentes de iridio-192 y selenio-75",
        ("RAD",),
        "SEDENA",
        (
            (
                "Ing. Homero Valdés Zertuche",
                "Oficial de seguridad radiológica",
                "hvaldes@gammanorte.com.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "minera",
        "Minera Peñasco Azul S.A. de C.V.",
        C,
        Sector.MINING,
        "Zacatecas",
        "Mazapil",
        "Mineral con uranio asociado; explosivos para voladura",
        ("NUC", "EXPL"),
        "SEDENA",
        (
            (
                "Lic. Ernesto Dávila Murillo",
                "Gerente de seguridad",
                "edavila@penascoazul.com.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "nitratos",
        "Fertilizantes y Nitratos del Norte S.A. de C.V.",
        C,
        Sector.CHEMICAL_MANUFACTURING,
        "Sonora",
        "Hermosillo",
        "Nitrato de amonio",
        ("EXPL",),
        "SEDENA",
        (("Ing. Alma Lucía Robles Félix", "Jefa de planta", "arobles@fenitro.com.mx.example"),),
    ),
    DemoStakeholder(
        "golfo",
        "Radiografía Industrial del Golfo S.A. de C.V.",
        C,
        Sector.NUCLEAR_RADIOLOGICAL,
        "Veracruz",
        "Coatzacoalcos",
        "Cámaras de gammagrafía con fuentes de iridio-192",
        ("RAD",),
        "SEMAR",
        (
            (
                "Ing. Pablo Hernández Cruz",
                "Oficial de seguridad radiológica",
                "phernandez@rigolfo.com.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "manzanillo",
        "Terminal Especializada de Contenedores del Pacífico",
        C,
        Sector.LOGISTICS,
        "Colima",
        "Manzanillo",
        "Carga en tránsito y trasbordo; portales de detección de radiación",
        ("RAD",),
        "SEMAR",
        (
            (
                "Cap. Ignacio Larios Preciado",
                "Gerente de protección portuaria",
                "ilarios@tecpacifico.com.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "ciencias-mar",
        "Universidad Autónoma del Golfo, Instituto de Ciencias del Mar",
        U,
        Sector.ACADEMIA,
        "Veracruz",
        "Boca del Río",
        "Fuentes de calibración de cesio-137; trazadores radiactivos",
        ("RAD",),
        "SEMAR",
        (
            (
                "Dr. Samuel Aguirre Domínguez",
                "Director del instituto",
                "saguirre@uagolfo.edu.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "aduanal",
        "Agencia Aduanal Fronteriza Treviño y Asociados S.C.",
        C,
        Sector.LOGISTICS,
        "Tamaulipas",
        "Nuevo Laredo",
        "Despacho de mercancías de doble uso hacia y desde Estados Unidos",
        ("CHEM", "NUC"),
        "ADUANAS",
        (("Lic. Norma Treviño Salinas", "Agente aduanal", "ntrevino@aaftrevino.com.mx.example"),),
    ),
    DemoStakeholder(
        "maquinados",
        "Maquinados de Precisión del Bajío S.A. de C.V.",
        C,
        Sector.ELECTRONICS,
        "Querétaro",
        "El Marqués",
        "Tornos CNC de cinco ejes; acero maraging",
        ("NUC",),
        "ADUANAS",
        (("Ing. Felipe Orozco Vega", "Director de operaciones", "forozco@mpbajio.com.mx.example"),),
    ),
    DemoStakeholder(
        "tijuana",
        "Electrónica Industrial de Tijuana S.A. de C.V.",
        C,
        Sector.ELECTRONICS,
        "Baja California",
        "Tijuana",
        "Interruptores y disparadores de alta tensión (doble uso)",
        ("NUC",),
        "ADUANAS",
        (
            (
                "Ing. Karina Soto Medina",
                "Gerente de exportaciones",
                "ksoto@eitijuana.com.mx.example",
            ),
        ),
    ),
    DemoStakeholder(
        "farmapacifico",
        "Laboratorios Farmacéuticos del Pacífico S.A. de C.V.",
        C,
        Sector.PHARMACEUTICAL,
        "Sinaloa",
        "Culiacán",
        "Precursores químicos; fermentadores de 500 L",
        ("CHEM", "BIO"),
        "PGR",
        (
            (
                "Q.F.B. Adrián Beltrán Osuna",
                "Responsable sanitario",
                "abeltran@lfpacifico.com.mx.example",
            ),
        ),
    ),
]
