"""The generation's steps for the directory and the programs: agencies, logins, officials,
programs with their proposals and items."""

from __future__ import annotations

import datetime

from nonprolif.core.models import Agency, AgencyKind, Official, User
from nonprolif.core.roles import Role
from nonprolif.program.models import ItemDecision, Program, Proposal, ProposalItem

from . import shapes
from .accounts import create_logins
from .bulk import insert_rows
from .writer import GeneratedOfficial, WriterBase, local_time, seeded_uuid


class DirectorySteps(WriterBase):
    # ---------------------------------------------------------------- directory

    def agencies(self) -> None:
        national = [
            Agency(
                code=shapes.agency_code(short),
                name_es=name_es,
                name_en=name_en,
                acronym=short,
                country="MX",
                kind=AgencyKind.NATIONAL,
            )
            for short, name_es, name_en in shapes.NATIONAL_AGENCIES
        ]
        short, name_es, name_en = shapes.PARTNER_AGENCY
        partner = Agency(
            code=shapes.agency_code(short),
            name_es=name_es,
            name_en=name_en,
            acronym=short,
            country="US",
            kind=AgencyKind.PARTNER,
        )
        self.national = self.insert(national)
        self.partner = self.insert([partner])[0]

    def logins(self) -> None:
        self.login_list, by_role = create_logins(
            self.spec.seed,
            self.national,
            self.partner,
            self.spec.logins_per_role,
            self.spec.password,
        )
        self.counts[User._meta.label_lower] += len(self.login_list)
        self.counts["otp_totp.totpdevice"] += sum(1 for login in self.login_list if login.key_hex)
        self.coordinator = by_role[Role.COORDINATOR][0]
        self.liaison_of: dict[int | None, User] = {}
        for user in by_role[Role.LIAISON]:
            self.liaison_of.setdefault(user.agency_id, user)

    def officials(self) -> None:
        sizes = shapes.zipf_sizes(self.spec.officials, len(self.national))
        people = shapes.people(self.rng, sizes)
        rows = [
            {
                "agency_id": self.national[p.agency].pk,
                "given_names": p.given_names,
                "family_names": p.family_names,
                "position": p.position,
                "seniority": p.seniority,
                "email": p.email,
                "language": p.language,
            }
            for p in people
        ]
        ids = insert_rows(Official, rows, ids=True)
        self.counts[Official._meta.label_lower] += len(rows)
        self.all_officials = [
            GeneratedOfficial(pk, self.national[p.agency].pk, p.seniority, p.language, p.full_name)
            for pk, p in zip(ids, people, strict=True)
        ]
        self.by_agency: dict[int, list[GeneratedOfficial]] = {a.pk: [] for a in self.national}
        for official in self.all_officials:
            self.by_agency[official.agency_id].append(official)

    # ---------------------------------------------------------------- programs

    def programs(self) -> None:
        spec, rng, today = self.spec, self.rng, self.today
        programs = [
            Program(
                code=f"{shapes.PROGRAM_PREFIX}{n + 1:03d}",
                name_es=f"Programa generado {n + 1}",
                name_en=f"Generated program {n + 1}",
                country="MX",
                lead_agency=self.national[n % len(self.national)],
                time_zone="America/Mexico_City",
                target_trainees=2000,
                start_date=shapes.add_months(today, -42),
            )
            for n in range(spec.programs)
        ]
        self.program_list = self.insert(programs)
        Program.member_agencies.through.objects.bulk_create(
            [
                Program.member_agencies.through(program_id=p.pk, agency_id=a.pk)
                for p in self.program_list
                for a in self.national
            ]
        )
        Program.partner_agencies.through.objects.bulk_create(
            [
                Program.partner_agencies.through(program_id=p.pk, agency_id=self.partner.pk)
                for p in self.program_list
            ]
        )
        proposals = self.insert(
            [
                Proposal(
                    program=p,
                    submitted_by=self.partner,
                    version=1,
                    title_es=f"Propuesta de capacitación {n + 1}",
                    title_en=f"Training proposal {n + 1}",
                    submitted_on=p.start_date,
                )
                for n, p in enumerate(self.program_list)
            ]
        )
        self.items: list[tuple[Program, ProposalItem, shapes.ItemShape]] = []
        item_rows = []
        plan = []
        for n, (program, proposal) in enumerate(zip(self.program_list, proposals, strict=True)):
            for shape in shapes.program_items(rng, n, today):
                item_rows.append(
                    ProposalItem(
                        proposal=proposal,
                        key=seeded_uuid(rng),
                        number=shape.number,
                        kind=shape.kind,
                        title_es=shape.title_es,
                        title_en=shape.title_en,
                        target_trainees=shape.cohort_size * shape.cohort_count,
                        cohort_size=shape.cohort_size,
                        cohort_count=shape.cohort_count,
                        start_date=shape.start_date,
                        cadence_months=shape.cadence_months,
                        session_days=shape.session_days,
                    )
                )
                plan.append((program, shape))
        created = self.insert(item_rows)
        self.items = [(p, item, shape) for (p, shape), item in zip(plan, created, strict=True)]
        ProposalItem.target_agencies.through.objects.bulk_create(
            [
                ProposalItem.target_agencies.through(
                    proposalitem_id=item.pk, agency_id=self.national[index].pk
                )
                for _p, item, shape in self.items
                for index in shape.targets
            ]
        )
        self.insert(
            [
                ItemDecision(
                    item=item,
                    decision="accepted",
                    rationale="Aceptado (datos generados).",
                    actor=self.coordinator,
                    at=local_time(shape.start_date - datetime.timedelta(days=30)),
                )
                for _program, item, shape in self.items
            ]
        )
