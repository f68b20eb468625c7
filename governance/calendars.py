"""Calendar files (RFC 5545, written with the `icalendar` library) for meetings: one
meeting's .ics file and a person's private feed of the meetings of their groups.

A calendar file leaves the portal (it is copied into Outlook or Google Calendar, shared,
synced to phones), so it never holds a confidential agenda item, for anyone: only the
titles of the meeting's other items go into its description.

Methods (RFC 5546): feeds and downloads PUBLISH; a cancelled meeting's own file is a CANCEL
(same UID, its SEQUENCE), which removes the event from the calendar it was added to; e-mailed
invitations are a REQUEST (and a CANCEL once the meeting is called off), addressed from the
portal (ORGANIZER) to their one recipient (ATTENDEE)."""

import datetime
import hashlib

from django.conf import settings
from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, vCalAddress

from partnership import permissions as core

from . import permissions
from .models import AgendaItem, CalendarFeed, Meeting, MeetingStatus

PRODID = "-//Safeguarding Partnership Portal//Meetings//EN"
FEED_DAYS_BACK = 92  # the feed holds meetings from about three months ago onwards
REFRESH = datetime.timedelta(hours=1)  # how often subscribed calendars should look again
ICAL_STATUS = {MeetingStatus.CANCELLED: "CANCELLED"}
SUMMARY_PREFIXED = (MeetingStatus.CANCELLED, MeetingStatus.ADJOURNED)


# --- Secrets of private feeds -------------------------------------------------------

def hash_secret(secret):
    """Only this hash of a feed's secret is stored."""
    return hashlib.sha256(secret.encode()).hexdigest()


def feed_for_secret(secret):
    """The active feed a secret opens, or None. The lookup is by the secret's hash (an
    indexed equality on a digest), so its timing says nothing about the secret itself."""
    if not secret or len(secret) > 200:
        return None
    feed = (CalendarFeed.objects.select_related("user")
            .filter(secret_hash=hash_secret(secret)).first())
    if feed is None or not feed.user.is_active:
        return None
    return feed


def feed_url(secret):
    return settings.SITE_URL.rstrip("/") + reverse("governance:calendar-feed-ics", kwargs={"secret": secret})


# --- Which meetings ------------------------------------------------------------------

def feed_meetings(user, now=None):
    """The meetings of the person's feed: from FEED_DAYS_BACK days ago on."""
    since = (now or timezone.now()) - datetime.timedelta(days=FEED_DAYS_BACK)
    groups = permissions.calendar_group_ids(user)
    return list(Meeting.objects.filter(group_id__in=groups, starts_at__gte=since)
                .select_related("group__partnership")
                .prefetch_related("group__shared_with")
                .order_by("starts_at", "pk"))


def slug_for(group, partnerships):
    """The slug under which the person reaches the group's meetings: the group's own
    partnership if it is one of theirs, else a partnership it is shared with."""
    mine = {p.pk: p.slug for p in partnerships}
    if group.partnership_id in mine:
        return mine[group.partnership_id]
    for shared in group.shared_with.all():
        if shared.pk in mine:
            return mine[shared.pk]
    return group.partnership.slug


def public_item_titles(meetings):
    """{meeting id: [titles of its agenda items that are not confidential]} in one query."""
    titles = {m.pk: [] for m in meetings}
    rows = (AgendaItem.objects.filter(meeting__in=list(titles), confidential=False)
            .order_by("meeting_id", "position", "pk").values_list("meeting_id", "title"))
    for meeting_id, title in rows:
        titles[meeting_id].append(title)
    return titles


# --- Writing the file ----------------------------------------------------------------

def meeting_url(meeting, slug):
    return settings.SITE_URL.rstrip("/") + reverse(
        "governance:meeting-detail", kwargs={"slug": slug, "pk": meeting.pk})


def _utc(moment):
    return moment.astimezone(datetime.UTC)


