from django.urls import path

from . import views
from .feeds import AtomNewsFeed, NewsFeed

app_name = "events"
urlpatterns = [
    path("events/", views.event_list, name="event_list"),
    # Before <slug>/: "feed.ics" is not a slug, but keep the order obvious.
    path("events/feed.ics", views.events_feed, name="events_feed"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("events/<slug:slug>/event.ics", views.event_ics, name="event_ics"),
    path("events/<slug:slug>/register/", views.event_register, name="event_register"),
    path(
        "events/<slug:slug>/register/colleague/",
        views.event_register_colleague,
        name="event_register_colleague",
    ),
    path(
        "events/<slug:slug>/registrations/<int:pk>/cancel/",
        views.registration_cancel,
        name="registration_cancel",
    ),
    path(
        "events/<slug:slug>/registrations/<int:pk>/leave/",
        views.registration_leave,
        name="registration_leave",
    ),
    path("events/<slug:slug>/attendees/", views.event_attendees, name="event_attendees"),
    path("events/<slug:slug>/attendees.csv", views.event_attendees_csv, name="event_attendees_csv"),
    path("events/<slug:slug>/close/", views.event_close, name="event_close"),
    path("news/", views.news_list, name="news_list"),
    path("news/feed/", NewsFeed(), name="news_feed"),
    path("news/feed/atom/", AtomNewsFeed(), name="news_feed_atom"),
    path("news/<slug:slug>/", views.news_detail, name="news_detail"),
    path("contact/", views.contact, name="contact"),
]
