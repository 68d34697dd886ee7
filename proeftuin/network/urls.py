from django.urls import path

from . import views

urlpatterns = [
    path("p/<int:pilot>/vergelijking/", views.benchmark_page, name="benchmark"),
    path("p/<int:pilot>/vergelijking/meedoen/", views.benchmark_choice, name="benchmark-choice"),
    path("p/<int:pilot>/contactpunt/", views.contact_settings, name="contact-settings"),
    path("netwerk/<int:organisation>/contact/", views.contact, name="network-contact"),
]
