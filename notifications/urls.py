from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("meldingen/", views.notification_list, name="list"),
    path("meldingen/<int:reminder>/gelezen/", views.mark_read, name="mark-read"),
    path("meldingen/alles-gelezen/", views.mark_all_read, name="mark-all-read"),
    path("meldingen/instellingen/", views.preferences, name="settings"),
    path("p/<int:pilot>/herinneringen/", views.pilot_timing_page, name="pilot-timing"),
]
