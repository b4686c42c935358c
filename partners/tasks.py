"""Celery tasks of partners."""

from celery import shared_task
from django.contrib.auth.forms import PasswordResetForm


@shared_task
def send_password_reset(email: str, *, domain: str, use_https: bool) -> None:
    """Django's password reset email to the active logins with this address, if there are any: in
    the worker, so the page's answer takes as long whether the address is known or not."""
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(domain_override=domain, use_https=use_https)
