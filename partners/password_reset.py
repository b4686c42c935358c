"""The password reset, safe to expose: limited per client address and per account, and answered the
same way, just as fast, whether the address is known or not.

The page only queues the email (partners.tasks.send_password_reset): looking the address up and
sending happen in the worker, so the response time tells nothing. Past PASSWORD_RESETS_PER_ADDRESS
requests an hour from one address the form answers 429; past PASSWORD_RESETS_PER_ACCOUNT for one
email address, further requests are answered as usual and nothing is sent, so one inbox cannot be
flooded and the answer still tells nothing."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.http import HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext as _

from core.ratelimit import address_over_limit, over_limit

from .tasks import send_password_reset

WINDOW = 3600  # seconds


class PasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        per_address, per_account = settings.PASSWORD_RESETS_PER_ADDRESS, settings.PASSWORD_RESETS_PER_ACCOUNT
        if address_over_limit("password-reset", self.request, limit=per_address, window_seconds=WINDOW):
            form.add_error(None, _("Too many requests from your address; please try again in an hour."))
            response = self.form_invalid(form)
            response.status_code = 429
            return response
        email = form.cleaned_data["email"].strip().lower()
        if not over_limit("password-reset-account", email, limit=per_account, window_seconds=WINDOW):
            request = self.request
            send_password_reset.delay(email, domain=request.get_host(), use_https=request.is_secure())
        return HttpResponseRedirect(self.get_success_url())
