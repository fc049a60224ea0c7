"""factory_boy factories for outreach (rows written directly: the services have their own
tests)."""

import datetime

import factory

from nonprolif.events.models import Meeting
from nonprolif.outreach.models import (
    Audience,
    AwarenessMaterial,
    Contact,
    Sector,
    Stakeholder,
    StakeholderKind,
    Tip,
    Visit,
)
from tests.factories import AgencyFactory, ProgramFactory


class StakeholderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stakeholder

    program = factory.SubFactory(ProgramFactory)
    name = factory.Sequence(lambda n: f"Distribuidora Química {n} S.A. de C.V.")
    kind = StakeholderKind.COMPANY
    sector = Sector.CHEMICAL_DISTRIBUTION
    state = "Nuevo León"
    city = "Monterrey"
    materials = "Tiodiglicol, cloruro de tionilo"
    responsible_agency = factory.SubFactory(AgencyFactory)


class ContactFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contact

    stakeholder = factory.SubFactory(StakeholderFactory)
    name = factory.Sequence(lambda n: f"Contacto {n}")
    position = "Gerente de cumplimiento"
    email = factory.Sequence(lambda n: f"contacto{n}@empresa.example")


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Visit
        skip_postgeneration_save = True

    stakeholder = factory.SubFactory(StakeholderFactory)
    agency = factory.SelfAttribute("stakeholder.responsible_agency")
    date = datetime.date(2010, 3, 10)
    attendees = "Ing. Laura Méndez (empresa)\nLic. Pedro Ruiz (agencia)"
    topics_es = "Indicadores de pedidos sospechosos"
    topics_en = "Indicators of suspicious orders"
    meeting = factory.LazyAttribute(
        lambda o: Meeting.objects.create(
            program=o.stakeholder.program,
            title_es=f"Visita de difusión: {o.stakeholder.name}"[:200],
            title_en=f"Outreach visit: {o.stakeholder.name}"[:200],
            date=o.date,
            place=o.stakeholder.city or "—",
        )
    )

    @factory.post_generation
    def meeting_agencies(self, create, extracted, **kwargs):
        self.meeting.agencies.add(self.agency)


class MaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AwarenessMaterial

    title_es = factory.Sequence(lambda n: f"Folleto de indicadores {n}")
    title_en = factory.Sequence(lambda n: f"Indicator booklet {n}")
    audience = Audience.INDUSTRY
    agency = factory.SubFactory(AgencyFactory)


class TipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Tip

    reference = factory.Sequence(lambda n: f"TIP-2010-{n + 1:04d}")
    stakeholder = factory.SubFactory(StakeholderFactory)
    what = "Pedido de 200 kg de tiodiglicol pagado en efectivo, sin uso final declarado."
    who = "Comercializadora del Norte (cliente nuevo)"
    when = datetime.date(2010, 4, 12)
    contact_name = "Ing. Laura Méndez"
    contact_email = "laura.mendez@empresa.example"
