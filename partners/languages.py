"""A member's language: remembered on their account, applied at login, and used for their emails.

- The switcher (templates/includes/language_switcher.html) posts to `set_language`, which is
  Django's view (the language cookie) and, for a member, also stores the choice on their `Person`.
- At login, the member's stored language becomes the language of the session: the
  `user_logged_in` receiver picks it and `MemberLanguageMiddleware` sets the language cookie on the
  login's response, so every page after it is in that language.
- `mail_people` writes to each person in their own language (one email per language).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from core.mail import send_templated

from .models import Person
from .services import set_language_preference


def _person_of(user) -> Person | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


@require_POST
def set_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language (cookie, redirect back to `next`), and for a member, their account."""
    response = django_set_language(request)
    language = request.POST.get("language", "")
    if translation.check_for_language(language):
        person = _person_of(request.user)
        if person is not None:
            set_language_preference(person=person, language=language)
    return response


@receiver(user_logged_in, dispatch_uid="partners.languages.apply_member_language")
def apply_member_language(sender, request: HttpRequest | None, user, **kwargs) -> None:
    """The member's stored language becomes the session's (the middleware sets the cookie); a member
    who has none yet keeps the one they chose before logging in (the cookie), now on their account."""
    person = _person_of(user)
    if request is None or person is None:
        return
    if person.language:
        request.member_language = person.language
    else:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if translation.check_for_language(chosen):
            set_language_preference(person=person, language=chosen)


class MemberLanguageMiddleware:
    """After a login, remember the member's language in the language cookie (the next page is in it)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        language = getattr(request, "member_language", None)
        if language and translation.check_for_language(language):
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response


def mail_people(
    *,
    people: Iterable[Person],
    template: str,
    context: dict[str, Any],
    also_to: Iterable[str] = (),
    headers: dict[str, str] | None = None,
) -> None:
    """Send `template` to these people, each in their own language (one email per language), and to
    the addresses `also_to` (the coordinators) in the source language."""
    by_language: dict[str, set[str]] = defaultdict(set)
    for person in people:
        by_language[person.language or settings.LANGUAGE_CODE].add(person.email)
    by_language[settings.LANGUAGE_CODE].update(also_to)
    for language, addresses in sorted(by_language.items()):
        send_templated(to=addresses, template=template, context=context, headers=headers, language=language)
