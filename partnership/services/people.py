"""Writes to people and their roles: invitations, memberships, ending them."""

import datetime
from collections import defaultdict

from django.db import transaction
from django.db.models.functions import Lower

from .. import roles
from ..errors import Invalid
from ..models import AgencyMembership, PartnershipMembership, User
from ..models.dated import Dated
from ..models.memberships import partner_designations
from ..tasks import invitation_send, invitations_send
from . import access
from .bulk import audited_create


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




def _memberships_held(users, partnership, agencies):
    """{(user id, role, partnership id or agency id): [(start, end)]} of these people's
    memberships in the partnership and these agencies: two queries."""
    held = defaultdict(list)
    user_ids = [u.pk for u in users if u.pk]
    for user_id, role, scope_id, start, end in (
            PartnershipMembership.objects.filter(user_id__in=user_ids, partnership=partnership)
            .order_by().values_list("user_id", "role", "partnership_id", "start_date", "end_date")):
        held[(user_id, role, scope_id)].append((start, end))
    for user_id, role, scope_id, start, end in (
            AgencyMembership.objects.filter(user_id__in=user_ids, agency_id__in=agencies)
            .order_by().values_list("user_id", "role", "agency_id", "start_date", "end_date")):
        held[(user_id, role, scope_id)].append((start, end))
    return held


def _membership_check(membership, partner_agencies):
    """membership_create's checks, with the statutory partners read once for all (the
    model's own check reads them for each)."""
    membership.clean_fields(exclude=["user", "partnership", "agency"])
    if isinstance(membership, AgencyMembership) and membership.agency is None:
        raise Invalid({"agency": "Choose the agency this role is held in."})
    if membership.role not in roles.PARTNER_ROLES:
        membership.clean()
        return
    Dated.clean(membership)
    if membership.agency_id not in partner_agencies:
        raise Invalid({"agency": "Choose the statutory partner this safeguarding partner acts for."})


@transaction.atomic
def users_invite(*, invited_by, partnership, invitations):
    """Invite several people at once: `invitations` is a list of dicts with user_invite's
    arguments (`email`, `full_name`, `role`; `job_title`, `agency`, `title`, `start_date`,
    `end_date`). The same accounts, roles, audit entries, groups and e-mails as one
    user_invite each, in a fixed number of queries however many."""
    invitations = [{"job_title": "", "agency": None, "title": "", "start_date": None,
                    "end_date": None, **i, "email": i["email"].strip().lower()}
                   for i in invitations]
    users = {u.email.lower(): u for u in User.objects.annotate(address=Lower("email")).filter(
        address__in={i["email"] for i in invitations})}
    new = {}
    for i in invitations:
        if i["email"] not in users and i["email"] not in new:
            user = User(email=i["email"], full_name=i["full_name"].strip(),
                        job_title=i["job_title"].strip())
            user.set_unusable_password()
            user.full_clean(validate_unique=False, validate_constraints=False)
            new[i["email"]] = user
    agencies = {i["agency"].pk for i in invitations if i["agency"] is not None}
    held = _memberships_held(users.values(), partnership, agencies)
    partner_agencies = set()
    if any(i["role"] in roles.PARTNER_ROLES for i in invitations):
        partner_agencies = set(partner_designations(partnership.pk).order_by()
                               .values_list("agency_id", flat=True))
    users |= {user.email: user for user in audited_create(User, list(new.values()))}
    made = {PartnershipMembership: [], AgencyMembership: []}
    for i in invitations:
        user, model = users[i["email"]], _membership_for(i["role"])
        membership = model(user=user, role=i["role"], title=i["title"], end_date=i["end_date"],
                           start_date=i["start_date"] or datetime.date.today(),
                           **({"partnership": partnership, "agency": i["agency"]}
                              if model is PartnershipMembership else {"agency": i["agency"]}))
        _membership_check(membership, partner_agencies)
        scope = (user.pk, i["role"],
                 partnership.pk if model is PartnershipMembership else i["agency"].pk)
        day = membership.start_date
        if any(start <= day and (end is None or end >= day) for start, end in held[scope]):
            raise Invalid(f"{user} already holds this role.")
        held[scope].append((day, membership.end_date))
        made[model].append(membership)
    memberships = [m for model, ms in made.items() for m in audited_create(model, ms)]
    access.users_groups_sync({user.pk for user in users.values()})
    sent = [[m.user.pk, m.role, m.user.email in new] for m in memberships]
    transaction.on_commit(lambda: invitations_send.delay(partnership.pk, invited_by.pk, sent))
    return memberships
