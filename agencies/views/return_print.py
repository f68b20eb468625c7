"""A return's printable copy (HTML) and its PDF, for whoever may open the return (another
agency's answers 404, as the return page does)."""

from django.http import HttpResponse
from django.views.decorators.http import require_GET

from partnership.exports import download

from .. import permissions, return_export


def _document(request, slug, pk):
    partnership, assessment = permissions.partnership_and_return(request.user, slug, pk)
    return assessment, return_export.document(assessment, partnership)


@require_GET
def return_print(request, slug, pk):
    _assessment, context = _document(request, slug, pk)
    return HttpResponse(return_export.html(context))


@require_GET
def return_pdf(request, slug, pk):
    assessment, context = _document(request, slug, pk)
    return download(return_export.pdf(context), return_export.filename(assessment),
                    return_export.PDF_TYPE)
