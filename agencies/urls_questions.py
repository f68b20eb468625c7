"""Section 11 routes for answering question by question, changing an action plan item and
the printable copy of a return, under /p/<slug>/section-11/ in the `s11` namespace
(included by agencies/urls.py)."""

from django.urls import path

from .views import plan_items, questions, return_print

urlpatterns = [
    path("returns/<int:pk>/questions/<int:question_pk>/", questions.question_answer,
         name="question-answer"),
    path("returns/<int:pk>/questions/<int:question_pk>/evidence/",
         questions.question_evidence_add, name="question-evidence-add"),
    path("returns/<int:pk>/plan/<int:item_pk>/edit/", plan_items.plan_edit, name="plan-edit"),
    path("returns/<int:pk>/print/", return_print.return_print, name="return-print"),
    path("returns/<int:pk>/print.pdf", return_print.return_pdf, name="return-pdf"),
]
