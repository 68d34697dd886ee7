"""/api/v1/me/notifications/ and /api/v1/me/notification-preferences/: the asker's own."""

from django.urls import path

from . import api

urlpatterns = [
    path("me/notifications/", api.MyNotifications.as_view(), name="notifications-api-list"),
    path(
        "me/notifications/unread-count/",
        api.MyUnreadCount.as_view(),
        name="notifications-api-unread-count",
    ),
    path(
        "me/notifications/read-all/",
        api.MarkAllRead.as_view(),
        name="notifications-api-read-all",
    ),
    path(
        "me/notifications/<int:pk>/read/",
        api.MarkRead.as_view(),
        name="notifications-api-read",
    ),
    path(
        "me/notification-preferences/",
        api.MyPreferences.as_view(),
        name="notifications-api-preferences",
    ),
    path(
        "pilots/<int:pilot>/reminder-timing/",
        api.PilotReminderTiming.as_view(),
        name="notifications-api-pilot-timing",
    ),
]
