"""Designated childcare and education agencies (Children's Wellbeing and Schools Act 2026,
s2): designation through the portal with the reason, their own heading, the commencement
warning, the access they give, and education as a fourth partner in the partnership's own
governance (memberships, quorum) while the three statutory partners stay three."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from governance import selectors as governance
from governance.models import Attendance
from governance.services import groups, meetings
from partnership import permissions
from partnership.models import Designation, PartnershipMembership
from partnership.services import people, structure

pytestmark = pytest.mark.django_db

WARNING = ("Since 1 September 2026 the partnership must have designated childcare and education "
           "agencies (Children&#x27;s Wellbeing and Schools Act 2026, s2). None is designated.")


def _school(cast, name="Eastfield Primary School", reason="Largest primary in the area"):
    agency = structure.agency_create(name=name, sector="education")
    structure.designation_create(partnership=cast.p1, agency=agency, kind="education",
                                 reason=reason, start_date=datetime.date(2026, 9, 1))
    return agency


def _person(key, role, partnership, agency=None):
    from .cast import _fast_user

    user = _fast_user(f"{key}@cast.example", "x" * 20, full_name=key.title())
    people.membership_create(user=user, partnership=partnership, role=role, agency=agency)
    return user


def test_the_business_unit_designates_an_education_agency_with_its_reason(cast, client_for):
    agency = structure.agency_create(name="Northshire College", sector="education")
    client = client_for(cast.bu_manager)
    url = reverse("designation-add", args=[cast.p1.slug])
    assert "Northshire College" not in client.get(url).content.decode()  # found by name
    assert "Northshire College" in client.get(url, {"agency_name": "shire col"}).content.decode()
    response = client.post(url, {"agency": agency.pk, "kind": "education",
                                 "reason": "The area's only further education college"})
    assert response.status_code == 302
    designation = Designation.objects.get(partnership=cast.p1, agency=agency)
    assert (designation.kind, designation.reason) == (
        "education", "The area's only further education college")
    # Its own heading on the agency list and the partnership page, with the reason.
    listing = client.get(reverse("agency-list", args=[cast.p1.slug])).content.decode()
    heading = listing.index("Designated childcare and education agencies (1)")
    assert listing.index("Relevant agencies (1)") > listing.index("Northshire College", heading)
    page = client.get(reverse("partnership-overview", args=[cast.p1.slug])).content.decode()
    section = page[page.index("Designated childcare and education agencies (1)"):
                   page.index("Relevant agencies")]
    assert "Northshire College" in section and "only further education college" in section
    assert "Agency A Academy" not in section
    # The API contract: the designation's kind is "education".
    api = client.get(reverse("api-agency-list") + f"?partnership={cast.p1.pk}").json()
    row = next(a for a in api["results"] if a["name"] == "Northshire College")
    assert row["designation"]["kind"] == "education"
    assert row["designations"][0]["reason"].startswith("The area's only")


def test_a_designation_twice_is_refused_and_changes_nothing(cast, client_for):
    with pytest.raises(ValidationError):
        structure.designation_create(partnership=cast.p1, agency=cast.agency_a, kind="education")
    response = client_for(cast.bu_manager).post(
        reverse("designation-add", args=[cast.p1.slug]),
        {"agency": cast.agency_a.pk, "kind": "education"})
    assert response.status_code == 200
    assert "Choose one of the agencies in the list" in response.content.decode()
    assert cast.p1.designations.filter(agency=cast.agency_a).count() == 1


def test_a_relevant_agency_becomes_an_education_agency_and_keeps_its_reason(cast, client_for):
    designation = cast.p1.designations.get(agency=cast.agency_a)
    client = client_for(cast.bu_officer)
    url = reverse("designation-edit", args=[cast.p1.slug, designation.pk])
    response = client.post(url, {"kind": "education", "reason": "Leads the schools' network"})
    assert response.status_code == 302
    designation.refresh_from_db()
    assert (designation.kind, designation.reason) == ("education", "Leads the schools' network")
    detail = client.get(reverse("agency-detail", args=[cast.p1.slug, cast.agency_a.pk]))
    assert "Why: Leads the schools" in detail.content.decode()
    # A statutory partner's form has no kind, and the service refuses to change it.
    police = cast.p1.designations.get(agency=cast.police)
    form = client.get(reverse("designation-edit", args=[cast.p1.slug, police.pk])).content
    assert b'name="kind"' not in form
    with pytest.raises(ValidationError):
        structure.designation_update(designation=police, kind="education")
    assert client.post(reverse("designation-edit", args=[cast.p1.slug, police.pk]),
                       {"reason": "Police force for the area"}).status_code == 302
    police.refresh_from_db()
    assert (police.kind, police.reason) == ("police", "Police force for the area")


@pytest.mark.parametrize("commencement, shown", [
    (datetime.date(2026, 9, 1), True), (datetime.date(2099, 1, 1), False), (None, False)])
def test_the_warning_once_commenced_without_an_education_agency(
        cast, client_for, settings, commencement, shown):
    settings.CWSA_EDUCATION_COMMENCEMENT = commencement
    overview = reverse("partnership-overview", args=[cast.p1.slug])
    for who, warned in (("bu_manager", shown), ("lsp", shown), ("dsp", shown),
                        ("scrutineer", False), ("lead_a", False)):
        home = client_for(cast.users[who]).get(reverse("home")).content.decode()
        assert (WARNING in home) is warned, who
    page = client_for(cast.scrutineer).get(overview).content.decode()
    assert (WARNING in page) is shown
    assert ("makes designated childcare and education agencies mandatory" in page) is not shown
    _school(cast)
    assert WARNING not in client_for(cast.bu_manager).get(reverse("home")).content.decode()
    assert WARNING not in client_for(cast.lsp).get(overview).content.decode()


def test_an_education_designation_gives_its_staff_what_a_relevant_one_gives(cast, client_for):
    school = _school(cast)
    lead = _person("lead_e", "agency_lead", cast.p1, school)
    client = client_for(lead)
    assert client.get(reverse("partnership-overview", args=[cast.p1.slug])).status_code == 200
    assert client.get(reverse("agency-detail", args=[cast.p1.slug, school.pk])).status_code == 200
    for other in (cast.agency_a, cast.police):
        assert client.get(reverse("agency-detail", args=[cast.p1.slug, other.pk])) \
            .status_code == 404
    assert list(permissions.agencies_for(lead, cast.p1)) == [school]
    assert list(permissions.agencies_with(lead, "view_agency_returns")) == [school]
    assert client.get(reverse("child-protection-team-list", args=[cast.p1.slug])) \
        .status_code == 404
    assert client.get(reverse("partnership-overview", args=[cast.p2.slug])).status_code == 404
    # Agency A made an education agency: its lead still reads its own return, not the police's.
    structure.designation_update(designation=cast.p1.designations.get(agency=cast.agency_a),
                                 kind="education")
    lead_a = client_for(cast.lead_a)
    assert lead_a.get(reverse("s11:return", args=[cast.p1.slug, cast.return_a.pk])) \
        .status_code == 200
    assert lead_a.get(reverse("s11:return", args=[cast.p1.slug, cast.return_police.pk])) \
        .status_code == 404


def test_the_education_partner_is_chosen_from_education_agencies(cast, client_for):
    school = _school(cast)
    client = client_for(cast.bu_manager)
    url = reverse("education-partner", args=[cast.p1.slug])
    refused = client.post(url, {"agency": cast.agency_a.pk})
    assert refused.status_code == 200 and "designated childcare or education" in \
        refused.content.decode()
    assert client.post(url, {"agency": school.pk}).status_code == 302
    cast.p1.refresh_from_db()
    assert cast.p1.education_partner == school
    page = client.get(reverse("partnership-overview", args=[cast.p1.slug])).content.decode()
    assert "Education partner in the partnership's governance: Eastfield Primary" in page
    # While it is the education partner it stays an education agency.
    designation = cast.p1.designations.get(agency=school)
    with pytest.raises(ValidationError):
        structure.designation_update(designation=designation, kind="relevant_agency")
    with pytest.raises(ValidationError):
        structure.designation_end(designation=designation, end_date=datetime.date(2026, 12, 31))
    assert client.post(url, {"agency": ""}).status_code == 302
    cast.p1.refresh_from_db()
    assert cast.p1.education_partner is None


def test_a_partner_may_act_for_the_education_partner_without_becoming_statutory(cast):
    school = _school(cast)
    head = _person("head", "business_unit_officer", cast.p2)  # any account
    with pytest.raises(ValidationError):
        people.membership_create(user=head, partnership=cast.p1,
                                 role="lead_safeguarding_partner", agency=school)
    structure.education_partner_set(partnership=cast.p1, agency=school)
    cast.p1.refresh_from_db()
    lead = people.membership_create(user=head, partnership=cast.p1,
                                    role="lead_safeguarding_partner", agency=school,
                                    title="Executive Headteacher")
    people.membership_create(user=head, partnership=cast.p1,
                             role="delegated_safeguarding_partner", agency=school)
    assert permissions.education_partner_memberships(head, cast.p1) == [lead]
    # The law's three: no statutory sign-off for the education partner's lead.
    assert permissions.lead_partner_memberships(head, cast.p1) == []
    assert school not in permissions.statutory_partners(cast.p1)
    # A relevant agency is still refused.
    with pytest.raises(ValidationError):
        people.membership_create(user=head, partnership=cast.p1,
                                 role="delegated_safeguarding_partner", agency=cast.agency_a)
    assert not PartnershipMembership.objects.filter(user=head, agency=cast.agency_a).exists()


def test_the_invitation_form_offers_the_education_partner(cast, client_for):
    school = _school(cast)
    structure.education_partner_set(partnership=cast.p1, agency=school)
    response = client_for(cast.bu_manager).post(
        reverse("people-invite", args=[cast.p1.slug]),
        {"email": "head@school.example", "full_name": "Head Teacher",
         "role": "lead_safeguarding_partner", "agency": school.pk})
    assert response.status_code == 302
    assert PartnershipMembership.objects.filter(user__email="head@school.example",
                                                agency=school).exists()


def _quorum(meeting):
    rows = list(Attendance.objects.filter(meeting=meeting).select_related("member"))
    return governance.quorum(meeting, rows, governance.statutory_partners(meeting.group.partnership))


def test_the_statutory_partners_quorum_needs_the_education_partner_too(cast):
    all_three = {cast.seat_lsp: ("present", ""), cast.seat_dsp: ("present", ""),
                 cast.seat_icb: ("present", ""), cast.seat_a: ("apologies", "")}
    meetings.attendance_record(meeting=cast.meeting1, entries=all_three)
    state = _quorum(cast.meeting1)
    assert state.quorate and state.explanation == (
        "Quorate: all three statutory partners were represented.")
    # Agency A made the education partner: the same attendance is no longer quorate.
    structure.designation_update(designation=cast.p1.designations.get(agency=cast.agency_a),
                                 kind="education")
    structure.education_partner_set(partnership=cast.p1, agency=cast.agency_a)
    cast.p1.refresh_from_db()
    cast.meeting1.group.partnership.refresh_from_db()
    state = _quorum(cast.meeting1)
    assert state.quorate is False and "Agency A Academy" in state.explanation
    meetings.attendance_record(meeting=cast.meeting1, entries={cast.seat_a: ("present", "")})
    state = _quorum(cast.meeting1)
    assert state.quorate and "and the education partner" in state.explanation
    # A seat for it counts like any partner's; the statutory partners themselves stay three.
    assert len(permissions.statutory_partners(cast.p1)) == 3
    assert len(governance.statutory_partners(cast.p1)) == 4
    assert groups.member_add(group=cast.exec_group, agency=cast.agency_a,
                             role_label="Headteacher").agency == cast.agency_a
