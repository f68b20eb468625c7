"""Role x route cases for each person's notifications (see tests/matrix.py): every signed-in
person opens their own page, preferences and API list; marking one read is for its
recipient only (agency A's lead here; everyone else 404, as for a missing one). The
notification is made read already, so that the writes change nothing."""

from .matrix import SIGNED_IN, Case, api, expect


def lead_a_notification(c):
    """A read notification of agency A's lead, made on first use."""
    if "inbox_row" not in c.__dict__:
        from partnership.models import NotificationKind
        from partnership.services.notifications import notification_read, notify

        [c.inbox_row] = notify(kind=NotificationKind.CHALLENGE_RAISED, recipients=[c.lead_a],
                               message="A challenge is raised", link="/", partnership=c.p1)
        notification_read(notification=c.inbox_row)
    return {"pk": c.inbox_row.pk}


CASES = [
    Case("notifications", expect(SIGNED_IN)),
    Case("notifications", expect(SIGNED_IN), note="unread only", query="?unread=on&page=x"),
    Case("notification-read", expect(("lead_a",), code=302), kwargs=lead_a_notification,
         method="post", data={"open": "1"}),
    Case("notification-read", expect(()), kwargs=lambda c: {"pk": 999999}, method="post",
         note="missing"),
    Case("notifications-read-all", expect(SIGNED_IN, code=302), method="post"),
    Case("notifications-read-all", expect(SIGNED_IN, code=405, anon=302), note="GET is refused"),
    Case("notification-preferences", expect(SIGNED_IN)),
    Case("notification-preferences", expect(SIGNED_IN), method="post",
         data={"challenge-raised": "pigeon"}, note="invalid"),
    Case("api-inbox-list", api(), query="?unread=true"),
    Case("api-inbox-list", api(code=400), query="?unread=maybe", note="bad filter"),
    Case("api-inbox-read", api(("lead_a",)), kwargs=lead_a_notification, method="post"),
    Case("api-inbox-read", api(()), kwargs=lambda c: {"pk": 999999}, method="post",
         note="missing"),
]
