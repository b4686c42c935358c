from django.urls import path

from . import views

app_name = "projects"
urlpatterns = [
    path("calls/", views.call_list, name="call_list"),
    path("calls/new/", views.call_create, name="call_create"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/new/", views.project_create, name="project_create"),
    path("projects/<slug:slug>/", views.project_detail, name="project_detail"),
    path("projects/<slug:slug>/edit/", views.project_edit, name="project_edit"),
    path("projects/<slug:slug>/invite/", views.project_invite, name="project_invite"),
    path("projects/<slug:slug>/join/", views.project_join, name="project_join"),
    path("projects/<slug:slug>/status/", views.project_status, name="project_status"),
    path(
        "projects/<slug:slug>/participations/<int:pk>/<str:action>/",
        views.participation_answer,
        name="participation_answer",
    ),
    path("solutions/", views.solution_list, name="solution_list"),
    path("solutions/new/", views.solution_create, name="solution_create"),
    path("solutions/<slug:slug>/", views.solution_detail, name="solution_detail"),
    path("solutions/<slug:slug>/contact/", views.solution_contact, name="solution_contact"),
    path("solutions/<slug:slug>/replicate/", views.solution_replicate, name="solution_replicate"),
    path("needs/", views.need_list, name="need_list"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/<slug:slug>/", views.need_detail, name="need_detail"),
    path("needs/<slug:slug>/edit/", views.need_edit, name="need_edit"),
    path("needs/<slug:slug>/status/", views.need_status, name="need_status"),
]
