"""Routes: consultations with the relevant agencies (/p/<slug>/scrutiny/consultations/...)."""

from django.urls import path

from .views import consultations as views

urlpatterns = [
    path("", views.consultation_list, name="scrutiny-consultation-list"),
    path("new/", views.consultation_create, name="scrutiny-consultation-create"),
    path("<int:pk>/", views.consultation_detail, name="scrutiny-consultation-detail"),
    path("<int:pk>/questions/new/", views.question_add, name="scrutiny-consultation-question-add"),
    path("<int:pk>/send/", views.consultation_send, name="scrutiny-consultation-send"),
    path("<int:pk>/summary/", views.consultation_summary_page,
         name="scrutiny-consultation-summary"),
    path("<int:pk>/agencies/<int:agency_pk>/", views.respond,
         name="scrutiny-consultation-respond"),
]
