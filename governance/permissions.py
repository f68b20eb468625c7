"""Every access decision about governance, in one place: groups and their seats, meetings,
agendas and papers, decisions, the action register, priorities and the work plan.

Visibility comes from the core's object permissions (partnership/roles.py); a record that
exists but is not the user's answers 404, like one that does not exist.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from partnership import permissions as core
from partnership import roles

from .models import Action, Decision, Group, GroupMember, Meeting, Paper, Priority, WorkPlanItem
from .models.meetings import ConfidentialMinute, MinutesStatus

# Governance: groups, meetings and the action register.
#
# - People with a partnership role (business unit, partners, chair, scrutineer) see every
#   group of the partnership (its own and those shared with it) and their meetings; the
#   business unit runs them. Agency staff see the groups they have a seat on.
# - Confidential agenda items, their papers, their decisions and draft minutes are for the
#   group's members and the business unit that clerks it (that of the group's own
#   partnership: a partnership the group is shared with sees its public business only), in
#   every page, list, export, calendar file and API answer (sees_confidential and
#   confidential_q); a group's chair may run its meetings too.
# - The action register: partnership roles see all of it; agency staff see their own
#   agency's actions (and any they own by name); agency leads, named owners and the
#   business unit record progress; only the business unit closes an action.

def can_view_governance(user, partnership):
    return core.has_perm(user, roles.VIEW_GOVERNANCE, partnership)


def can_manage_governance(user, partnership):
    return core.has_perm(user, roles.MANAGE_GOVERNANCE, partnership)


def require_manage_governance(user, partnership):
    if not can_manage_governance(user, partnership):
        raise PermissionDenied("Only the partnership's business unit can do this.")


def _seats(user):
    """{group id: chairs it} for the groups in which the user has a seat today (read once
    per user object, like the permission checker)."""
    if not (user.is_authenticated and user.is_active):
        return {}
    seats = getattr(user, "_group_seats", None)
    if seats is None:
        seats = {}
        for group_id, is_chair in GroupMember.objects.active().filter(user=user).values_list(
                "group_id", "is_chair"):
            seats[group_id] = seats.get(group_id, False) or is_chair
        user._group_seats = seats
    return seats


def seat_group_ids(user):
    """Groups in which the user has a seat today."""
    return set(_seats(user))


def chair_group_ids(user):
    return {group_id for group_id, chair in _seats(user).items() if chair}


def groups_across(user, partnerships):
    """The groups of these partnerships (their own and those shared with them) the user may
    see, in one query: all of them where the user holds a partnership role, elsewhere those
    in which they have a seat."""
    partnerships = list(partnerships)
    governed = [p for p in partnerships if can_view_governance(user, p)]
    groups = Group.objects.filter(core.within(partnerships) | core.within(
        partnerships, "shared_with"))
    if len(governed) < len(partnerships):
        groups = groups.filter(core.within(governed) | core.within(governed, "shared_with")
                               | Q(pk__in=seat_group_ids(user)))
    return groups.distinct()


def groups_for(user, partnership):
    return groups_across(user, [partnership])


def group_for(user, partnership, pk):
    try:
        return groups_for(user, partnership).get(pk=pk)
    except (Group.DoesNotExist, ValueError, TypeError):
        raise Http404("No such group") from None


def partnerships_governed(user):
    """Partnerships whose governance the user manages (business unit)."""
    return core.partnerships_with(user, roles.MANAGE_GOVERNANCE)


def member_for(group, pk):
    """A seat on `group` (404 for a seat on any other group)."""
    try:
        return GroupMember.objects.select_related("user", "agency").get(group=group, pk=pk)
    except (GroupMember.DoesNotExist, ValueError, TypeError):
        raise Http404("No such seat") from None


def calendar_group_ids(user):
    """The groups whose meetings go into a person's calendar feed: those where they have
    a seat today, and for business unit staff every group of the partnerships they run
    (their own groups and those shared with them)."""
    ids = seat_group_ids(user)
    for partnership in partnerships_governed(user):
        ids.update(groups_for(user, partnership).values_list("pk", flat=True))
    return ids


def can_run_group(user, group):
    """The business unit of the group's own partnership, or the group's chair (named as
    its chair, or holding a chair's seat)."""
    return (can_manage_governance(user, group.partnership)
            or group.pk in chair_group_ids(user)
            or (group.chair_id is not None and group.chair_id == user.pk and user.is_active))


def require_run_group(user, group):
    if not can_run_group(user, group):
        raise PermissionDenied("Only the business unit or the group's chair can do this.")


def require_send_invitations(user, meeting):
    """E-mailed calendar invitations to a meeting's members: the business unit of the
    group's own partnership (it clerks the group)."""
    if not can_manage_governance(user, meeting.group.partnership):
        raise PermissionDenied("Only the partnership's business unit can send invitations.")


def sees_confidential(user, group):
    """Confidential items, their papers, their decisions and draft minutes: the business unit
    of the group's own partnership (not of a partnership the group is shared with) and the
    group's members. confidential_q is the same rule for a query."""
    return can_manage_governance(user, group.partnership) or group.pk in seat_group_ids(user)


def confidential_q(user, group_path):
    """sees_confidential(user, <the group at `group_path`>) as a query condition, for lists
    of records from several groups (e.g. "meeting__group")."""
    return (Q(**{f"{group_path}__partnership__in": partnerships_governed(user)})
            | Q(**{f"{group_path}__in": seat_group_ids(user)}))


def meetings_across(user, partnerships):
    return Meeting.objects.filter(group__in=groups_across(user, partnerships))


def meetings_for(user, partnership):
    return meetings_across(user, [partnership])


def meeting_for(user, partnership, pk):
    try:
        return meetings_for(user, partnership).select_related("group__partnership").get(pk=pk)
    except (Meeting.DoesNotExist, ValueError, TypeError):
        raise Http404("No such meeting") from None


def items_for(user, meeting):
    """The agenda items of a meeting the user may see."""
    items = meeting.items.all()
    if not sees_confidential(user, meeting.group):
        items = items.filter(confidential=False)
    return items


def reads_minutes(user, meeting):
    """The minutes' public part (Part A): once approved, everyone who sees the meeting; a
    draft, those who see the group's confidential business (sees_confidential)."""
    return (meeting.minutes_status == MinutesStatus.APPROVED
            or (meeting.minutes_status == MinutesStatus.DRAFT
                and sees_confidential(user, meeting.group)))


def confidential_minutes_for(user, meeting):
    """Part B of the minutes (one entry per confidential item): only for those who see the
    group's confidential business, and only where they may read the minutes at all."""
    if not (reads_minutes(user, meeting) and sees_confidential(user, meeting.group)):
        return ConfidentialMinute.objects.none()
    return meeting.confidential_minutes.select_related("item")


def paper_for(user, partnership, pk):
    try:
        paper = Paper.objects.select_related("item__meeting__group").get(
            pk=pk, item__meeting__in=meetings_for(user, partnership))
    except (Paper.DoesNotExist, ValueError, TypeError):
        raise Http404("No such paper") from None
    if paper.item.confidential and not sees_confidential(user, paper.item.meeting.group):
        raise Http404("No such paper")
    return paper


def meeting_paper_for(user, meeting, pk):
    """A paper of this meeting's agenda that the user may see (paper_for), 404 otherwise."""
    paper = paper_for(user, meeting.group.partnership, pk)
    if paper.item.meeting_id != meeting.pk:
        raise Http404("No such paper")
    return paper


def gets_members_pack(user, meeting):
    """Which agenda pack a person who may see the meeting gets: the members' pack (with the
    confidential items) for those who see the group's confidential business, else the other."""
    return sees_confidential(user, meeting.group)


def pack_for(user, meeting):
    """The newest ready agenda pack for the user of a meeting they may see (meeting_for
    first), while the agenda is published: 404 before publication or while none is ready."""
    from .models import PackStatus

    pack = None
    if meeting.agenda_published_at is not None:
        pack = (meeting.packs.filter(members_only=gets_members_pack(user, meeting),
                                     status=PackStatus.READY).exclude(file="")
                .order_by("-number").first())
    if pack is None:
        raise Http404("The agenda pack is not ready")
    return pack


def actions_across(user, partnerships):
    """The actions of these partnerships the user may see, in one query: the whole register
    where the user holds a partnership role; elsewhere their agencies' and their own."""
    partnerships = list(partnerships)
    seen = core.within(partnerships, decide=lambda p: can_view_governance(user, p))
    if user.is_authenticated and user.is_active:
        seen |= (Q(owner_agency__in=core.agencies_with(user, roles.VIEW_AGENCY_ACTIONS))
                 | Q(owner=user))
    return Action.objects.filter(core.within(partnerships)).filter(seen)


def actions_for(user, partnership):
    return actions_across(user, [partnership])


def action_for(user, partnership, pk):
    try:
        return actions_for(user, partnership).select_related(
            "owner_agency", "owner", "meeting__group").get(pk=pk)
    except (Action.DoesNotExist, ValueError, TypeError):
        raise Http404("No such action") from None


def can_update_action(user, action):
    return (can_manage_governance(user, action.partnership)
            or (user.is_authenticated and action.owner_id == user.pk and user.is_active)
            or core.has_perm(user, roles.UPDATE_AGENCY_ACTIONS, action.owner_agency))


def can_close_action(user, action):
    return can_manage_governance(user, action.partnership)


def require_update_action(user, action):
    if not can_update_action(user, action):
        raise PermissionDenied("Only the owner, their agency's lead or the business unit can "
                               "record progress on this action.")


def owned_actions(user, partnership):
    """Open actions the user answers for: named as owner, or owned by an agency whose
    actions they update (its lead)."""
    if not (user.is_authenticated and user.is_active):
        return Action.objects.none()
    return Action.objects.open().filter(partnership=partnership).filter(
        Q(owner=user) | Q(owner_agency__in=core.agencies_with(user, roles.UPDATE_AGENCY_ACTIONS)))


# Priorities and the work plan.
# Priorities are partnership governance: read with VIEW_GOVERNANCE, written with
# MANAGE_GOVERNANCE. Anyone else, agency staff included, is answered 404.


def governance_partnership(user, slug):
    """The partnership, for someone who may read its governance records; 404 otherwise."""
    partnership = core.partnership_for(user, slug)
    if not can_view_governance(user, partnership):
        raise Http404("No such page")
    return partnership


def priorities_for(user, partnership):
    if not can_view_governance(user, partnership):
        return Priority.objects.none()
    return Priority.objects.filter(partnership=partnership)


def priority_for(user, partnership, pk):
    try:
        return priorities_for(user, partnership).select_related("partnership").get(pk=pk)
    except (Priority.DoesNotExist, ValueError, TypeError):
        raise Http404("No such priority") from None


def work_plan_item_for(user, partnership, pk):
    try:
        return WorkPlanItem.objects.select_related("priority__partnership").get(
            pk=pk, priority__in=priorities_for(user, partnership))
    except (WorkPlanItem.DoesNotExist, ValueError, TypeError):
        raise Http404("No such work plan item") from None


def decisions_for(user, partnership):
    """Decisions of the meetings the user may see, without those about confidential items
    unless the user sees the group's confidential business (sees_confidential: its members
    and its own partnership's business unit, not that of a partnership it is shared with)."""
    decisions = Decision.objects.filter(meeting__in=meetings_for(user, partnership))
    return decisions.filter(Q(item__isnull=True) | Q(item__confidential=False)
                            | confidential_q(user, "meeting__group"))


def _record_for(user, meeting, records, pk, noun):
    records = records.select_related("item")
    if not sees_confidential(user, meeting.group):
        records = records.filter(Q(item__isnull=True) | Q(item__confidential=False))
    try:
        return records.get(pk=pk)
    except (records.model.DoesNotExist, ValueError, TypeError):
        raise Http404(f"No such {noun}") from None


def decision_for(user, meeting, pk):
    """A decision of `meeting` (one the user sees: a decision about a confidential item only
    for sees_confidential); 404 otherwise, as for a decision that does not exist."""
    return _record_for(user, meeting, meeting.decisions.all(), pk, "decision")


def declaration_for(user, meeting, pk):
    """A declaration of interest made at `meeting`, by the rule of decision_for."""
    return _record_for(user, meeting, meeting.declarations.all(), pk, "declaration")


# The partnership's Word template for minutes: its business unit only (403 for the other
# partnership roles, 404 for everyone else, like the priorities' writes).


def minutes_template_partnership(user, slug):
    partnership = governance_partnership(user, slug)
    require_manage_governance(user, partnership)
    return partnership
