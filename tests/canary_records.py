"""The canary crawl's own records (tests/test_canary_crawl.py): one row of each model the
cast leaves without a P1 or agency A record, made through the app services, and who may see
each (README "Access model" and each app's permissions.py).

Records the role x route matrix makes on first use (tests/matrix_plans.py priorities and the
work plan, tests/matrix_practice.py practice reviews, recommendations and themes,
tests/matrix_s11_cycles.py P1's own template and agency A's extension request) are made by
evaluating the addresses of the matrix's GET cases first (`matrix_records`), so that the
crawl fetches the very pages that show them; the others are made here (`add`), and `urls`
lists the pages of those that no matrix case reaches.
"""

import datetime

from agencies.models import Moderation
from agencies.services import challenge, returns
from funding import services as funding
from governance.models import ActionUpdate, Attendance, ConfidentialMinute, Meeting, PackStatus
from governance.services import actions, agenda, meetings, minutes, packs
from governance.services import records as record_services
from reviews.models import LearningBriefing
from reviews.services import notifications
from scrutiny.models import ConsultationAnswer
from scrutiny.services import challenges, consultations

from .cast import A_STAFF, P1_BU, P1_ROLES, USERS
from .matrix_arrangements import docs
from .matrix_child_protection import with_team
from .matrix_notifications import child1 as notified_child
from .matrix_records import records as meeting_records
from .matrix_scrutiny_challenge_files import files as challenge_files

# The one person holding a current case grant: the child's identity is theirs to see.
GRANTEE = "bu_manager"

# Models of the apps partnership, governance, agencies, reviews, funding and scrutiny with a
# free-text field that the crawl leaves without a canary, and why (test_every_free_text_model_
# has_a_canary fails on any other).
EXCLUDED = {
    # A person's own profile (like their name): shown wherever that person appears, to
    # whoever sees the record they appear on; it is no partnership's or agency's record.
    "partnership.User",
    # A label the service writes ("saved", "submitted", "evidence removed"), never typed by
    # anyone: it holds no tenant text.
    "agencies.ReturnVersion",
    # The renderer's own failure message ("The rendering stopped 3 times ..."): no tenant
    # text (the report's text is in its narratives, which carry canaries).
    "scrutiny.ReportVersion",
    # The agenda pack job's own failure message ("The agenda was reopened ..."): no tenant text.
    "governance.AgendaPack",
}
# Models whose canaries tests/cast.py plants itself (CANARIES): agencies are platform
# records, described once and shown to everyone who sees the agency.
PLANTED_BY_CAST = {"partnership.Agency"}
# Free-text fields named like identities (SKIPPED_FIELDS) that are a tenant's own words
# here: a learning theme's name is the partnership's taxonomy.
EXTRA_FIELDS = {"reviews.LearningTheme": ("name",)}


def matrix_records(c, cases):
    """Evaluate the address of every GET case of the matrix: the records the matrix makes
    on first use now exist (POST cases are left alone: one of them gives bu_officer a case
    grant, which would make the child's identity theirs)."""
    for case in cases:
        if case.method == "get" and case.kwargs:
            try:
                case.kwargs(c)
            except AttributeError:
                continue


