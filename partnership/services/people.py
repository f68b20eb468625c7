"""Writes to people and their roles: invitations, memberships, ending them."""

import datetime

from django.db import transaction

from .. import roles
from ..errors import Invalid
from ..models import AgencyMembership, PartnershipMembership, User
from ..tasks import invitation_send
from . import access


def _membership_for(role_code):
    role = roles.get(role_code)
    return PartnershipMembership if role.scope == roles.Scope.PARTNERSHIP else AgencyMembership


@transaction.atomic
def membership_create(*, user, partnership, role, agency=None, title="", start_date=None,
                      end_date=None):
    """Give `user` a role. Partnership roles are held in `partnership`; agency roles in
    `agency` (which must be designated in `partnership`, checked by the caller's form)."""
    model = _membership_for(role)
    fields = {"user": user, "role": role, "title": title, "end_date": end_date,
              "start_date": start_date or datetime.date.today()}
    if model is PartnershipMembership:
        membership = model(partnership=partnership, agency=agency, **fields)
    else:
        if agency is None:
            raise Invalid({"agency": "Choose the agency this role is held in."})
        membership = model(agency=agency, **fields)
    membership.full_clean()
    duplicate = model.objects.active(membership.start_date).filter(
        user=user, role=role,
        **({"partnership": partnership} if model is PartnershipMembership else {"agency": agency}),
    )
    if duplicate.exists():
        raise Invalid(f"{user} already holds this role.")
    membership.save()
    access.user_groups_sync(user)
    return membership


@transaction.atomic
def membership_end(*, membership, end_date):
    if end_date < membership.start_date:
        raise Invalid({"end_date": "The end date must be on or after the start date."})
    membership.end_date = end_date
    membership.full_clean()
    membership.save(update_fields=["end_date"])
    access.user_groups_sync(membership.user)
    return membership


@transaction.atomic
def user_deactivate(*, user):
    """Take away every role at once. Django's session check signs them out on their next
    request (an inactive user's session no longer authenticates)."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    access.user_groups_sync(user)
    return user


@transaction.atomic
def user_invite(*, invited_by, partnership, email, full_name, role, job_title="", agency=None,
                title="", start_date=None, end_date=None):
    """Give a person a role, creating their account if they have none, and e-mail them.

    A new account has no password: the e-mail carries a link to set one. Someone who
    already has an account is told about the new role instead.
    """
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    created = user is None
    if created:
        user = User(email=email, full_name=full_name.strip(), job_title=job_title.strip())
        user.set_unusable_password()
        user.full_clean()
        user.save()
    membership = membership_create(user=user, partnership=partnership, role=role, agency=agency,
                                   title=title, start_date=start_date, end_date=end_date)
    transaction.on_commit(
        lambda: invitation_send.delay(user.pk, partnership.pk, invited_by.pk, role, created)
    )
    return membership


