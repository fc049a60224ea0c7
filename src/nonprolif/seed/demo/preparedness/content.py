"""The demo exercise as plain data: a two-day tabletop in February 2010 on a stolen industrial
radiography source (iridium-192) smuggled towards the northern border, with its objectives,
its people in roles, its MSEL, what the players did, what the evaluators saw, the ratings, the
hot wash and the improvement plan. Everything is invented; nothing here is random."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from nonprolif.preparedness.models import ParticipantRole, Rating

#: The program's time zone in February (central standard time, no daylight saving).
TZ = datetime.timezone(datetime.timedelta(hours=-6), "CST")
DAY_1 = datetime.date(2010, 2, 16)
DAY_2 = datetime.date(2010, 2, 17)


def at(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment of the exercise: day 1 or 2, local time (stored in UTC)."""
    local = datetime.datetime.combine(
        DAY_1 if day == 1 else DAY_2, datetime.time(hour, minute), tzinfo=TZ
    )
    return local.astimezone(datetime.UTC)


EXERCISE: dict[str, Any] = {
    "title_es": (
        "Ejercicio de mesa «Fuente Perdida»: una fuente de iridio-192 robada rumbo al norte"
    ),
    "title_en": "Tabletop exercise “Lost Source”: a stolen iridium-192 source heading north",
    "scenario_es": (
        "Un lunes por la mañana, una empresa de gammagrafía industrial de Monclova, Coahuila, "
        "descubre que la camioneta que transportaba una cámara de radiografía con una fuente "
        "de iridio-192 de 1.3 TBq fue robada durante la noche en un paradero de la carretera "
        "federal 57. La información de inteligencia indica que la fuente podría venderse a un "
        "grupo que pretende cruzarla a Estados Unidos por Nuevo Laredo. Las agencias deben "
        "compartir la alerta, buscar y detectar la fuente en los cruces y carreteras, "
        "interceptar el vehículo, asegurar la fuente y comunicar el riesgo a la población y a "
        "los servicios de salud."
    ),
    "scenario_en": (
        "On a Monday morning, an industrial radiography company in Monclova, Coahuila, finds "
        "that the pickup truck carrying a radiography camera with a 1.3 TBq iridium-192 source "
        "was stolen overnight at a rest stop on federal highway 57. Intelligence suggests the "
        "source may be sold to a group that intends to take it across into the United States "
        "at Nuevo Laredo. The agencies must share the alert, search for and detect the source "
        "at the crossings and on the highways, stop the vehicle, secure the source and tell "
        "the public and the health services about the risk."
    ),
    "venue": "Sede del CISEN, Ciudad de México",
    "starts_on": DAY_1,
    "ends_on": DAY_2,
    "classification": "SBU",
    "cbrn_category": "RAD",
    "agencies": ["SEGOB", "CISEN", "SSP", "SEDENA", "SEMAR", "ADUANAS", "PGR", "SS"],
    "created_at": datetime.datetime(2009, 10, 12, 10, 0, tzinfo=datetime.UTC),
    "conduct_started_at": at(1, 9, 0),
    "conduct_ended_at": at(2, 13, 30),
    "hotwash_es": (
        "Fortalezas: la alerta inicial llegó a todas las agencias en menos de una hora y el "
        "grupo de coordinación se instaló en el primer día. Áreas de mejora: no existe un "
        "protocolo común para avisar de una fuente radiactiva perdida; los cruces del norte "
        "cuentan con pocos detectores portátiles; los mensajes al público fueron "
        "contradictorios y ninguna agencia asumió la vocería. Los participantes pidieron "
        "capacitación en comunicación de riesgos radiológicos."
    ),
    "hotwash_en": (
        "Strengths: the first alert reached every agency within an hour and the coordination "
        "group was set up on the first day. Areas for improvement: there is no common "
        "protocol to report a lost radioactive source; the northern crossings have few "
        "hand-held detectors; the messages to the public contradicted each other and no "
        "agency took the role of spokesperson. The participants asked for training in "
        "radiological risk communication."
    ),
}

