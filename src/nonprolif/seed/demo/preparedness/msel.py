"""The demo exercise's MSEL: fifteen injects over the two days, each tied to an objective."""

from __future__ import annotations

from .content import DemoInject, at

# fmt: off
INJECTS = [
    DemoInject(
        1, at(1, 9, 0), "SIMCELL", "SS", 1,
        "La empresa de gammagrafía de Monclova informa por teléfono que su camioneta con una "
        "cámara de iridio-192 fue robada durante la noche.",
        "The Monclova radiography company reports by phone that its truck carrying an "
        "iridium-192 camera was stolen overnight.",
        "Registrar el reporte, clasificar la fuente y avisar de inmediato al CISEN.",
        "Log the report, categorise the source and tell CISEN at once.",
    ),
    DemoInject(
        2, at(1, 9, 30), "SS", "CISEN", 1,
        "La Secretaría de Salud envía la ficha técnica de la fuente: actividad, número de "
        "serie y blindaje.",
        "Health sends the source's data sheet: activity, serial number and shielding.",
        "Difundir la alerta con la ficha técnica a las ocho agencias.",
        "Send the alert with the data sheet to the eight agencies.",
    ),
    DemoInject(
        3, at(1, 10, 15), "SIMCELL", "SSP", 3,
        "La policía estatal encuentra en Saltillo la camioneta abandonada, sin la cámara.",
        "State police find the truck abandoned in Saltillo, without the camera.",
        "Acordonar el vehículo, medir la tasa de dosis y preservar los indicios.",
        "Cordon off the vehicle, measure the dose rate and preserve the evidence.",
    ),
    DemoInject(
        4, at(1, 11, 0), "CISEN", "Grupo de coordinación", 4,
        "El CISEN convoca al grupo de coordinación interinstitucional.",
        "CISEN convenes the interagency coordination group.",
        "Instalar el grupo, designar el mando unificado y fijar el ciclo de reuniones.",
        "Set up the group, name the unified command and fix the meeting cycle.",
    ),
    DemoInject(
        5, at(1, 12, 0), "SIMCELL", "CISEN", 1,
        "Una fuente humana reporta que un grupo ofrece «material radiactivo» a compradores "
        "en Nuevo Laredo.",
        "A human source reports that a group offers “radioactive material” to buyers in "
        "Nuevo Laredo.",
        "Evaluar la información y compartirla con la PGR, la SEDENA y Aduanas.",
        "Assess the information and share it with PGR, SEDENA and Customs.",
    ),
    DemoInject(
        6, at(1, 13, 0), "Grupo de coordinación", "ADUANAS", 2,
        "El grupo pide desplegar detectores en los cinco cruces de Nuevo Laredo.",
        "The group asks for detectors at the five Nuevo Laredo crossings.",
        "Desplegar detectores portátiles y reforzar la revisión secundaria.",
        "Deploy hand-held detectors and step up secondary inspection.",
    ),
    DemoInject(
        7, at(1, 14, 0), "SIMCELL", "SEDENA", 2,
        "Un retén militar en la carretera 57 pide instrucciones para revisar camiones con "
        "detectores.",
        "An army checkpoint on highway 57 asks how to check trucks with detectors.",
        "Dar las instrucciones de revisión y los umbrales de alarma.",
        "Give the search instructions and the alarm thresholds.",
    ),
    DemoInject(
        8, at(1, 15, 0), "SIMCELL", "SEGOB", 5,
        "Un diario regional publica que «una bomba sucia» circula por Coahuila.",
        "A regional newspaper writes that “a dirty bomb” is on the loose in Coahuila.",
        "Acordar un vocero único y emitir un mensaje oficial.",
        "Agree on one spokesperson and issue an official message.",
    ),
    DemoInject(
        9, at(1, 16, 0), "SIMCELL", "SS", 5,
        "Un hospital de Monterrey atiende a un hombre con quemaduras en la mano sin causa "
        "aparente.",
        "A Monterrey hospital treats a man with burns on his hand and no apparent cause.",
        "Alertar a los hospitales de la región sobre lesiones por radiación.",
        "Warn the region's hospitals about radiation injuries.",
    ),
    DemoInject(
        10, at(1, 17, 0), "PGR", "Grupo de coordinación", 3,
        "La PGR abre una carpeta de investigación y pide coordinar las detenciones.",
        "PGR opens an investigation and asks to coordinate the arrests.",
        "Acordar quién intercepta, quién custodia la fuente y quién detiene.",
        "Agree who stops the vehicle, who guards the source and who makes the arrests.",
    ),
    DemoInject(
        11, at(2, 9, 0), "SIMCELL", "ADUANAS", 2,
        "Un portal de detección del puente internacional II alarma al paso de un tráiler "
        "refrigerado.",
        "A radiation portal at international bridge II alarms on a refrigerated trailer.",
        "Desviar el tráiler a revisión secundaria y localizar la fuente.",
        "Send the trailer to secondary inspection and locate the source.",
    ),
    DemoInject(
        12, at(2, 10, 0), "SIMCELL", "SEMAR", 3,
        "Informes indican que parte del grupo intentaría salir por mar desde Tampico.",
        "Reports suggest part of the group may try to leave by sea from Tampico.",
        "Reforzar la vigilancia del puerto y compartir las listas de embarcaciones.",
        "Step up surveillance of the port and share the vessel lists.",
    ),
    DemoInject(
        13, at(2, 11, 0), "ADUANAS", "Grupo de coordinación", 3,
        "Aduanas confirma el hallazgo de la cámara de iridio-192 en el tráiler.",
        "Customs confirms the iridium-192 camera was found in the trailer.",
        "Asegurar la fuente, mantener la cadena de custodia y avisar a la SS y a la PGR.",
        "Secure the source, keep the chain of custody and tell Health and PGR.",
    ),
    DemoInject(
        14, at(2, 12, 0), "SIMCELL", "SEGOB", 5,
        "Medios nacionales piden una conferencia de prensa sobre la recuperación.",
        "National media ask for a press conference on the recovery.",
        "Emitir un mensaje coordinado con la SS sobre el riesgo para la población.",
        "Issue a message agreed with Health on the risk to the public.",
    ),
    DemoInject(
        15, at(2, 13, 0), "SIMCELL", "Grupo de coordinación", 4,
        "Fin del escenario: la fuente está en custodia; el grupo debe cerrar el incidente.",
        "End of the scenario: the source is in custody; the group must close the incident.",
        "Acordar el cierre, el informe y las tareas pendientes de cada agencia.",
        "Agree on closing, the report and each agency's remaining tasks.",
    ),
]
# fmt: on
