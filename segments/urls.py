from django.urls import path

from . import views

app_name = "segments"
urlpatterns = [
    path("segments/", views.segment_list, name="segment_list"),
    path("segments/<slug:slug>/", views.segment_detail, name="segment_detail"),
    path("groups/", views.group_list, name="group_list"),
    path("groups/<slug:slug>/", views.group_detail, name="group_detail"),
    path("groups/<slug:slug>/join/", views.join, name="join"),
    path("groups/<slug:slug>/members/<int:pk>/withdraw/", views.withdraw, name="withdraw"),
    path("groups/<slug:slug>/members/<int:pk>/leave/", views.leave, name="leave"),
    path("groups/<slug:slug>/members/<int:pk>/approve/", views.approve, name="approve"),
    path("groups/<slug:slug>/members/<int:pk>/decline/", views.decline, name="decline"),
    path("groups/<slug:slug>/members/<int:pk>/role/", views.change_role, name="change_role"),
    path("groups/<slug:slug>/members/<int:pk>/hand-over/", views.hand_over, name="hand_over"),
]
