"""The fixed wording of the reporting cable, in Spanish and English.

A report is written in the language asked for, whatever the language of the person who
asks, and a cable's wording is part of its form (like a printed form's labels): its phrases
live here, both languages side by side, so a report in either language is complete and
reviewable on its own. Interface strings (pages, forms, errors) still go through gettext.

Conventions decided for the Spanish cable: the routing and slug labels are translated
(DE / PARA / INFO / TEMAS / ASUNTO), the tag codes themselves (PREL, PARM, KNNP, MX) and the
``E.O. 12958`` reference are kept as they are, months are Spanish abbreviations in capitals
(ENE, FEB, MAR, ABR, MAY, JUN, JUL, AGO, SEP, OCT, NOV, DIC) in the date-time group, and
dates are day/month/year.
"""

LANGUAGES = ("es", "en")

MONTHS_DTG = {
    "en": ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    "es": ["ENE", "FEB", "MAR", "ABR", "MAY", "JUN", "JUL", "AGO", "SEP", "OCT", "NOV", "DIC"],
}

MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "es": [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ],
}

# Classification markings the person generating a report chooses from. No real
# classification system is implied: these are handling labels of the program office.
MARKINGS: dict[str, dict[str, tuple[str, str, list[str]]]] = {
    "unclassified": {
        "en": ("UNCLASSIFIED", "U", []),
        "es": ("SIN CLASIFICAR", "SC", []),
    },
    "sbu": {
        "en": ("SENSITIVE BUT UNCLASSIFIED", "SBU", ["SENSITIVE"]),
        "es": ("SENSIBLE NO CLASIFICADO", "SNC", ["SENSIBLE"]),
    },
    "confidential": {
        "en": ("CONFIDENTIAL", "C", ["SENSITIVE"]),
        "es": ("CONFIDENCIAL", "C", ["SENSIBLE"]),
    },
}
DEFAULT_MARKING = "sbu"

