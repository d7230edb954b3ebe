"""Public pages: home, calendar, activity pages and the iCalendar feed."""

from django.urls import path

from campaigns.views import calendar, ical, public

app_name = "campaigns"

urlpatterns = [
    path("", public.home, name="home"),
    path("calendar/", calendar.calendar_page, name="calendar"),
    path("calendar.ics", ical.calendar_feed, name="calendar-ics"),
    path("activities/<id:pk>/", public.activity_detail, name="activity-detail"),
    path("activities/<id:pk>.ics", ical.activity_ics, name="activity-ics"),
]
