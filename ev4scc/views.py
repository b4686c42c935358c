from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from partners.access import person_of
from partners.models import LAUNCH_DATE, Partner
from segments.models import Segment


def home(request: HttpRequest) -> HttpResponse:
    """What EV4SCC is, its five segments and its figures, today and at the launch."""
    return render(
        request,
        "home.html",
        {
            "figures": Partner.objects.active().headline_figures(),
            "launch_figures": Partner.objects.active(on=LAUNCH_DATE).headline_figures(),
            "launch_date": LAUNCH_DATE,
            "segments": Segment.objects.select_related("lead_city"),
        },
    )


@login_required
def me(request: HttpRequest) -> HttpResponse:
    """The member's own page: the sections the apps registered (core.contributions.ME_SECTIONS, each
    its own template and tags), so this view stays a composition."""
    return render(request, "me.html", {"person": person_of(request.user)})
