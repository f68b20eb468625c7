"""/p/<slug>/section-11/returns/...: an agency's return as a GOV.UK task list, its answers,
evidence and action plan, submission, sign-off, amendment and versions."""

from django.urls import path

from .views import returns

urlpatterns = [
    path("returns/", returns.return_list, name="s11-return-list"),
    path("returns/<int:pk>/", returns.return_detail, name="s11-return"),
    path("returns/<int:pk>/standards/<int:standard_pk>/", returns.answer, name="s11-answer"),
    path("returns/<int:pk>/standards/<int:standard_pk>/evidence/", returns.evidence_add,
         name="s11-evidence-add"),
    path("returns/<int:pk>/evidence/<int:evidence_pk>/", returns.evidence_download,
         name="s11-evidence-download"),
    path("returns/<int:pk>/evidence/<int:evidence_pk>/remove/", returns.evidence_remove,
         name="s11-evidence-remove"),
    path("returns/<int:pk>/plan/", returns.plan, name="s11-plan"),
    path("returns/<int:pk>/plan/<int:item_pk>/remove/", returns.plan_remove, name="s11-plan-remove"),
    path("returns/<int:pk>/carry-forward/", returns.carry_forward, name="s11-carry-forward"),
    path("returns/<int:pk>/submit/", returns.submit_return, name="s11-submit"),
    path("returns/<int:pk>/sign-off/", returns.sign_off, name="s11-sign-off"),
    path("returns/<int:pk>/amend/", returns.amend, name="s11-return-amend"),
    path("returns/<int:pk>/versions/", returns.versions, name="s11-versions"),
    path("returns/<int:pk>/versions/<int:number>/", returns.version, name="s11-version"),
]
