"""What happened during the demo exercise: the players' actions (recorded by the controller),
the evaluators' observations, and the improvement plan agreed at the after-action meeting.

Player actions and observations are what a controller or an evaluator typed during conduct:
one text, in the language they wrote it in (Spanish)."""

from __future__ import annotations

import datetime
from typing import Any

from nonprolif.events.models import ActionStatus
from nonprolif.preparedness.models import ObservationKind

from .content import TZ, at

S = ObservationKind.STRENGTH
I = ObservationKind.IMPROVEMENT  # noqa: E741 (the observation kinds read as S, I, N)
N = ObservationKind.NOTE

# Player actions: (inject number, agency, moment, text).
PLAYER_ACTIONS = [
    (
        1,
        "SS",
        at(1, 9, 10),
        "La SS clasifica la fuente como categoría 2 y avisa al CISEN por la línea directa.",
    ),
    (
        2,
        "CISEN",
        at(1, 9, 50),
        "El CISEN difunde la alerta a las ocho agencias; SEMAR y SSP la reciben sin la ficha "
        "técnica.",
    ),
    (
        3,
        "SSP",
        at(1, 10, 40),
        "La SSP acordona la camioneta en Saltillo y mide la tasa de dosis: fondo natural.",
    ),
    (
        4,
        "CISEN",
        at(1, 11, 20),
        "Se instala el grupo de coordinación con el CISEN al mando y reuniones cada cuatro horas.",
    ),
    (
        5,
        "PGR",
        at(1, 12, 30),
        "La PGR pide al CISEN el reporte de la fuente humana para abrir una línea de "
        "investigación.",
    ),
    (
        6,
        "ADUANAS",
        at(1, 13, 40),
        "Aduanas despliega detectores portátiles en dos de los cinco cruces; pide equipo a la "
        "SEDENA.",
    ),
    (
        7,
        "SEDENA",
        at(1, 14, 20),
        "La SEDENA envía a los retenes las instrucciones de revisión y los umbrales de alarma.",
    ),
    (
        8,
        "SEGOB",
        at(1, 15, 45),
        "SEGOB y SS emiten por separado dos comunicados con cifras de riesgo distintas.",
    ),
    (
        9,
        "SS",
        at(1, 16, 30),
        "La SS alerta a los hospitales de Nuevo León y Coahuila sobre lesiones por radiación.",
    ),
    (
        11,
        "ADUANAS",
        at(2, 9, 15),
        "Aduanas desvía el tráiler a revisión secundaria y localiza la cámara con un detector "
        "portátil.",
    ),
    (
        12,
        "SEMAR",
        at(2, 10, 20),
        "La SEMAR refuerza la vigilancia del puerto de Tampico y comparte la lista de "
        "embarcaciones.",
    ),
    (
        13,
        "PGR",
        at(2, 11, 20),
        "La PGR detiene a dos personas; la SS recibe la fuente con su cadena de custodia.",
    ),
]

# Observations: (objective, inject number or None, evaluator, kind, moment, text).
OBSERVATIONS = [
    (
        1,
        1,
        "enlace-semar",
        S,
        at(1, 9, 15),
        "La SS identificó la categoría de la fuente en diez minutos y avisó por la línea directa.",
    ),
    (
        1,
        2,
        "enlace-semar",
        I,
        at(1, 10, 0),
        "Dos agencias recibieron la alerta sin la ficha técnica: no hay una lista de distribución "
        "única.",
    ),
    (
        1,
        5,
        "enlace-semar",
        S,
        at(1, 12, 40),
        "El CISEN evaluó y compartió la información de la fuente humana en menos de una hora.",
    ),
    (
        1,
        None,
        "enlace-aduanas",
        N,
        at(1, 12, 50),
        "Las agencias usan formatos distintos para la misma alerta.",
    ),
    (
        2,
        6,
        "enlace-aduanas",
        I,
        at(1, 13, 50),
        "Sólo dos de cinco cruces tienen detectores portátiles; el resto depende de préstamos.",
    ),
    (
        2,
        7,
        "enlace-aduanas",
        S,
        at(1, 14, 30),
        "Los retenes de la SEDENA recibieron instrucciones claras con umbrales de alarma.",
    ),
    (
        2,
        None,
        "enlace-aduanas",
        I,
        at(1, 17, 30),
        "El despliegue completo tardó once horas, frente a las seis del objetivo.",
    ),
    (
        2,
        11,
        "enlace-aduanas",
        S,
        at(2, 9, 20),
        "El personal de Aduanas aplicó bien el protocolo de revisión secundaria.",
    ),
    (
        2,
        11,
        "enlace-aduanas",
        I,
        at(2, 9, 35),
        "Los operadores de los portales no sabían a quién llamar para el peritaje radiológico.",
    ),
    (
        3,
        3,
        "enlace-aduanas",
        S,
        at(1, 10, 50),
        "La SSP preservó los indicios de la camioneta y midió la tasa de dosis antes de acercarse.",
    ),
    (
        3,
        10,
        "enlace-aduanas",
        S,
        at(1, 17, 20),
        "Reparto claro de tareas entre PGR, SSP y SEDENA para la interceptación.",
    ),
    (
        3,
        13,
        "enlace-aduanas",
        S,
        at(2, 11, 30),
        "La cadena de custodia de la fuente quedó documentada sin huecos.",
    ),
    (
        3,
        12,
        "enlace-semar",
        N,
        at(2, 10, 30),
        "La SEMAR compartió la lista de embarcaciones, pero por correo personal.",
    ),
    (
        4,
        4,
        "enlace-semar",
        S,
        at(1, 11, 30),
        "El grupo de coordinación se instaló en veinte minutos con un mando unificado.",
    ),
    (
        4,
        None,
        "enlace-semar",
        I,
        at(1, 12, 10),
        "El directorio de enlaces 24/7 estaba desactualizado: tres números no respondieron.",
    ),
    (
        4,
        15,
        "enlace-semar",
        S,
        at(2, 13, 15),
        "El cierre del incidente asignó tareas a cada agencia con fechas.",
    ),
    (
        5,
        8,
        "enlace-semar",
        I,
        at(1, 15, 50),
        "Dos comunicados con cifras distintas; nadie asumió la vocería.",
    ),
    (
        5,
        9,
        "enlace-semar",
        S,
        at(1, 16, 40),
        "La alerta a los hospitales salió a tiempo y con criterios clínicos.",
    ),
    (
        5,
        14,
        "enlace-semar",
        I,
        at(2, 12, 20),
        "La conferencia de prensa no se realizó: no había mensaje acordado ni vocero.",
    ),
    (
        5,
        None,
        "enlace-aduanas",
        I,
        at(2, 12, 40),
        "Ninguna agencia tiene personal capacitado en comunicación de riesgos radiológicos.",
    ),
]

