from django.urls import path

from ev4scc.urls import urlpatterns as project_urlpatterns

from .floor import floor

urlpatterns = [path("bench/floor/<str:name>/", floor), *project_urlpatterns]
