from django.urls import path

from . import views

app_name = "workshops"
urlpatterns = [
    path("p/<int:pilot>/bijeenkomsten/", views.session_list, name="session-list"),
    path("p/<int:pilot>/bijeenkomsten/nieuw/", views.session_create, name="session-create"),
    path("p/<int:pilot>/bijeenkomsten/reeks/", views.series_create, name="series-create"),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/",
        views.session_detail,
        name="session-detail",
    ),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/wijzigen/",
        views.session_edit,
        name="session-edit",
    ),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/annuleren/",
        views.session_cancel,
        name="session-cancel",
    ),
    path("p/<int:pilot>/bijeenkomsten/<int:session>/antwoord/", views.answer, name="answer"),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/aanwezigheid/",
        views.attendance,
        name="attendance",
    ),
    path("p/<int:pilot>/bijeenkomsten/<int:session>/feedback/", views.feedback, name="feedback"),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/inchecken/",
        views.check_in,
        name="check-in",
    ),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/inchecken/scherm/",
        views.check_in_screen,
        name="check-in-screen",
    ),
    path("p/<int:pilot>/bijeenkomsten/<int:session>/afmelden/", views.excuse, name="excuse"),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/materiaal/",
        views.materials,
        name="materials",
    ),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/agenda.ics",
        views.session_download,
        name="session-ics",
    ),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/aanbod/",
        views.offer_answer,
        name="offer-answer",
    ),
    path("bijeenkomsten/aanbod/<str:token>/", views.offer, name="offer"),
    path(
        "p/<int:pilot>/bijeenkomsten/<int:session>/gasten/",
        views.session_guests,
        name="session-guests",
    ),
    path("gast/aanmelden/<str:token>/", views.guest_sign_up, name="guest-sign-up"),
    path("gast/<str:token>/", views.guest, name="guest"),
    path("gast/<str:token>/agenda.ics", views.guest_ics, name="guest-ics"),
    path("p/<int:pilot>/agenda/", views.agenda, name="agenda"),
    path("agenda/<str:token>.ics", views.feed, name="feed"),
]
