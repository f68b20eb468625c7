"""Calendar files: one meeting's .ics, and the person's private feed (its page, making and
revoking its secret address, and the feed itself, which calendars fetch without signing
in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST, require_safe

from partnership import permissions as core

from .. import calendars, permissions
from ..models import CalendarFeed
from ..services import calendars as services


@require_safe
def meeting_ics(request, slug, pk):
    partnership = core.partnership_for(request.user, slug)
    meeting = permissions.meeting_for(request.user, partnership, pk)
    return calendars.ics_response(calendars.meeting_ics(meeting, partnership.slug),
                                  calendars.meeting_filename(meeting))


SESSION_KEY = "calendar_feed_new"  # the session key holding a new address until shown


@require_GET
def feed_page(request):
    """The feed page. Straight after a new address is made it shows that address, once:
    the secret waits in the (server-side) session only until this page is shown."""
    feed = CalendarFeed.objects.filter(user=request.user).first()
    secret = request.session.pop(SESSION_KEY, None)
    if secret and (feed is None or feed.secret_hash != calendars.hash_secret(secret)):
        secret = None  # revoked or replaced since
    url = calendars.feed_url(secret) if secret else None
    return render(request, "governance/calendar/feed.html", {
        "feed": feed,
        "new_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1] if url else None,
    })


@require_POST
def feed_reset(request):
    """Make a new feed address (revoking any old one) and show it once."""
    request.session[SESSION_KEY] = services.feed_create(user=request.user)
    return redirect("governance:calendar-feed")


@require_POST
def feed_revoke(request):
    request.session.pop(SESSION_KEY, None)
    if services.feed_revoke(user=request.user):
        messages.success(request, "Your calendar feed has been turned off. Calendars "
                                  "subscribed to it will stop updating.")
    else:
        messages.info(request, "You did not have a calendar feed.")
    return redirect("governance:calendar-feed")


@login_not_required
@require_safe
def feed_ics(request, secret):
    feed = calendars.feed_for_secret(secret)
    if feed is None:
        raise Http404("No such calendar feed")
    services.feed_used(feed=feed)
    return calendars.ics_response(calendars.feed_ics(feed.user), "meetings.ics",
                                  attachment=False)
