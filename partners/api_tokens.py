"""API tokens (django-rest-knox): the authentication the API uses, and the /me/ pages that create
and revoke them. The section of /me/ is templates/partners/api_token_section.html; the rules are in
partners.services (create_api_token, revoke_api_token)."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from drf_spectacular.contrib.knox_auth_token import KnoxTokenScheme
from knox.auth import TokenAuthentication

from core.errors import ServiceError
from core.refusals import refused

from . import services
from .models import ApiToken

#: How often the last use is written: a client calling every second costs one write a minute.
LAST_USE_PRECISION = timedelta(minutes=1)


class ApiTokenScheme(KnoxTokenScheme):
    """The schema's description of the token (drf-spectacular), under the name it always had."""

    target_class = "partners.api_tokens.ApiTokenAuthentication"
    name = "tokenAuth"


class ApiTokenAuthentication(TokenAuthentication):
    """knox's token authentication (`Authorization: Token <token>`), noting when a token was last used."""

    def validate_user(self, auth_token: ApiToken):
        user, token = super().validate_user(auth_token)
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USE_PRECISION:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return user, token


@require_POST
@login_required
def create_token(request: HttpRequest) -> HttpResponse:
    """A new named token, shown on this answer only: it is stored as a digest."""
    try:
        token, secret = services.create_api_token(user=request.user, name=request.POST.get("name", ""))
    except ServiceError as error:
        return refused(request, error)
    return render(request, "partners/api_token_created.html", {"token": token, "secret": secret})


@require_POST
@login_required
def revoke_token(request: HttpRequest, prefix: str) -> HttpResponse:
    if not services.revoke_api_token(user=request.user, prefix=prefix):
        raise Http404
    messages.success(request, _("The API token was revoked."))
    return redirect("me")


urlpatterns = [
    path("", create_token, name="token_create"),
    path("<str:prefix>/revoke/", revoke_token, name="token_revoke"),
]