def add(c, found, *, who_sees_child):
    """Fill the matrix's lazily made records and make (and fill) the others. `found` is the
    crawl's Canaries; `who_sees_child` the audience of the child's identity."""
    a_return = (*P1_BU, *A_STAFF)  # agency A's draft Section 11 return
    # Governance: priorities and the work plan are partnership governance (P1's roles; the
    # item is led by agency A and linked to A's action, whose pages A's staff see).
    found.fill(c.priority1, P1_ROLES)
    found.fill(c.item1, P1_ROLES)
    # Attendance at P1's executive: its members and the partnership's roles (public business).
    meetings.attendance_record(meeting=c.meeting1, entries={c.seat_a: ("deputy", "x")})
    found.fill(Attendance.objects.get(meeting=c.meeting1, member=c.seat_a), (*P1_ROLES, "lead_a"))
    # Its decisions and declarations corrected and withdrawn (tests/matrix_records.py): the
    # public item's decision, its withdrawal reason and its correction for whoever sees the
    # meeting; the confidential item's for its members and business unit only.
    exec_members = (*P1_BU, "lsp", "dsp", "lead_a")
    meeting_records(c)
    record_services.decision_correct(decision=c.decision_public, text="y", reason="x", user=c.bu_officer)
    record_services.decision_withdraw(decision=c.decision_public, reason="x")
    record_services.decision_correct(decision=c.decision_conf, text="y", reason="x", user=c.bu_officer)
    record_services.decision_withdraw(decision=c.decision_conf, reason="x")
    record_services.declaration_correct(declaration=c.declaration_conf, text="y", reason="x",
                                        user=c.bu_officer)
    record_services.declaration_withdraw(declaration=c.declaration_conf, reason="x")
    for record, audience in ((c.decision_public, (*P1_ROLES, "lead_a")),
                             (c.decision_conf, exec_members), (c.declaration_conf, exec_members)):
        found.fill(record, audience)
        for correction in record.corrections.all():
            found.fill(correction, audience)
    _minutes(c, found)
    # Progress on agency A's action: whoever sees the action.
    actions.progress_record(action=c.action_a, author=c.lead_a, status="in_progress",
                            note="x", evidence="x")
    found.fill(ActionUpdate.objects.filter(action=c.action_a).latest("pk"),
               (*P1_ROLES, *A_STAFF))
    # Reviews: practice reviews, milestones, briefings, recommendations and themes are for the
    # partnership's case review readers only (not the agency leads who see case1).
    for obj in (c.practice1, c.milestone1, c.rec1, c.rec_rapid, c.theme1,
                *LearningBriefing.objects.filter(review=c.practice1)):
        found.fill(obj, P1_ROLES)
    _lcspr(c, found)
    # A current case grant to one named person: its purpose is the business unit's; the
    # child's identity becomes the grantee's.
    grant = notifications.grant_create(notification=c.case1, user=c.users[GRANTEE],
                                       purpose="x", days=1, granted_by=c.bu_officer)
    found.fill(grant, P1_BU)
    found.fill(c.case1.child_record, who_sees_child)
    # The notified child (tests/matrix_notifications.py): special category data, for the
    # business unit and the grantee only (reviews/permissions.py can_see_children).
    found.fill(notified_child(c), {*P1_BU, GRANTEE})
    # Section 11: P1's own template (its readers), agency A's extension request, evidence
    # and action plan on its draft (the agency and the business unit), a challenge event
    # agency A was invited to, P1's moderation of the police's submitted return (P1's
    # readers and the police; P2 moderates it on its own).
    standard = c.s11_own.standards.order_by("pk").first()
    for obj in (c.s11_own, standard, standard.questions.order_by("pk").first()):
        found.fill(obj, P1_ROLES)
    found.fill(c.s11_extension_a, a_return)
    c.return_a.refresh_from_db()
    found.fill(returns.evidence_add(assessment=c.return_a, standard=c.s11_standard1,
                                    user=c.lead_a, version=c.return_a.version, title="x",
                                    link="https://a.example/policy"), a_return)
    c.return_a.refresh_from_db()
    found.fill(returns.plan_item_add(assessment=c.return_a, user=c.lead_a,
                                     version=c.return_a.version, action="x", owner="x",
                                     due_on=datetime.date(2026, 3, 31)), a_return)
    c.return_a.refresh_from_db()
    _questions(c, found, a_return)
    # (Its own event, not the matrix's "Challenge day A", which the matrix finds by title.)
    c.canary_event = challenge.event_create(cycle=c.cycle1, title="x", outcome="x",
                                            held_on=datetime.date(2025, 11, 4),
                                            agencies=[c.agency_a])
    found.fill(c.canary_event, (*P1_ROLES, *A_STAFF))
    returns.moderate(assessment=c.return_police, partnership=c.p1, standard=c.s11_standard1,
                     rating=2, feedback="x", user=c.bu_manager)
    found.fill(Moderation.objects.get(assessment=c.return_police, partnership=c.p1),
               (*P1_ROLES, "lead_police"))
    # Scrutiny: the police's response to the challenge addressed to it; the consultation
    # and its questions (sent to agency A and the police: their leads); the police's draft
    # answer (the agency's until submitted: the README's draft rule for an agency's own
    # writing); the dataset's measures: the partnership's definitions, which P1's readers and
    # the staff of all its agencies see, whichever agencies each measure asks
    # (scrutiny/permissions/dataset.py: agency staff "see the measures").
    challenges.response_record(challenge=c.challenge_police, agency=c.police,
                               user=c.lead_police, response="x")
    found.fill(c.challenge_police.addressees.get(agency=c.police), (*P1_ROLES, "lead_police"))
    # Files on a challenge about an indicator and on its responses
    # (tests/matrix_scrutiny_challenge_files.py): the challenge's and the police response's
    # for whoever sees the challenge (P1's roles and the police's lead); the council
    # response's for P1's roles only.
    challenge_files(c)
    found.fill(c.file_raised, (*P1_ROLES, "lead_police"))
    found.fill(c.file_police, (*P1_ROLES, "lead_police"))
    found.fill(c.file_council, P1_ROLES)
    consulted = (*P1_ROLES, "lead_a", "lead_police")
    for obj in (c.consultation1, c.question_text, c.question_scale):
        found.fill(obj, consulted)
    consultations.response_save(response=c.response_police, user=c.lead_police,
                                version=c.response_police.version,
                                answers={c.question_text.pk: "x"})
    found.fill(ConsultationAnswer.objects.get(response=c.response_police), (*P1_BU, "lead_police"))
    p1_people = (*P1_ROLES, *A_STAFF, "lead_police")
    found.fill(c.measure_referrals, p1_people)
    found.fill(c.measure_missing, p1_people)
    # The title of the delegated partner's role: shown with their name on P1's home page to
    # everyone in P1 (like a person's name, an identity that goes where the role goes), and
    # to platform staff (in the admin); never to P2 or outsiders.
    found.fill(c.dsp_membership, p1_people, platform=True)
    # A multi-agency child protection team (tests/matrix_child_protection.py) and its member:
    # P1's partnership roles; not agency staff, not even agency A's, whose member it is.
    with_team(c)
    found.fill(c.cp_team, P1_ROLES)
    found.fill(c.cp_member, P1_ROLES)
    _arrangements(c, found)
    _yearly_reports(c, found)
    _inbox(c, found)


