"""factory_boy factories for the core data model."""

import datetime

import factory
from django.contrib.auth.models import Group

from nonprolif.core.models import Agency, AgencyKind, Official, Seniority, User
from nonprolif.events.models import Meeting
from nonprolif.program.models import ItemKind, Program, Proposal, ProposalItem

PASSWORD = "correct-horse-battery-staple"


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"AG{n}")
    name_es = factory.LazyAttribute(lambda o: f"Agencia {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Agency {o.code}")
    country = "MX"
    kind = AgencyKind.NATIONAL


class OfficialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Official

    agency = factory.SubFactory(AgencyFactory)
    given_names = factory.Sequence(lambda n: f"Nombre{n}")
    family_names = factory.Sequence(lambda n: f"Apellido{n} Pérez")
    position = "Analista"
    seniority = Seniority.WORKING
    email = factory.Sequence(lambda n: f"official{n}@example.gob.mx")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        self.save()
        for role in extracted or []:
            self.groups.add(Group.objects.get_or_create(name=str(role))[0])


class ProgramFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Program
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"prog-{n}")
    name_es = factory.LazyAttribute(lambda o: f"Programa {o.code}")
    name_en = factory.LazyAttribute(lambda o: f"Program {o.code}")
    country = "MX"
    lead_agency = factory.SubFactory(AgencyFactory)


class ProposalFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Proposal

    program = factory.SubFactory(ProgramFactory)
    submitted_by = factory.SubFactory(AgencyFactory, kind=AgencyKind.PARTNER, country="US")
    title_es = "Propuesta de capacitación"
    title_en = "Training proposal"
    submitted_on = datetime.date(2009, 8, 28)


class ProposalItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProposalItem

    proposal = factory.SubFactory(ProposalFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = ItemKind.TRAINING
    title_es = "Curso"
    title_en = "Course"
    cohort_size = 50
    cohort_count = 4
    start_date = datetime.date(2009, 10, 23)
    cadence_months = 3
    session_days = 5


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    program = factory.SubFactory(ProgramFactory)
    title_es = "Reunión"
    title_en = "Meeting"
    date = datetime.date(2009, 8, 28)
    place = "Ciudad de México"
