from django.urls import path

from . import views

urlpatterns = [
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
        "p/<int:pilot>/informatiepakket/informatiepakket.pdf",
        views.toolkit_pdf,
        name="toolkit-pdf",
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
    path("p/<int:pilot>/bibliotheek/", views.library_settings, name="library-settings"),
    path("bibliotheek/", views.library_list, name="library"),
    path("bibliotheek/<int:pilot>/", views.library_package, name="library-package"),
    path("bibliotheek/<int:pilot>/casus/<int:case>/", views.library_case, name="library-case"),
    path("bibliotheek/<int:pilot>/informatiepakket.pdf", views.library_pdf, name="library-pdf"),
    path("bibliotheek/<int:pilot>/informatiepakket.md", views.library_markdown, name="library-md"),
    path("informatiepakket/<str:token>/", views.toolkit_public, name="toolkit-public"),
    path(
        "informatiepakket/<str:token>/informatiepakket.pdf",
        views.toolkit_public_pdf,
        name="toolkit-public-pdf",
    ),
]
