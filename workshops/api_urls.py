from django.urls import path

from . import api

urlpatterns = [
    path(
        "pilots/<int:pilot>/sessions/",
        api.SessionListCreate.as_view(),
        name="workshops-api-sessions",
    ),
    path(
        "pilots/<int:pilot>/sessions/series/",
        api.SeriesCreate.as_view(),
        name="workshops-api-session-series",
    ),
    path(
        "pilots/<int:pilot>/sessions/<int:pk>/",
        api.SessionDetail.as_view(),
        name="workshops-api-session",
    ),
    path(
        "pilots/<int:pilot>/sessions/<int:pk>/cancel/",
        api.SessionCancel.as_view(),
        name="workshops-api-session-cancel",
    ),
    path(
        "pilots/<int:pilot>/sessions/<int:pk>/registration/",
        api.MyRegistration.as_view(),
        name="workshops-api-session-registration",
    ),
    path(
        "pilots/<int:pilot>/sessions/<int:pk>/attendance/",
        api.SessionAttendance.as_view(),
        name="workshops-api-session-attendance",
    ),
    path(
        "pilots/<int:pilot>/sessions/<int:pk>/feedback/",
        api.SessionFeedbackSummary.as_view(),
        name="workshops-api-session-feedback",
    ),
]
