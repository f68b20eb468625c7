"""Section 11's routes, under the `s11` namespace: /p/<slug>/section-11/... (cycles,
templates, extensions, returns, moderation, challenge events and analysis) and the API
(/api/section11/...)."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api
from .views import (
    analysis,
    challenge,
    cycles,
    extensions,
    moderation,
    plan_items,
    questions,
    return_print,
    return_steps,
    returns,
    templates,
)

app_name = "s11"

# Cycles (the section's front page), templates and extensions.
cycle_routes = [
    path("", cycles.cycle_list, name="cycle-list"),
    path("cycles/new/", cycles.cycle_create, name="cycle-create"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="cycle"),
    path("cycles/<int:pk>/edit/", cycles.cycle_edit, name="cycle-edit"),
    path("cycles/<int:pk>/agencies/", cycles.cycle_agencies, name="cycle-agencies"),
    path("templates/", templates.template_list, name="template-list"),
    path("templates/<int:pk>/", templates.template_detail, name="template"),
    path("templates/<int:pk>/copy/", templates.template_copy, name="template-copy"),
    path("templates/<int:pk>/new-version/", templates.template_new_version,
         name="template-new-version"),
    path("templates/<int:pk>/edit/", templates.template_edit, name="template-edit"),
    path("templates/<int:pk>/standards/new/", templates.standard_add, name="standard-add"),
    path("templates/<int:pk>/standards/<int:standard_pk>/edit/", templates.standard_edit,
         name="standard-edit"),
    path("templates/<int:pk>/standards/<int:standard_pk>/questions/new/", templates.question_add,
         name="question-add"),
    path("templates/<int:pk>/questions/<int:question_pk>/edit/", templates.question_edit,
         name="question-edit"),
    path("extensions/", extensions.extension_list, name="extension-list"),
    path("extensions/new/<int:request_pk>/", extensions.extension_ask, name="extension-ask"),
    path("extensions/<int:pk>/decide/", extensions.extension_decide, name="extension-decide"),
]

# returns/...: an agency's return as a GOV.UK task list, its answers, evidence and action
# plan, submission, sign-off, sending back (chief officer or business unit), the lead's
# recall, and versions.
return_routes = [
    path("returns/", returns.return_list, name="return-list"),
    path("returns/<int:pk>/", returns.return_detail, name="return"),
    path("returns/<int:pk>/standards/<int:standard_pk>/", returns.answer, name="answer"),
    path("returns/<int:pk>/standards/<int:standard_pk>/evidence/", returns.evidence_add,
         name="evidence-add"),
    path("returns/<int:pk>/evidence/<int:evidence_pk>/", returns.evidence_download,
         name="evidence-download"),
    path("returns/<int:pk>/evidence/<int:evidence_pk>/remove/", returns.evidence_remove,
         name="evidence-remove"),
    path("returns/<int:pk>/plan/", returns.plan, name="plan"),
    path("returns/<int:pk>/plan/<int:item_pk>/remove/", returns.plan_remove, name="plan-remove"),
    path("returns/<int:pk>/carry-forward/", returns.carry_forward, name="carry-forward"),
    path("returns/<int:pk>/submit/", returns.submit_return, name="submit"),
    path("returns/<int:pk>/sign-off/", returns.sign_off, name="sign-off"),
    path("returns/<int:pk>/amend/", return_steps.send_back, name="return-amend"),
    path("returns/<int:pk>/recall/", return_steps.recall, name="return-recall"),
    path("returns/<int:pk>/versions/", returns.versions, name="versions"),
    path("returns/<int:pk>/versions/<int:number>/", returns.version, name="version"),
    # Answering question by question, changing an action plan item, the printable copy.
    path("returns/<int:pk>/questions/<int:question_pk>/", questions.question_answer,
         name="question-answer"),
    path("returns/<int:pk>/questions/<int:question_pk>/evidence/",
         questions.question_evidence_add, name="question-evidence-add"),
    path("returns/<int:pk>/plan/<int:item_pk>/edit/", plan_items.plan_edit, name="plan-edit"),
    path("returns/<int:pk>/print/", return_print.return_print, name="return-print"),
    path("returns/<int:pk>/print.pdf", return_print.return_pdf, name="return-pdf"),
]

# moderation/..., challenge/... and analysis/...: moderation and feedback, challenge events
# with their follow-up actions, and the analysis of cycles with its exports.
analysis_routes = [
    path("moderation/returns/<int:pk>/", moderation.moderate, name="moderate"),
    path("moderation/returns/<int:pk>/feedback/", moderation.feedback, name="feedback"),
    path("challenge/", challenge.event_list, name="challenge-list"),
    path("challenge/new/", challenge.event_create, name="challenge-create"),
    path("challenge/<int:pk>/", challenge.event_detail, name="challenge"),
    path("challenge/<int:pk>/edit/", challenge.event_edit, name="challenge-edit"),
    path("challenge/<int:pk>/actions/new/", challenge.action_add, name="challenge-action-add"),
    path("analysis/year-on-year/", analysis.year_on_year, name="year-on-year"),
    path("analysis/<int:cycle_pk>/", analysis.cycle_analysis, name="analysis"),
    path("analysis/<int:cycle_pk>/export.csv", analysis.export, {"fmt": "csv"},
         name="export-csv"),
    path("analysis/<int:cycle_pk>/export.xlsx", analysis.export, {"fmt": "xlsx"},
         name="export-xlsx"),
]

# /api/section11/...: cycles and returns, with writes for answering, submitting and signing off.
api_router = SimpleRouter()
api_router.register("cycles", api.CycleViewSet, basename="api-cycle")
api_router.register("returns", api.ReturnViewSet, basename="api-return")

urlpatterns = [
    path("p/<slug:slug>/section-11/", include(cycle_routes + return_routes + analysis_routes)),
    path("api/section11/", include(api_router.urls)),
]
