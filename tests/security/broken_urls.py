"""Views with the faults the fuzz test looks for, to show that it finds them (test_fuzz.py)."""

from django.contrib.auth import get_user_model
from django.http import HttpResponse
from django.urls import path


def crashes(request):
    return HttpResponse(1 / len(request.POST.get("name", "")))


def writes_then_refuses(request):
    get_user_model().objects.create(username="half-written")
    return HttpResponse(status=400)


def stores_invalid(request):
    get_user_model().objects.create(username="not a valid username!")
    return HttpResponse(status=201)


def echoes(request):
    return HttpResponse(f"<p>{request.POST.get('name', '')}</p>")


urlpatterns = [
    path("crashes/", crashes),
    path("writes-then-refuses/", writes_then_refuses),
    path("stores-invalid/", stores_invalid),
    path("echoes/", echoes),
]
