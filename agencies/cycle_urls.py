"""/p/<slug>/section-11/: cycles (the section's front page), templates and extensions."""

from django.urls import path

from .views import cycles, extensions, templates

urlpatterns = [
    path("", cycles.cycle_list, name="s11-cycle-list"),
    path("cycles/new/", cycles.cycle_create, name="s11-cycle-create"),
    path("cycles/<int:pk>/", cycles.cycle_detail, name="s11-cycle"),
    path("cycles/<int:pk>/edit/", cycles.cycle_edit, name="s11-cycle-edit"),
    path("cycles/<int:pk>/agencies/", cycles.cycle_agencies, name="s11-cycle-agencies"),
    path("templates/", templates.template_list, name="s11-template-list"),
    path("templates/<int:pk>/", templates.template_detail, name="s11-template"),
    path("templates/<int:pk>/copy/", templates.template_copy, name="s11-template-copy"),
    path("templates/<int:pk>/new-version/", templates.template_new_version,
         name="s11-template-new-version"),
    path("templates/<int:pk>/edit/", templates.template_edit, name="s11-template-edit"),
    path("templates/<int:pk>/standards/new/", templates.standard_add, name="s11-standard-add"),
    path("templates/<int:pk>/standards/<int:standard_pk>/edit/", templates.standard_edit,
         name="s11-standard-edit"),
    path("templates/<int:pk>/standards/<int:standard_pk>/questions/new/", templates.question_add,
         name="s11-question-add"),
    path("templates/<int:pk>/questions/<int:question_pk>/edit/", templates.question_edit,
         name="s11-question-edit"),
    path("extensions/", extensions.extension_list, name="s11-extension-list"),
    path("extensions/new/<int:request_pk>/", extensions.extension_ask, name="s11-extension-ask"),
    path("extensions/<int:pk>/decide/", extensions.extension_decide, name="s11-extension-decide"),
]
