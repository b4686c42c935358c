from django.urls import path

from . import views

app_name = "kpis"
urlpatterns = [
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard/breakdowns/<slug:name>.csv", views.breakdown_csv, name="breakdown-csv"),
    path("dashboard/<slug:metric>.csv", views.metric_csv, name="metric-csv"),
    path("targets/", views.targets, name="targets"),
]
