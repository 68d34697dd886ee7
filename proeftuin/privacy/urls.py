from django.urls import path

from . import views

urlpatterns = [
    path("privacy/", views.my_data, name="privacy"),
    path("privacy/toestemming/<int:membership>/", views.consent, name="privacy-consent"),
    path("privacy/export/", views.export, name="privacy-export"),
    path("privacy/wissen/", views.erase_me, name="privacy-erase"),
]