def _inbox(c, found):
    """A notification for agency A's lead (made through notify, as every app does): on their
    own notifications page and API list only, never anyone else's."""
    from partnership.models import NotificationKind
    from partnership.services.notifications import notify

    [row] = notify(kind=NotificationKind.CHALLENGE_RAISED, recipients=[c.lead_a],
                   message="x", link="/", partnership=c.p1)
    found.fill(row, ("lead_a",))


def _questions(c, found, audience):
    """A question answered on its own in agency A's draft on P1's template that asks so
    (tests/matrix_s11_questions.py): the agency's staff and the business unit."""
    from agencies.services import questions

    from .matrix_s11_questions import question_return

    assessment = question_return(c)
    assessment.refresh_from_db()
    found.fill(questions.question_answer_save(
        assessment=assessment, question=c.q_questions[0], user=c.lead_a,
        version=assessment.version, rating=2, narrative="x"), audience)


def _yearly_reports(c, found):
    """The yearly report's sign-offs (the lead partners' capacities) and a delegated partner's
    recommendation to sign: whoever sees the report (the published report_pub is on the
    public pages: everyone; the draft report1: P1's readers of scrutiny)."""
    from scrutiny.services import reports

    from .cast_scrutiny_reports import membership

    for sign_off in c.report_pub.sign_offs.all():
        found.fill(sign_off, USERS, platform=True)
    found.fill(reports.recommend(report=c.report1, membership=membership(c.dsp)), P1_ROLES)