WORDS = {
    "en": {
        "from": "FM",
        "to": "TO",
        "info": "INFO",
        "tags": "TAGS",
        "subject": "SUBJECT",
        "decl": "E.O. 12958: DECL: {date}",
        "classified_by": "Classified By: {name}, {title}. Reason: 1.4 (b),(d).",
        "subject_text": "{program}: PROGRAM STATUS AS OF {date}",
        "summary_open": "Summary.",
        "summary_close": "End Summary.",
        "comment_open": "Comment.",
        "comment_close": "End Comment.",
        "no_data": "No data.",
        "section_training": "Training progress against targets",
        "section_proposal": "The partner's proposal: decision status",
        "section_sessions": "Upcoming training sessions",
        "section_conference": "Conference",
        "section_overdue": "Overdue action items",
        "section_matrix": "UNSCR 1540 implementation matrix",
        "matrix_intro": (
            "Of the {rows} obligations of the matrix, {x} are in place, {unclear} unclear, "
            "{na} not applicable and {blank} not yet assessed ({percent} of those that apply "
            "in place)."
        ),
        "matrix_items": (
            "The national action plan has {open} open items, {overdue} of them overdue as of "
            "{date}."
        ),
        "col_paragraph": "Operative paragraph",
        "col_rows": "Rows",
        "col_unclear": "Unclear (?)",
        "col_in_place": "In place (X)",
        "col_na": "Not applicable",
        "col_not_assessed": "Not assessed",
        "col_share": "% in place",
        # ¶1
        "summary_training": (
            "{certified} of the {target} officials targeted have completed their training "
            "({percent})."
        ),
        "summary_training_no_target": "{certified} officials have completed their training.",
        "summary_training_none": "No training progress can be reported yet.",
        "summary_proposal": (
            "{title} (version {version}) stands {status}: {accepted} of {total} items "
            "accepted, {rejected} rejected, {awaiting} awaiting a decision."
        ),
        "summary_no_proposal": "No proposal has been received.",
        "summary_sessions": "{count} training sessions are scheduled; the next opens on {date}.",
        "summary_no_sessions": "No training session is scheduled after {date}.",
        "summary_conference": (
            "{title} ({place}, {dates}) has {confirmed} confirmed speakers and "
            "{registrations} registrations."
        ),
        "summary_no_conference": "No conference is planned.",
        "summary_overdue": "{count} action items are overdue.",
        "summary_no_overdue": "No action item is overdue.",
        # ¶2
        "training_intro": (
            "Officials per agency at each stage (nominated, approved, assigned to a session, "
            "attended, certified) against the agency's seats. Program target: {target}."
        ),
        "training_no_target": "none set",
        "training_none": (
            "No seats, nominations or participants have been recorded for the program yet."
        ),
        "col_agency": "Agency",
        "col_seats": "Seats",
        "col_nominated": "Nominated",
        "col_approved": "Approved",
        "col_assigned": "Assigned",
        "col_attended": "Attended",
        "col_certified": "Certified",
        "col_percent": "% of seats",
        "total": "Total",
        "chart_training": "Seats, approved nominees and certified officials per agency",
        "series_seats": "Seats",
        "series_certified": "Certified",
        # ¶3
        "proposal_line": (
            "{title}, version {version}, submitted by {agency} on {date}: {status}. "
            "{accepted} of {total} items accepted ({amended} with amendments), "
            "{rejected} rejected, {awaiting} awaiting a decision."
        ),
        "proposal_none": "No proposal has been received from the partner.",
        "col_item": "Item",
        "col_decision": "Decision",
        "col_decided_on": "Decided on",
        # ¶4
        "sessions_intro": "The next {count} sessions after {date}:",
        "sessions_none": "No training session is scheduled after {date}.",
        "col_dates": "Dates",
        "col_session": "Session",
        "col_venue": "Venue",
        "col_participants": "Participants / capacity",
        "venue_none": "to be set",
        # ¶5
        "conference_line": (
            "{title}, {place}, {dates}, hosted by {host}. Speakers: {proposed} proposed, "
            "{accepted} accepted by the coordinator, {confirmed} confirmed by the speaker, "
            "{declined} declined. Registrations: {registrations} ({approved} approved). "
            "Agenda: {release}."
        ),
        "conference_release": "version {version} published",
        "conference_no_release": "not published yet",
        "conference_none": "No conference is planned for the program.",
        "chart_registrations": "Conference registrations per agency",
        "col_submitted": "Submitted",
        "col_declined": "Declined",
        "col_cancelled": "Cancelled",
        # ¶6
        "overdue_intro": "{count} action items were due before {date} and are not done:",
        "overdue_none": "No action item is overdue as of {date}.",
        "col_action": "Action item",
        "col_owner": "Owner",
        "col_due": "Due",
        "col_days": "Days overdue",
        "col_status": "Status",
        # ¶N Comment
        "comment_behind": (
            "Training is behind at {agencies}: below half of their seats certified."
        ),
        "comment_no_seats": (
            "Seats have not been allocated to the agencies; nominations cannot be measured "
            "against targets until they are."
        ),
        "comment_on_track": "Every agency with seats has at least half of them certified.",
        "comment_short_nominations": (
            "{agencies} have nominated fewer officials than their seats; their places may go "
            "unused."
        ),
        "comment_nominations_full": (
            "Every agency has nominated at least as many officials as its seats."
        ),
        "comment_awaiting": "{count} proposal items still await the government's decision.",
        "comment_all_decided": "Every item of the proposal has been decided.",
        "comment_pending_speakers": (
            "{count} accepted speakers have not yet confirmed their participation."
        ),
        "comment_pending_registrations": "{count} registrations await approval.",
        "comment_overdue": (
            "{count} action items are overdue; the oldest, \u201c{title}\u201d ({owner}), "
            "by {days} days."
        ),
        "comment_no_overdue": "No action item is overdue.",
        "precedence_routine": "R",
    },
    "es": {
        "from": "DE",
        "to": "PARA",
        "info": "INFO",
        "tags": "TEMAS",
        "subject": "ASUNTO",
        "decl": "E.O. 12958: DECL: {date}",
        "classified_by": "Clasificado por: {name}, {title}. Motivo: 1.4 (b),(d).",
        "subject_text": "{program}: SITUACIÓN DEL PROGRAMA AL {date}",
        "summary_open": "Resumen.",
        "summary_close": "Fin del resumen.",
        "comment_open": "Comentario.",
        "comment_close": "Fin del comentario.",
        "no_data": "Sin datos.",
        "section_training": "Avance de la capacitación frente a las metas",
        "section_proposal": "La propuesta del socio: estado de las decisiones",
        "section_sessions": "Próximas sesiones de capacitación",
        "section_conference": "Conferencia",
        "section_overdue": "Acuerdos vencidos",
        "section_matrix": "Matriz de aplicación de la resolución 1540",
        "matrix_intro": (
            "De las {rows} obligaciones de la matriz, {x} están establecidas, {unclear} por "
            "confirmar, {na} no aplican y {blank} aún sin evaluar ({percent} de las que "
            "aplican, establecidas)."
        ),
        "matrix_items": (
            "El plan nacional de acción tiene {open} acciones abiertas, {overdue} de ellas "
            "vencidas al {date}."
        ),
        "col_paragraph": "Párrafo dispositivo",
        "col_rows": "Filas",
        "col_unclear": "Por confirmar (?)",
        "col_in_place": "Establecidas (X)",
        "col_na": "No aplican",
        "col_not_assessed": "Sin evaluar",
        "col_share": "% establecidas",
        "summary_training": (
            "{certified} de los {target} funcionarios previstos han concluido su "
            "capacitación ({percent})."
        ),
        "summary_training_no_target": "{certified} funcionarios han concluido su capacitación.",
        "summary_training_none": "Aún no puede informarse avance de la capacitación.",
        "summary_proposal": (
            "{title} (versión {version}) está {status}: {accepted} de {total} partidas "
            "aceptadas, {rejected} rechazadas, {awaiting} en espera de decisión."
        ),
        "summary_no_proposal": "No se ha recibido ninguna propuesta.",
        "summary_sessions": (
            "Hay {count} sesiones de capacitación programadas; la próxima inicia el {date}."
        ),
        "summary_no_sessions": "No hay sesiones de capacitación programadas después del {date}.",
        "summary_conference": (
            "{title} ({place}, {dates}) cuenta con {confirmed} ponentes confirmados y "
            "{registrations} registros."
        ),
        "summary_no_conference": "No hay conferencia prevista.",
        "summary_overdue": "{count} acuerdos están vencidos.",
        "summary_no_overdue": "Ningún acuerdo está vencido.",
        "training_intro": (
            "Funcionarios por dependencia en cada etapa (propuestos, aprobados, asignados a "
            "una sesión, asistentes, certificados) frente a los lugares de la dependencia. "
            "Meta del programa: {target}."
        ),
        "training_no_target": "sin definir",
        "training_none": (
            "Aún no se han registrado lugares, postulaciones ni participantes del programa."
        ),
        "col_agency": "Dependencia",
        "col_seats": "Lugares",
        "col_nominated": "Propuestos",
        "col_approved": "Aprobados",
        "col_assigned": "Asignados",
        "col_attended": "Asistentes",
        "col_certified": "Certificados",
        "col_percent": "% de lugares",
        "total": "Total",
        "chart_training": "Lugares, postulaciones aprobadas y certificados por dependencia",
        "series_seats": "Lugares",
        "series_certified": "Certificados",
        "proposal_line": (
            "{title}, versión {version}, presentada por {agency} el {date}: {status}. "
            "{accepted} de {total} partidas aceptadas ({amended} con modificaciones), "
            "{rejected} rechazadas, {awaiting} en espera de decisión."
        ),
        "proposal_none": "No se ha recibido ninguna propuesta del socio.",
        "col_item": "Partida",
        "col_decision": "Decisión",
        "col_decided_on": "Fecha de decisión",
        "sessions_intro": "Las próximas {count} sesiones después del {date}:",
        "sessions_none": "No hay sesiones de capacitación programadas después del {date}.",
        "col_dates": "Fechas",
        "col_session": "Sesión",
        "col_venue": "Sede",
        "col_participants": "Participantes / cupo",
        "venue_none": "por definir",
        "conference_line": (
            "{title}, {place}, {dates}, organizada por {host}. Ponentes: {proposed} "
            "propuestos, {accepted} aceptados por la coordinación, {confirmed} confirmados "
            "por el ponente, {declined} declinados. Registros: {registrations} ({approved} "
            "aprobados). Programa: {release}."
        ),
        "conference_release": "versión {version} publicada",
        "conference_no_release": "aún sin publicar",
        "conference_none": "No hay conferencia prevista para el programa.",
        "chart_registrations": "Registros a la conferencia por dependencia",
        "col_submitted": "Enviados",
        "col_declined": "Rechazados",
        "col_cancelled": "Cancelados",
        "overdue_intro": "{count} acuerdos vencían antes del {date} y no se han cumplido:",
        "overdue_none": "Ningún acuerdo está vencido al {date}.",
        "col_action": "Acuerdo",
        "col_owner": "Responsable",
        "col_due": "Vence",
        "col_days": "Días de atraso",
        "col_status": "Estado",
        "comment_behind": (
            "La capacitación va rezagada en {agencies}: menos de la mitad de sus lugares "
            "certificados."
        ),
        "comment_no_seats": (
            "No se han asignado lugares a las dependencias; las postulaciones no pueden "
            "medirse frente a metas hasta que se asignen."
        ),
        "comment_on_track": (
            "Todas las dependencias con lugares tienen al menos la mitad de ellos certificados."
        ),
        "comment_short_nominations": (
            "{agencies} han propuesto menos funcionarios que sus lugares; esos lugares podrían "
            "quedar sin usar."
        ),
        "comment_nominations_full": (
            "Todas las dependencias han propuesto al menos tantos funcionarios como sus lugares."
        ),
        "comment_awaiting": (
            "{count} partidas de la propuesta esperan aún la decisión del gobierno."
        ),
        "comment_all_decided": "Todas las partidas de la propuesta han sido decididas.",
        "comment_pending_speakers": (
            "{count} ponentes aceptados aún no confirman su participación."
        ),
        "comment_pending_registrations": "{count} registros esperan aprobación.",
        "comment_overdue": (
            "{count} acuerdos están vencidos; el más antiguo, \u201c{title}\u201d ({owner}), "
            "por {days} días."
        ),
        "comment_no_overdue": "Ningún acuerdo está vencido.",
        "precedence_routine": "R",
    },
}

