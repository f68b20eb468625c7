"""Each person's sessions ("Your sessions"): allauth.usersessions keeps one row per signed-in
session (device, address, signed in at, last seen: its middleware updates it on every
request); this lists a person's live ones, ends them, and says how long the current one has
left before it times out.

Sessions live in the database (SESSION_ENGINE), so whether each row's session is still live
is answered for all of a person's rows at once, not one query per row as allauth's own
`purge_and_list` does."""

import re
import time
from dataclasses import dataclass
from datetime import datetime
from importlib import import_module

from allauth.usersessions.adapter import get_adapter
from allauth.usersessions.internal import usersessionkit
from allauth.usersessions.models import UserSession
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, logout
from django.utils import timezone
from django.utils.crypto import constant_time_compare

from ..middleware import SIGNED_IN_AT

# (pattern, name): the first that matches names the browser. Edge and Opera say "Chrome"
# too, and Chrome says "Safari", so they come first.
BROWSERS = [
    (r"Edg(e|A|iOS)?/", "Edge"), (r"OPR/|Opera", "Opera"),
    (r"SamsungBrowser/", "Samsung Internet"), (r"Firefox/|FxiOS/", "Firefox"),
    (r"Chrome/|CriOS/|Chromium/", "Chrome"), (r"Safari/", "Safari"),
]
SYSTEMS = [
    (r"iPhone|iPad|iPod", "iOS"), (r"Android", "Android"), (r"CrOS", "ChromeOS"),
    (r"Windows", "Windows"), (r"Mac OS X|Macintosh", "macOS"), (r"Linux", "Linux"),
]


def device_description(user_agent):
    """A plain description of a browser's user agent: "Chrome on Windows", "Safari on iOS",
    "Firefox", "An unknown device"."""
    browser = next((name for pattern, name in BROWSERS if re.search(pattern, user_agent)), None)
    system = next((name for pattern, name in SYSTEMS if re.search(pattern, user_agent)), None)
    if browser and system:
        return f"{browser} on {system}"
    return browser or (f"A browser on {system}" if system else "An unknown device")


@dataclass
class SessionRow:
    device: str
    address: str
    signed_in_at: datetime
    last_seen_at: datetime
    current: bool


def _store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def _signs_in(data, user):
    """Whether a session's data still signs `user` in (Django's own check in `get_user`:
    the same person, and the password unchanged since)."""
    user_hash = data.get(HASH_SESSION_KEY)
    return (str(data.get(SESSION_KEY)) == str(user.pk) and BACKEND_SESSION_KEY in data
            and bool(user_hash)
            and constant_time_compare(user_hash, user.get_session_auth_hash()))


def session_list(*, request):
    """The signed-in person's live sessions, the current one first, then by last seen. Rows
    of sessions that have ended (timed out, signed out, password changed) are deleted.
    Three queries whatever the number of sessions."""
    user, store = request.user, _store()
    rows = list(UserSession.objects.filter(user_id=user.pk).order_by("-last_seen_at"))
    live = {
        session.session_key: session.session_data
        for session in store.get_model_class().objects.filter(
            session_key__in=[row.session_key for row in rows], expire_date__gt=timezone.now())
    }
    dead = [row.pk for row in rows if row.session_key not in live
            or not _signs_in(store().decode(live[row.session_key]), user)]
    if dead:
        UserSession.objects.filter(pk__in=dead).delete()
    current = request.session.session_key
    listed = [SessionRow(device=device_description(row.user_agent), address=row.ip,
                         signed_in_at=row.created_at, last_seen_at=row.last_seen_at,
                         current=row.session_key == current)
              for row in rows if row.pk not in dead]
    return sorted(listed, key=lambda row: not row.current)


def sessions_end(*, request, everywhere):
    """Sign the person out of every other session (each other device must sign in again),
    or, `everywhere`, out of this one too. allauth's usersessions adapter ends each: the
    session is deleted and its row with it. Returns how many were ended."""
    current = request.session.session_key
    sessions = [session for session in UserSession.objects.filter(user_id=request.user.pk)
                if everywhere or session.session_key != current]
    get_adapter().end_sessions(sessions)
    if everywhere:
        logout(request)
    return len(sessions)


def session_row_end(sender, request, user, **kwargs):
    """Connected to user_logged_out in PartnershipConfig.ready(): signing out ends the
    session's row too, so that "Your sessions" never lists a session that has ended."""
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


def session_seconds_left(request):
    """Seconds until the current session times out if the person does nothing more: the
    idle timeout (SESSION_COOKIE_AGE, counted again from each request), or sooner the
    absolute timeout (SESSION_ABSOLUTE_TIMEOUT from signing in)."""
    started = request.session.get(SIGNED_IN_AT)
    idle = settings.SESSION_COOKIE_AGE
    if started is None:
        return idle
    absolute = int(started + settings.SESSION_ABSOLUTE_TIMEOUT - time.time())
    return max(0, min(idle, absolute))


# "Last seen" is written at most once every SESSION_SEEN_EVERY_SECONDS (a minute) per session:
# allauth's own middleware wrote the session's row on every request (three queries).
SEEN_AT = "usersession_seen_at"
NO_ADDRESS = "0.0.0.0"  # noqa: S104 - a placeholder shown, never bound to


def session_row_start(sender, request, user, **kwargs):
    """Connected to user_logged_in in PartnershipConfig.ready(): the session's row is made
    as the person signs in (allauth's own sign-in does too), not by their next request."""
    session = getattr(request, "session", None)
    if session is None:
        return
    session[SEEN_AT] = time.time()
    if request.META.get("REMOTE_ADDR"):
        UserSession.objects.create_from_request(request, user=user, session=session)
    else:  # signed in by code with no request from a network (a test client's force_login)
        if not session.session_key:
            session.save()
        UserSession.objects.get_or_create(session_key=session.session_key, defaults={
            "user": user, "ip": NO_ADDRESS, "user_agent": ""})


class SessionActivityMiddleware:
    """allauth's UserSessionsMiddleware, writing a session's row (address, device, last
    seen) when it has none yet or at most once every SESSION_SEEN_EVERY_SECONDS."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user, session = getattr(request, "user", None), getattr(request, "session", None)
        if (session is not None and user is not None and user.is_authenticated
                and time.time() - session.get(SEEN_AT, 0) >= settings.SESSION_SEEN_EVERY_SECONDS):
            usersessionkit.track_activity(request, user=user, session=session)
            session[SEEN_AT] = time.time()
        return self.get_response(request)
