from django import template

from ..cache import current_assessments
from ..models import Unit

register = template.Library()


@register.inclusion_tag("kpis/targets_summary.html")
def targets_summary(explained_here: bool = False) -> dict:
    """The targets with their progress today (cached), for the home page; on /targets/ itself
    (`explained_here`) without the link to /targets/."""
    return {"assessments": current_assessments(), "explained_here": explained_here}


@register.filter
def kpi(value: float | None, unit: str) -> str:
    """A metric's value for people: whole numbers as such, others to one decimal, "–" when not defined."""
    if value is None:
        return "–"
    number = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{number} %" if unit == Unit.PERCENT else number
