"""The improvement plan API's schemas: a corrective action (its action item's title, owner,
due date and status), a new one, the training-need flag, a proposed training."""

import datetime

from ninja import Field, Schema

from nonprolif.events.models import ActionStatus


class PreparednessCorrectiveActionOut(Schema):
    id: int
    exercise: int
    action_item: int = Field(description="the coordination action item (status, history)")
    objective: int | None = Field(None, description="the objective's number")
    capability: str | None = Field(None, description="the core capability's code")
    title_es: str
    title_en: str
    description_es: str
    description_en: str
    owner_agency: str
    due_date: datetime.date
    status: ActionStatus
    training_need: bool
    proposal_item: int | None = Field(None, description="the proposal item, if proposed")

    @staticmethod
    def resolve_exercise(obj) -> int:
        return obj.exercise_id

    @staticmethod
    def resolve_action_item(obj) -> int:
        return obj.action_item_id

    @staticmethod
    def resolve_objective(obj) -> int | None:
        return obj.objective.number if obj.objective_id else None

    @staticmethod
    def resolve_capability(obj) -> str | None:
        return obj.capability.code if obj.capability_id else None

    @staticmethod
    def resolve_title_es(obj) -> str:
        return obj.action_item.title_es

    @staticmethod
    def resolve_title_en(obj) -> str:
        return obj.action_item.title_en

    @staticmethod
    def resolve_description_es(obj) -> str:
        return obj.action_item.description_es

    @staticmethod
    def resolve_description_en(obj) -> str:
        return obj.action_item.description_en

    @staticmethod
    def resolve_owner_agency(obj) -> str:
        return obj.action_item.owner_agency.code

    @staticmethod
    def resolve_due_date(obj) -> datetime.date:
        return obj.action_item.due_date

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.action_item.status

    @staticmethod
    def resolve_proposal_item(obj) -> int | None:
        return getattr(obj, "readable_proposal_item", None)


class PreparednessCorrectiveActionIn(Schema):
    title_es: str
    title_en: str
    owner_agency: str = Field(description="the code of one of the exercise's agencies")
    due_date: datetime.date
    objective: int | None = Field(None, description="the number of one of its objectives")
    capability: str | None = Field(None, description="a core capability's code")
    description_es: str = ""
    description_en: str = ""
    training_need: bool = False


class PreparednessTrainingNeedIn(Schema):
    training_need: bool


class PreparednessProposedTrainingOut(Schema):
    corrective_action: int
    proposal: int
    proposal_item: int
    number: int
    title_es: str
    title_en: str
