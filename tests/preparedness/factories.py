"""factory_boy factories for exercises (rows written directly: the services have their own
tests). ``exercise_with_roles`` builds a small tabletop: two agencies, a director, a
controller, an evaluator and a player, two objectives and three injects."""

import datetime

import factory
from django.utils import timezone

from nonprolif.core.models import ClassificationLevel
from nonprolif.core.roles import Role
from nonprolif.intel.models import CbrnCategory
from nonprolif.preparedness.models import (
    CoreCapability,
    Exercise,
    ExerciseKind,
    ExerciseObjective,
    ExerciseParticipant,
    Inject,
    Observation,
    ParticipantRole,
)
from tests.factories import AgencyFactory, ProgramFactory, UserFactory


def level(code: str) -> ClassificationLevel:
    """One of the default levels (the migration's): U, SBU, C, S."""
    return ClassificationLevel.objects.get(code=code)


class ExerciseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Exercise
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    title_es = factory.Sequence(lambda n: f"Ejercicio de mesa {n}")
    title_en = factory.Sequence(lambda n: f"Tabletop exercise {n}")
    kind = ExerciseKind.TABLETOP
    cbrn_category = factory.LazyFunction(lambda: CbrnCategory.objects.get(code="RAD"))
    scenario_es = "Robo de una fuente radiactiva y su traslado hacia la frontera norte."
    scenario_en = "Theft of a radioactive source moved towards the northern border."
    starts_on = datetime.date(2010, 2, 16)
    ends_on = datetime.date(2010, 2, 16)
    venue = "Ciudad de México"
    classification = factory.LazyFunction(lambda: level("U"))

    @factory.post_generation
    def agencies(self, create, extracted, **kwargs):
        if extracted:
            self.agencies.set(extracted)


class ObjectiveFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseObjective
        skip_postgeneration_save = True

    exercise = factory.SubFactory(ExerciseFactory)
    number = factory.Sequence(lambda n: n + 1)
    text_es = factory.Sequence(lambda n: f"Objetivo {n}")
    text_en = factory.Sequence(lambda n: f"Objective {n}")

    @factory.post_generation
    def capabilities(self, create, extracted, **kwargs):
        self.capabilities.set(
            extracted or [CoreCapability.objects.get(code="screening-search-and-detection")]
        )


class InjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Inject

    exercise = factory.SubFactory(ExerciseFactory)
    number = factory.Sequence(lambda n: n + 1)
    scheduled_at = factory.LazyAttribute(
        lambda o: (
            timezone.make_aware(datetime.datetime(2010, 2, 16, 9, 0))
            + datetime.timedelta(minutes=15 * o.number)
        )
    )
    synopsis_es = factory.Sequence(lambda n: f"Mensaje {n}")
    synopsis_en = factory.Sequence(lambda n: f"Message {n}")
    sender = "SIMCELL"
    recipient = "Aduanas"
    expected_action_es = "Alertar a los puntos de control."
    expected_action_en = "Alert the checkpoints."


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExerciseParticipant

    exercise = factory.SubFactory(ExerciseFactory)
    user = factory.SubFactory(UserFactory)
    role = ParticipantRole.PLAYER


class ObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Observation

    exercise = factory.SubFactory(ExerciseFactory)
    objective = factory.SubFactory(ObjectiveFactory, exercise=factory.SelfAttribute("..exercise"))
    text = "Los puntos de control recibieron la alerta en 12 minutos."


def exercise_with_roles(**fields):
    """A tabletop of two national agencies (a, b) with its people in roles and its design.
    Returns a namespace: exercise, agency_a, agency_b, coordinator, director, controller,
    evaluator, player, outsider (a liaison of a third agency), objectives, injects."""
    agency_a = AgencyFactory(code="EXA")
    agency_b = AgencyFactory(code="EXB")
    outsider_agency = AgencyFactory(code="EXC")
    program = ProgramFactory(lead_agency=agency_a)
    program.member_agencies.add(agency_b, outsider_agency)
    exercise = ExerciseFactory(program=program, agencies=[agency_a, agency_b], **fields)
    people = {
        "coordinator": UserFactory(username="ex-coord", roles=[Role.COORDINATOR]),
        "director": UserFactory(username="ex-director", agency=agency_a, roles=[Role.LIAISON]),
        "controller": UserFactory(username="ex-controller", agency=agency_a, roles=[Role.LIAISON]),
        "evaluator": UserFactory(username="ex-evaluator", agency=agency_b, roles=[Role.LIAISON]),
        "player": UserFactory(username="ex-player", agency=agency_b, roles=[Role.LIAISON]),
        "outsider": UserFactory(
            username="ex-outsider", agency=outsider_agency, roles=[Role.LIAISON]
        ),
    }
    for role in ("director", "controller", "evaluator", "player"):
        ParticipantFactory(exercise=exercise, user=people[role], role=role)
    objectives = [ObjectiveFactory(exercise=exercise, number=n) for n in (1, 2)]
    injects = [
        InjectFactory(exercise=exercise, number=n, objective=objectives[(n - 1) % 2])
        for n in (1, 2, 3)
    ]

    class Built:
        pass

    built = Built()
    vars(built).update(
        exercise=exercise,
        program=program,
        agency_a=agency_a,
        agency_b=agency_b,
        objectives=objectives,
        injects=injects,
        **people,
    )
    return built
