from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .. import roles
from ..models import Partnership, User
from ..tokens import invitation_token_generator


def _invitation_message(user, partnership, invited_by, role, new_account):
    if new_account:
        path = reverse("invitation-accept", kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": invitation_token_generator.make_token(user),
        })
    else:
        path = reverse("login")
    context = {
        "user": user, "partnership": partnership, "invited_by": invited_by,
        "role": roles.get(role), "new_account": new_account,
        "link": settings.SITE_URL.rstrip("/") + path,
        "service_name": settings.SERVICE_NAME,
        "valid_hours": settings.INVITATION_TIMEOUT // 3600,
    }
    return EmailMessage(
        subject=render_to_string("emails/invitation-subject.txt", context).strip(),
        body=render_to_string("emails/invitation-body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[user.email],
    )


def invitation_email_send(*, user_id, partnership_id, invited_by_id, role, new_account):
    _invitation_message(User.objects.get(pk=user_id), Partnership.objects.get(pk=partnership_id),
                        User.objects.get(pk=invited_by_id), role, new_account).send()


def invitations_email_send(*, partnership_id, invited_by_id, invitations):
    """The same e-mail to each of several people invited at once ([user id, role, new
    account] each), read in three queries and sent over one connection."""
    partnership = Partnership.objects.get(pk=partnership_id)
    invited_by = User.objects.get(pk=invited_by_id)
    users = User.objects.in_bulk([user_id for user_id, _, _ in invitations])
    get_connection().send_messages([
        _invitation_message(users[user_id], partnership, invited_by, role, new_account)
        for user_id, role, new_account in invitations])
