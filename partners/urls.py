from django.urls import path

from . import views

app_name = "partners"
urlpatterns = [
    path("partners/", views.partner_list, name="list"),
    path("partners/<slug:slug>/", views.partner_detail, name="detail"),
    path("partners/<slug:slug>/edit/", views.partner_edit, name="edit"),
    path("map/", views.partner_map, name="map"),
    path("map/partners.geojson", views.partner_geojson, name="geojson"),
    path("join/", views.join, name="join"),
    path("join/thanks/", views.join_done, name="join_done"),
    path("coordination/applications/", views.application_list, name="applications"),
    path("coordination/applications/<int:pk>/", views.application_detail, name="application"),
    path("coordination/applications/<int:pk>/approve/", views.application_approve, name="approve"),
    path("coordination/applications/<int:pk>/reject/", views.application_reject, name="reject"),
    path("privacy/", views.privacy, name="privacy"),
    path("me/data.json", views.my_data, name="my_data"),
    path("me/erase/", views.erase_me, name="erase_me"),
]
