"""Confirmation of an irreversible action, without JavaScript: the action's URL answers GET with a
page that says what will happen and POSTs to itself; only the POST acts. A link or a GET form leads
there from the page that offers the action, so one click never does what cannot be undone."""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


@dataclass(frozen=True)
class Confirmation:
    """What the confirmation page shows: the question (its title), what follows from the action,
    the button that does it, where "Cancel" goes back to; a form (a message to send with it) and
    hidden values (where to return afterwards) travel with the POST."""

    question: str
    consequence: str
    button: str
    back: str
    form: forms.Form | None = None
    hidden: dict[str, Any] = field(default_factory=dict)


def confirm(request: HttpRequest, confirmation: Confirmation, *, status: int = 200) -> HttpResponse:
    return render(request, "core/confirm.html", {"confirmation": confirmation}, status=status)
