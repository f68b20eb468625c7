"""Calendar files and private calendar feeds."""

from django.urls import path

from .views import calendars

urlpatterns = [
    path("calendar/", calendars.feed_page, name="calendar-feed"),
    path("calendar/new/", calendars.feed_reset, name="calendar-feed-reset"),
    path("calendar/revoke/", calendars.feed_revoke, name="calendar-feed-revoke"),
    path("calendar/feed/<slug:secret>.ics", calendars.feed_ics, name="calendar-feed-ics"),
    path("p/<slug:slug>/meetings/<int:pk>/calendar.ics", calendars.meeting_ics,
         name="meeting-ics"),
]
