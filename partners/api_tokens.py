"""API tokens on /me/: a representative creates (or replaces) the token for the API's writes, and
revokes it. The section of /me/ is templates/partners/api_token_section.html."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from rest_framework.authtoken.models import Token

from audit.services import record

from .access import may_hold_api_token


@require_POST
@login_required
def create_token(request: HttpRequest) -> HttpResponse:
    """A new token; an earlier one stops working."""
    if not may_hold_api_token(request.user):
        raise PermissionDenied
    with transaction.atomic():
        Token.objects.filter(user=request.user).delete()
        Token.objects.create(user=request.user)
        # The audit entry names the login, never the token's key.
        record(actor=request.user, action="api_token.created", target=request.user)
    messages.success(request, _("Your API token was created. Keep it secret."))
    return redirect("me")


@require_POST
@login_required
def revoke_token(request: HttpRequest) -> HttpResponse:
    deleted, _rows = Token.objects.filter(user=request.user).delete()
    if deleted:
        record(actor=request.user, action="api_token.revoked", target=request.user)
        messages.success(request, _("Your API token was revoked."))
    return redirect("me")


urlpatterns = [
    path("", create_token, name="token_create"),
    path("revoke/", revoke_token, name="token_revoke"),
]