AFTER_ACTION = {
    "title_es": "Reunión posterior al ejercicio: Fuente Perdida",
    "title_en": "After-action meeting: Lost Source",
    "date": datetime.date(2010, 3, 2),
    "place": "Sede del CISEN, Ciudad de México",
    "summary_es": (
        "Revisión del borrador del informe posterior a la acción y acuerdo del plan de mejora."
    ),
    "summary_en": "Review of the draft after-action report and agreement on the improvement plan.",
}
AFTER_ACTION_RECORDED = datetime.datetime(2010, 3, 2, 13, 0, tzinfo=TZ)

# The improvement plan: each line an action item of the after-action meeting, with its
# objective and capability; one is a training need not yet proposed.
CORRECTIVE_ACTIONS: list[dict[str, Any]] = [
    {
        "objective": 1,
        "capability": "intelligence-and-information-sharing",
        "training_need": False,
        "item": {
            "title_es": "Protocolo común de alerta por fuente radiactiva perdida o robada",
            "title_en": "A common alert protocol for a lost or stolen radioactive source",
            "description_es": "Una lista de distribución única y una ficha técnica estándar.",
            "description_en": "One distribution list and a standard data sheet.",
            "owner_agency": "CISEN",
            "due_date": "2010-04-30",
            "status": ActionStatus.IN_PROGRESS,
        },
    },
    {
        "objective": 2,
        "capability": "screening-search-and-detection",
        "training_need": False,
        "item": {
            "title_es": "Detectores portátiles en los cinco cruces de Nuevo Laredo",
            "title_en": "Hand-held detectors at the five Nuevo Laredo crossings",
            "description_es": "Inventario, compra y asignación de detectores a cada cruce.",
            "description_en": "Inventory, purchase and assignment of detectors to each crossing.",
            "owner_agency": "ADUANAS",
            "due_date": "2010-06-30",
            "status": ActionStatus.OPEN,
        },
    },
    {
        "objective": 4,
        "capability": "operational-coordination",
        "training_need": False,
        "item": {
            "title_es": "Directorio de enlaces 24/7 de las ocho agencias, actualizado",
            "title_en": "The eight agencies' 24/7 liaison directory, brought up to date",
            "owner_agency": "SSP",
            "due_date": "2010-03-15",
            "status": ActionStatus.DONE,
            "closed_at": "2010-03-11T17:00:00-06:00",
        },
    },
    {
        "objective": 5,
        "capability": "public-information-and-warning",
        "training_need": True,
        "item": {
            "title_es": (
                "Capacitar a los voceros de las agencias en comunicación de riesgos radiológicos"
            ),
            "title_en": "Train the agencies' spokespeople in radiological risk communication",
            "description_es": (
                "Un curso para los voceros de SEGOB, SS y CISEN antes del próximo ejercicio."
            ),
            "description_en": (
                "A course for the SEGOB, SS and CISEN spokespeople before the next exercise."
            ),
            "owner_agency": "SEGOB",
            "due_date": "2010-05-31",
            "status": ActionStatus.OPEN,
        },
    },
]
