from django.urls import path

from . import views

urlpatterns = [
    path("privacy/", views.my_data, name="privacy"),
    path("privacy/toestemming/<int:membership>/", views.consent, name="privacy-consent"),
    path("privacy/export/", views.export, name="privacy-export"),
    path("privacy/wissen/", views.erase_me, name="privacy-erase"),
    path("p/<int:pilot>/informatiepakket/", views.toolkit_page, name="toolkit"),
    path(
        "p/<int:pilot>/informatiepakket/informatiepakket.html",
        views.toolkit_html,
        name="toolkit-html",
    ),
    path(
        "p/<int:pilot>/informatiepakket/informatiepakket.md",
        views.toolkit_markdown,
        name="toolkit-md",
    ),
    path(
        "p/<int:pilot>/informatiepakket/publiceren/", views.toolkit_publish, name="toolkit-publish"
    ),
    path("p/<int:pilot>/informatiepakket/lessen/", views.lesson_list, name="toolkit-lessons"),
    path(
        "p/<int:pilot>/informatiepakket/lessen/<int:lesson>/",
        views.lesson_review,
        name="toolkit-lesson",
    ),
    path("informatiepakket/<str:token>/", views.toolkit_public, name="toolkit-public"),
]