def _address(email, name=None):
    address = vCalAddress(f"mailto:{email}")
    if name:
        address.params["CN"] = name
    return address


def meeting_event(meeting, slug, titles, *, attendee=None, organizer=False):
    """The meeting's VEVENT. An invitation names its `attendee` (a user); an invitation or a
    cancellation (`organizer`) names the portal as the ORGANIZER, as RFC 5546 needs."""
    url = meeting_url(meeting, slug)
    event = Event()
    event.add("uid", str(meeting.uid))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", _utc(meeting.updated_at or timezone.now()))
    if meeting.updated_at:
        event.add("last-modified", _utc(meeting.updated_at))
    event.add("dtstart", _utc(meeting.starts_at))
    event.add("dtend", _utc(meeting.ends_at))
    summary = meeting.group.name
    if meeting.status in SUMMARY_PREFIXED:
        summary = f"{meeting.get_status_display()}: {summary}"
    event.add("summary", summary)
    event.add("status", ICAL_STATUS.get(meeting.status, "CONFIRMED"))
    if meeting.location or meeting.online_link:
        event.add("location", meeting.location or meeting.online_link)
    event.add("url", url)
    if organizer or attendee is not None:
        event.add("organizer", _address(settings.DEFAULT_FROM_EMAIL, settings.SERVICE_NAME))
    if attendee is not None:
        address = _address(attendee.email, attendee.full_name or None)
        address.params.update({"ROLE": "REQ-PARTICIPANT", "PARTSTAT": "NEEDS-ACTION",
                               "RSVP": "FALSE"})
        event.add("attendee", address)
    lines = []
    if meeting.status in SUMMARY_PREFIXED and meeting.status_reason:
        lines += [f"{meeting.get_status_display()}: {meeting.status_reason}", ""]
    if titles:
        lines += ["Agenda:"] + [f"{n}. {title}" for n, title in enumerate(titles, start=1)]
        lines.append("")
    if meeting.online_link:
        lines += [f"Join online: {meeting.online_link}", ""]
    lines.append(f"Papers and details (sign in needed): {url}")
    event.add("description", "\n".join(lines))
    event.add("transp", "OPAQUE")
    return event


def build_calendar(meetings, slug_of, *, name=None, method="PUBLISH", attendee=None):
    """A VCALENDAR holding `meetings`; `slug_of(meeting)` gives the partnership slug of
    each meeting's link."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    if name:
        calendar.add("x-wr-calname", name)
        calendar.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", REFRESH)
    titles = public_item_titles(meetings)
    for meeting in meetings:
        calendar.add_component(meeting_event(
            meeting, slug_of(meeting), titles[meeting.pk], attendee=attendee,
            organizer=method != "PUBLISH"))
    return calendar.to_ical()


def meeting_ics(meeting, slug):
    """One meeting's calendar file: a cancellation (METHOD:CANCEL) once it is cancelled."""
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "PUBLISH"
    return build_calendar([meeting], lambda m: slug, method=method)


def invitation_ics(meeting, slug, user):
    """The invitation e-mailed to `user`: a REQUEST, or a CANCEL once it is cancelled.
    Returns (method, body)."""
    method = "CANCEL" if meeting.status == MeetingStatus.CANCELLED else "REQUEST"
    return method, build_calendar([meeting], lambda m: slug, method=method, attendee=user)


def feed_ics(user, now=None):
    """The private feed's calendar: the meetings of the person's groups."""
    meetings = feed_meetings(user, now)
    partnerships = list(core.partnerships_for(user))
    return build_calendar(meetings, lambda m: slug_for(m.group, partnerships),
                          name=f"Meetings ({settings.SERVICE_NAME})")


def meeting_filename(meeting):
    return f"meeting-{meeting.starts_at:%Y-%m-%d}-{meeting.pk}.ics"


def ics_response(body, filename, *, attachment=True):
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    response["Cache-Control"] = "private, no-store, max-age=0"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response

