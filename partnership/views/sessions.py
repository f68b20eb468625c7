"""The signed-in person's own sessions ("Your sessions"), signing out of the others or of
all of them, and the timeout warning's "Stay signed in". Only their own sessions: there is
nothing here to ask for anyone else's."""

from django.conf import settings
from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ..services import sessions as services

END = {
    False: {"title": "Sign out everywhere else",
            "text": "Every other browser and device signed in as you will be signed out. "
                    "You stay signed in here.",
            "button": "Sign out everywhere else"},
    True: {"title": "Sign out everywhere",
           "text": "Every browser and device signed in as you will be signed out, this one "
                   "too.",
           "button": "Sign out everywhere"},
}


@require_GET
def session_list(request):
    return render(request, "usersessions/usersession_list.html", {
        "sessions": services.session_list(request=request),
        "idle_minutes": settings.SESSION_COOKIE_AGE // 60})


@require_http_methods(["GET", "POST"])
def sessions_end(request, everywhere):
    """A GOV.UK confirmation page; its POST signs out."""
    if request.method == "POST":
        ended = services.sessions_end(request=request, everywhere=everywhere)
        if everywhere:
            return redirect(settings.LOGOUT_REDIRECT_URL)
        messages.success(request, f"Signed out of {ended} other session{'s' if ended != 1 else ''}."
                         if ended else "You were not signed in anywhere else.")
        return redirect("usersessions_list")
    return render(request, "usersessions/end.html", END[everywhere])


@require_POST
def keep_alive(request):
    """The timeout warning's "Stay signed in": any request refreshes the session (it is
    saved on every request); this one answers how long it now has."""
    return JsonResponse({"seconds_left": services.session_seconds_left(request)})
