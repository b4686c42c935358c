from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from partners.access import coordinator_required, person_of

from .compose import compose
from .emails import digest_context, render_digest
from .forms import PreviewForm, SubscriptionForm
from .models import Frequency, Subscription
from .periods import Period
from .services import ensure_subscription, unsubscribe, update_subscription
from .unsubscribe import read_token


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    """/me/digest/: how often the digest comes and what it follows."""
    person = person_of(request.user)
    if person is None:
        raise Http404(_("Your login is not linked to a person at a partner organisation."))
    subscription = ensure_subscription(person=person)
    form = SubscriptionForm(request.POST if request.method == "POST" else None, instance=subscription)
    if request.method == "POST":
        if form.is_valid():
            update_subscription(subscription=subscription, by=request.user, **form.cleaned_data)
            messages.success(request, _("Your digest settings are saved."))
            return redirect("digests:preferences")
        return render(request, "digests/preferences.html", {"form": form}, status=400)
    return render(request, "digests/preferences.html", {"form": form})


# Mail clients post the RFC 8058 one-click unsubscribe without a CSRF token (they have no session
# and never saw our form); the signed token in the URL is what proves the request is genuine, and
# unsubscribing is the only thing this view can do.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe_link(request: HttpRequest, token: str) -> HttpResponse:
    """GET asks to confirm (mail scanners follow links); POST unsubscribes at once."""
    try:
        subscription = Subscription.objects.select_related("person").get(person_id=read_token(token))
    except (signing.BadSignature, Subscription.DoesNotExist):
        return render(request, "digests/unsubscribe_invalid.html", status=400)
    if request.method == "POST":
        unsubscribe(subscription=subscription)
        return render(request, "digests/unsubscribed.html", {"subscription": subscription})
    return render(request, "digests/unsubscribe_confirm.html", {"subscription": subscription})


@coordinator_required
def preview(request: HttpRequest) -> HttpResponse:
    """Coordinators only: exactly the digest a person would get for a period, HTML and text."""
    form = PreviewForm(request.GET or None)
    if not form.is_valid():
        # Several people matching is a choice to make, not a mistake: the list is the answer.
        status = 400 if request.GET and not form.matches else 200
        return render(request, "digests/preview.html", {"form": form}, status=status)
    person = form.cleaned_data["person"]
    period = Period.before(
        form.cleaned_data["period"] or Frequency.WEEKLY, form.cleaned_data["date"] or timezone.localdate()
    )
    digest = compose(ensure_subscription(person=person), period)
    context = {"form": form, "email": render_digest(digest), **digest_context(digest)}
    return render(request, "digests/preview.html", context)
