"""The plan endpoint: a program's training and exercise plan for one year (the page's)."""

from ninja import Query, Router

from nonprolif.api.errors import ErrorOut
from nonprolif.preparedness.plan.queries import get_plan_program_for, plan_for
from nonprolif.preparedness.plan.schemas import PreparednessPlanOut, PreparednessPlanQuery

router = Router(tags=["preparedness"])


@router.get("/preparedness/plan", response={200: PreparednessPlanOut, 404: ErrorOut})
def get_preparedness_plan(request, query: Query[PreparednessPlanQuery]):
    """The plan of ``program`` (a code; by default the first program the caller sees) for
    ``year`` (by default this year if it holds anything, else the first that does): each
    month with the sessions and exercises the caller may see that start in it."""
    program = get_plan_program_for(request.auth, query.program)
    return plan_for(request.auth, program, query.year)
