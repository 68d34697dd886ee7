from django.urls import path

from . import views

urlpatterns = [
    path("p/<int:pilot>/postvak/", views.inbox_page, name="inbox"),
]
