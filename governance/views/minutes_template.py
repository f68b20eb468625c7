"""/p/<slug>/minutes-template/: the partnership's own Word template for its minutes, which
the minutes' Word export is built on. Its business unit uploads, downloads and removes it;
the other partnership roles get 403, everyone else 404."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from partnership.files import file_response
from partnership.views.common import attempt, bound, submit

from .. import minutes_export, permissions
from ..forms.minutes_template import MinutesTemplateForm
from ..models import MinutesTemplate
from ..services import minutes_template as services


def _current(partnership):
    return MinutesTemplate.objects.select_related("uploaded_by").filter(
        partnership=partnership).first()


@require_http_methods(["GET", "POST"])
def minutes_template(request, slug):
    partnership = permissions.minutes_template_partnership(request.user, slug)
    form = bound(MinutesTemplateForm, request)
    if submit(request, form, lambda: services.minutes_template_set(
            partnership=partnership, checked=form.cleaned_data["file"], user=request.user)):
        messages.success(request, "Template uploaded. Minutes downloaded as Word now use it.")
        return redirect("governance:minutes-template", slug=partnership.slug)
    return render(request, "governance/minutes/template.html", {
        "partnership": partnership, "form": form, "template": _current(partnership)})


@require_GET
def minutes_template_download(request, slug):
    partnership = permissions.minutes_template_partnership(request.user, slug)
    template = _current(partnership)
    if template is None:
        raise Http404("No template")
    return file_response(template.file, filename=template.filename,
                         content_type=minutes_export.DOCX_TYPE)


@require_POST
def minutes_template_remove(request, slug):
    partnership = permissions.minutes_template_partnership(request.user, slug)
    outcome = attempt(lambda: services.minutes_template_remove(partnership=partnership),
                      request=request)
    if outcome.done:
        messages.success(request, "Template removed. Minutes downloaded as Word use the "
                                  "standard layout.")
    return redirect("governance:minutes-template", slug=partnership.slug)