# Review, action item and registration states, in the cable's words.
STATES = {
    "en": {
        "awaiting_review": "awaiting review",
        "accepted": "accepted",
        "amended": "accepted with amendments",
        "rejected": "rejected",
        "under_review": "under review",
        "partly_accepted": "partly accepted",
        "closed": "review closed",
        "open": "open",
        "in_progress": "in progress",
        "done": "done",
        "cancelled": "cancelled",
        "submitted": "submitted",
        "approved": "approved",
        "declined": "declined",
    },
    "es": {
        "awaiting_review": "en espera de revisión",
        "accepted": "aceptada",
        "amended": "aceptada con modificaciones",
        "rejected": "rechazada",
        "under_review": "en revisión",
        "partly_accepted": "aceptada parcialmente",
        "closed": "revisión cerrada",
        "open": "abierto",
        "in_progress": "en curso",
        "done": "cumplido",
        "cancelled": "cancelado",
        "submitted": "enviado",
        "approved": "aprobado",
        "declined": "rechazado",
    },
}


def spaced(marking: str) -> str:
    """``C O N F I D E N T I A L``: letters one space apart, words two spaces apart."""
    return "  ".join(" ".join(word) for word in marking.split())


def long_date(value, language: str) -> str:
    """23 October 2009 / 23 de octubre de 2009."""
    month = MONTHS[language][value.month - 1]
    if language == "es":
        return f"{value.day} de {month} de {value.year}"
    return f"{value.day} {month} {value.year}"


def short_date(value, language: str) -> str:
    """23/10/2009 (es) or 2009-10-23 (en: ISO, unambiguous)."""
    if language == "es":
        return value.strftime("%d/%m/%Y")
    return value.isoformat()


def date_range(start, end, language: str) -> str:
    if end is None or end == start:
        return long_date(start, language)
    joiner = " al " if language == "es" else " to "
    return long_date(start, language) + joiner + long_date(end, language)


def dtg(moment, language: str) -> str:
    """The date-time group of a UTC moment: ``022148Z SEP 09``."""
    month = MONTHS_DTG[language][moment.month - 1]
    return f"{moment:%d%H%M}Z {month} {moment:%y}"
