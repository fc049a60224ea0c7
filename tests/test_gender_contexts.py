"""Status words whose Spanish ending follows the gender of what they describe carry a
context: a registration ("inscripción") is "Cancelada", an action item ("compromiso")
"Cancelado"; a speaker, who may be a man or a woman, is described by the decision on the
proposal and by his answer to the invitation."""

import pytest
from django.utils import translation

from nonprolif.events.models.coordination import ActionStatus
from nonprolif.events.models.registrations import RegistrationStatus
from nonprolif.events.models.speakers import SpeakerResponse, SpeakerStatus
from nonprolif.training.models.nomination import NominationStatus

LABELS = [
    (RegistrationStatus.CANCELLED, "Cancelada", "Cancelled"),
    (ActionStatus.CANCELLED, "Cancelado", "Cancelled"),
    (RegistrationStatus.APPROVED, "Aprobada", "Approved"),
    (NominationStatus.DECLINED, "Rechazada", "Declined"),
    (ActionStatus.OPEN, "Abierto", "Open"),
    (ActionStatus.DONE, "Cumplido", "Done"),
    (SpeakerStatus.ACCEPTED, "Propuesta aceptada", "Accepted"),
    (SpeakerResponse.ACCEPTED, "Invitación aceptada", "Accepted"),
    (SpeakerResponse.PENDING, "Sin respuesta", "Pending"),
]


@pytest.mark.parametrize(("choice", "spanish", "english"), LABELS)
def test_status_labels_agree_with_what_they_describe(choice, spanish, english):
    with translation.override("es-mx"):
        assert str(choice.label) == spanish
    with translation.override("en"):
        assert str(choice.label) == english


def test_the_same_english_word_reads_differently_by_what_it_describes():
    with translation.override("es-mx"):
        assert str(RegistrationStatus.CANCELLED.label) != str(ActionStatus.CANCELLED.label)
        assert str(SpeakerStatus.DECLINED.label) != str(SpeakerResponse.DECLINED.label)
    with translation.override("en"):
        assert str(RegistrationStatus.CANCELLED.label) == str(ActionStatus.CANCELLED.label)
