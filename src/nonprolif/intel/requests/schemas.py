"""The requests API's schemas: requests for information, their recipients and the answers
the caller may read."""

import datetime
from typing import Literal

from ninja import Field, Schema

from nonprolif.intel.models import ReportStatus, ReportType, RequestStatus
from nonprolif.intel.requests.queries import recipient_states, recipients_shown, request_answers


class InfoRequestOut(Schema):
    id: int
    label: str
    title: str
    title_es: str
    title_en: str
    details_es: str
    details_en: str
    classification: str
    requester: str
    recipients: list[str] = Field(description="the agencies asked (a partner: his own only)")
    due_date: datetime.date
    status: RequestStatus
    created_at: datetime.datetime
    answer_count: int = Field(description="answers the caller may read")

    @staticmethod
    def resolve_label(obj) -> str:
        return f"RFI-{obj.pk}"

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code

    @staticmethod
    def resolve_requester(obj) -> str:
        return obj.requester.code

    @staticmethod
    def resolve_recipients(obj, context) -> list[str]:
        """The codes of the agencies asked (a foreign partner's user: his own only)."""
        return [agency.code for agency in recipients_shown(context["request"].auth, obj)]


class InfoRequestAnswerOut(Schema):
    id: int
    reference: str
    title: str
    originator: str
    classification: str
    status: ReportStatus

    @staticmethod
    def resolve_originator(obj) -> str:
        return obj.originator.code

    @staticmethod
    def resolve_classification(obj) -> str:
        return obj.classification.code


class InfoRequestRecipientOut(Schema):
    agency: str
    answered: bool = Field(description="an answer of this agency is among those the caller reads")


class InfoRequestDetailOut(InfoRequestOut):
    answers: list[InfoRequestAnswerOut]
    recipient_states: list[InfoRequestRecipientOut]

    @staticmethod
    def resolve_answers(obj, context) -> list:
        return list(request_answers(context["request"].auth, obj))

    @staticmethod
    def resolve_recipient_states(obj, context) -> list[dict]:
        return [
            {"agency": agency.code, "answered": answered}
            for agency, answered in recipient_states(context["request"].auth, obj)
        ]


class InfoRequestIn(Schema):
    title_es: str = Field("", max_length=300)
    title_en: str = Field("", max_length=300)
    details_es: str = ""
    details_en: str = ""
    classification: str = Field(description="the code of a classification level")
    due_date: datetime.date
    recipients: list[str] = Field(description="the codes of the agencies asked")


class InfoRequestAnswerIn(Schema):
    title_es: str = Field("", max_length=300)
    title_en: str = Field("", max_length=300)
    body_es: str = ""
    body_en: str = ""
    report_type: ReportType
    classification: str = Field(description="the code of a classification level")


class InfoRequestFilters(Schema):
    box: Literal["asked_by", "asked_of"] | None = None
    status: Literal["open", "closed"] | None = None
