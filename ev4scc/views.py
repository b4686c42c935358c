from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from core.contributions import WORKSPACE_CARDS
from partners.access import coordinator_required, person_of
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


@coordinator_required
def coordination(request: HttpRequest) -> HttpResponse:
    """The coordinators' workspace: what waits for them, as each app counts it (WORKSPACE_CARDS); a
    card whose app has nothing of the kind here is left out."""
    cards = [(card, work) for card in WORKSPACE_CARDS if (work := card.collect(request)) is not None]
    return render(request, "coordination.html", {"cards": cards})


class LogoutView(auth_views.LogoutView):
    """Django's logout, then a message on the page it lands on, so the visitor knows it worked."""

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # After the session is flushed: the message goes to the new, anonymous session's storage.
        messages.success(request, _("You are logged out."))
        return response
