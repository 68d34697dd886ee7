from django.urls import path

from . import views

urlpatterns = [
    path("p/<int:pilot>/overzicht/", views.overview_page, name="overview"),
    path(
        "p/<int:pilot>/overzicht/export.csv",
        views.overview_export,
        name="overview-export",
    ),
    path(
        "p/<int:pilot>/overzicht/export.xlsx",
        views.overview_export_xlsx,
        name="overview-export-xlsx",
    ),
    path("p/<int:pilot>/mijn-voortgang/", views.my_progress, name="my-progress"),
]
