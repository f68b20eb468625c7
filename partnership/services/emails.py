from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from .. import roles
from ..models import Partnership, User
from ..tokens import invitation_token_generator


def invitation_email_send(*, user_id, partnership_id, invited_by_id, role, new_account):
    user = User.objects.get(pk=user_id)
    partnership = Partnership.objects.get(pk=partnership_id)
    invited_by = User.objects.get(pk=invited_by_id)
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
    send_mail(
        subject=render_to_string("emails/invitation-subject.txt", context).strip(),
        message=render_to_string("emails/invitation-body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
