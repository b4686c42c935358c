import pytest
from django.test import override_settings
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

AXES = override_settings(
    AXES_ENABLED=True,
    AUTHENTICATION_BACKENDS=[
        "axes.backends.AxesStandaloneBackend",
        "django.contrib.auth.backends.ModelBackend",
    ],
)


@AXES
def test_login_is_locked_at_the_fifth_failure_and_the_right_password_does_not_unlock_it(client):
    UserFactory(username="anna")
    statuses = [
        client.post(reverse("login"), {"username": "anna", "password": "wrong"}).status_code for _ in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429]
    response = client.post(reverse("login"), {"username": "anna", "password": "correct horse battery staple"})
    assert response.status_code == 429
    assert b"Too many failed log-in attempts" in response.content
    assert "_auth_user_id" not in client.session


@AXES
def test_a_few_failures_do_not_lock_and_success_logs_in(client):
    UserFactory(username="ben")
    for _ in range(3):
        client.post(reverse("login"), {"username": "ben", "password": "wrong"})
    response = client.post(reverse("login"), {"username": "ben", "password": "correct horse battery staple"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session
