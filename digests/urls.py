from django.urls import path

from . import views

app_name = "digests"
urlpatterns = [
    path("me/digest/", views.preferences, name="preferences"),
    path("digests/unsubscribe/<str:token>/", views.unsubscribe_link, name="unsubscribe"),
    path("coordination/digests/preview/", views.preview, name="preview"),
]
