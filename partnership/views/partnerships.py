from django.shortcuts import render
from django.views.decorators.http import require_GET

from .. import permissions, selectors
from ..current import remember


@require_GET
def overview(request, slug):
    partnership = permissions.partnership_for(request.user, slug)
    remember(request, partnership)
    context = {"partnership": partnership,
               "areas": list(partnership.local_authority_areas.all()),
               **selectors.partnership_overview(partnership)}
    return render(request, "partnerships/overview.html", context)