#: The people in roles: (login, role). The director is the program's coordinator.
PARTICIPANTS = [
    ("coordinador", ParticipantRole.DIRECTOR),
    ("enlace-sedena", ParticipantRole.CONTROLLER),
    ("enlace-semar", ParticipantRole.EVALUATOR),
    ("enlace-aduanas", ParticipantRole.EVALUATOR),
    ("analista-cisen", ParticipantRole.PLAYER),
    ("analista-sedena", ParticipantRole.PLAYER),
    ("analista-pgr", ParticipantRole.PLAYER),
    ("analista-ssp", ParticipantRole.PLAYER),
    ("analista-ss", ParticipantRole.PLAYER),
]
CONTROLLER = "enlace-sedena"


@dataclass(frozen=True)
class DemoObjective:
    number: int
    capabilities: tuple[str, ...]
    text_es: str
    text_en: str
    rating: str
    rated_by: str
    notes_es: str
    notes_en: str


OBJECTIVES = [
    DemoObjective(
        1,
        ("intelligence-and-information-sharing",),
        "Compartir entre las ocho agencias, en menos de dos horas, la alerta del robo y la "
        "descripción de la fuente, del vehículo y de los sospechosos.",
        "Share the theft alert and the description of the source, the vehicle and the "
        "suspects among the eight agencies within two hours.",
        Rating.S,
        "enlace-semar",
        "La alerta llegó a tiempo, pero la descripción de la fuente se envió incompleta a dos "
        "agencias.",
        "The alert arrived in time, but two agencies got an incomplete description of the source.",
    ),
    DemoObjective(
        2,
        ("screening-search-and-detection",),
        "Desplegar la detección radiológica en los cruces de Nuevo Laredo y en las carreteras "
        "federales 57 y 85 en menos de seis horas.",
        "Deploy radiation detection at the Nuevo Laredo crossings and on federal highways 57 "
        "and 85 within six hours.",
        Rating.M,
        "enlace-aduanas",
        "Sólo dos de los cinco cruces tenían detectores portátiles; el despliegue tardó once "
        "horas.",
        "Only two of the five crossings had hand-held detectors; deployment took eleven hours.",
    ),
    DemoObjective(
        3,
        ("interdiction-and-disruption", "on-scene-security-protection-and-law-enforcement"),
        "Coordinar la interceptación del vehículo y la custodia segura de la fuente hasta su "
        "entrega a la autoridad reguladora.",
        "Coordinate stopping the vehicle and the safe custody of the source until it is handed "
        "to the regulator.",
        Rating.P,
        "enlace-aduanas",
        "La interceptación y la cadena de custodia se ejecutaron según los procedimientos.",
        "The stop and the chain of custody followed the procedures.",
    ),
    DemoObjective(
        4,
        ("operational-coordination",),
        "Establecer un grupo de coordinación interinstitucional con un mando unificado y "
        "mantenerlo durante todo el incidente.",
        "Set up an interagency coordination group under unified command and keep it running "
        "throughout the incident.",
        Rating.S,
        "enlace-semar",
        "El grupo se instaló el primer día; faltó un directorio actualizado de enlaces 24/7.",
        "The group was set up on the first day; an up-to-date 24/7 liaison directory was missing.",
    ),
    DemoObjective(
        5,
        ("public-information-and-warning",),
        "Emitir mensajes coherentes y oportunos a la población y a los servicios de salud sobre "
        "el riesgo de la fuente.",
        "Issue consistent and timely messages about the source's risk to the public and to the "
        "health services.",
        Rating.U,
        "enlace-semar",
        "Ninguna agencia asumió la vocería y se emitieron dos mensajes contradictorios.",
        "No agency acted as spokesperson and two contradictory messages went out.",
    ),
]
RATED_AT = datetime.datetime(2010, 2, 18, 18, 0, tzinfo=datetime.UTC)  # noon in Mexico City


@dataclass(frozen=True)
class DemoInject:
    number: int
    when: datetime.datetime
    sender: str
    recipient: str
    objective: int
    synopsis_es: str
    synopsis_en: str
    expected_es: str
    expected_en: str