def _arrangements(c, found):
    """The published documents (tests/matrix_arrangements.py): the draft version's sections
    and sign-off and the settings list are for P1's partnership roles; the published version's
    sections and sign-offs are on the public pages, for everyone (platform staff included)."""
    docs(c)
    found.fill(c.setting1, P1_ROLES)
    found.fill(c.doc_draft.sections.get(key="introduction"), P1_ROLES)
    found.fill(c.doc_draft.sign_offs.get(), P1_ROLES)
    found.fill(c.doc_published.sections.get(key="introduction"), USERS, platform=True)
    for sign_off in c.doc_published.sign_offs.all():
        found.fill(sign_off, USERS, platform=True)
    # P1's published yearly report is on the public pages too: its text, and the headings of
    # the relevant agencies its partners section lists, are for everyone.
    found["CNRY-REPORT-PUB-P1"].add("superuser")
    heading = c.p1.designations.get(agency=c.agency_a).local_category
    found[heading] = {*found[heading], *USERS}
    # The budget's sign-off, with the capacity its lead partner signed in: the whole budget's.
    found.fill(funding.sign_off(year=c.year1, membership=c.lsp_membership), P1_ROLES)


def _minutes(c, found):
    """Part B of the June meeting's draft minutes (its members and business unit: CONFIDENTIAL
    below), and a March meeting's approved minutes: Part A and the corrections agreed at
    approval for whoever sees the meeting, Part B still for the members only."""
    confidential = (*P1_BU, "lsp", "dsp", "lead_a")
    c.meeting1.refresh_from_db()
    minutes.minutes_save(meeting=c.meeting1, text=c.meeting1.minutes,
                         confidential={c.item_conf: "x"})
    found.fill(ConfidentialMinute.objects.get(meeting=c.meeting1, item=c.item_conf), confidential)
    c.approved_meeting = meetings.meeting_create(
        group=c.exec_group, starts_at=datetime.datetime(2025, 3, 4, 10, 0, tzinfo=datetime.UTC))
    Meeting.objects.filter(pk=c.approved_meeting.pk).update(status="held")  # it took place
    secret = meetings.item_add(meeting=c.approved_meeting, title="x", confidential=True)
    minutes.minutes_save(meeting=c.approved_meeting, text="x", confidential={secret: "x"})
    minutes.minutes_approve(meeting=c.approved_meeting, at_meeting=c.meeting1, corrections="x")
    found.fill(c.approved_meeting, (*P1_ROLES, "lead_a"))
    found.fill(secret, confidential)
    found.fill(ConfidentialMinute.objects.get(meeting=c.approved_meeting), confidential)
    # Its agenda published and both packs made: the confidential item's title is in the
    # members' pack only (crawled below as a page, a download and the API's PDF).
    public = meetings.item_add(meeting=c.approved_meeting, title="x")
    found.fill(public, (*P1_ROLES, "lead_a"))
    agenda.agenda_publish(meeting=c.approved_meeting, user=c.bu_officer)
    for pack in c.approved_meeting.packs.all():
        assert packs.pack_run(pack.pk) == PackStatus.READY, pack.reason


def urls(c):
    """Pages of the records made here that no matrix case reaches."""
    from django.urls import reverse

    approved = [reverse(f"governance:meeting-{name}", args=[c.p1.slug, c.approved_meeting.pk])
                for name in ("detail", "minutes-pdf", "minutes-docx", "pack", "pack-download")]
    return [reverse("s11:challenge", args=[c.p1.slug, c.canary_event.pk]), *approved,
            reverse("governance:api-meeting-detail", args=[c.approved_meeting.pk]),
            reverse("governance:api-meeting-pack", args=[c.approved_meeting.pk])]


def _lcspr(c, found):
    """A rapid review in full and a practice review's sign-off (tests/matrix_lcspr.py): the
    criterion, the parallel process, the lead partner's capacity and the national review
    with its recommendation are for P1's partnership roles; the file on agency A's draft
    summary for whoever sees that summary (its lead and the business unit)."""
    from reviews.services import practice

    from .matrix_lcspr import lcspr, lead_partners

    lcspr(c)
    sign_off = practice.practice_sign_off(review=c.practice1, stage="commissioning",
                                          membership=lead_partners(c)[c.council1])
    for obj in (c.criterion1, c.process1, c.national1, c.national_rec, sign_off):
        found.fill(obj, P1_ROLES)
    found.fill(c.attachment_a, (*P1_BU, "lead_a"))
