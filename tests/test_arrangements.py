"""The published arrangements and the threshold document (issue 16, item 6): a version built
from the records and frozen, signed off by the three lead safeguarding partners (capacity
recorded; delegated partners refused; the education partner beside them), any edit after a
sign-off withdrawing the sign-offs, publication refused until all three signed, and the
yearly review warning on the home page and the arrangements page."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from arrangements import selectors, services
from arrangements.models import DocumentVersion, SignOff
from funding import services as funding
from partnership.services import child_protection, structure

from .matrix_arrangements import TEXTS, docs, lead, leads

pytestmark = pytest.mark.django_db


def draft(cast, kind="arrangements"):
    version = services.version_create(partnership=cast.p1, kind=kind, user=cast.bu_manager)
    texts = TEXTS if kind == "arrangements" else {"levels_of_need": "Four levels.",
                                                  "how_to_refer": "Call the front door."}
    for key, text in texts.items():
        services.section_save(version=version, key=key, text=text)
    return version


def test_a_version_is_built_from_the_records_and_stays_as_it_was(cast):
    charity = structure.agency_create(name="Northshire Youth Trust", sector="voluntary")
    structure.designation_create(partnership=cast.p1, agency=charity, kind="relevant_agency",
                                 local_category="Voluntary and community",
                                 reason="Runs the county's youth clubs.")
    school = structure.agency_create(name="Northshire College", sector="education")
    structure.designation_create(partnership=cast.p1, agency=school, kind="education",
                                 reason="The largest further education college.")
    funding.year_create(partnership=cast.p1, start_year=2026, declared_budget=Decimal("900.00"))
    funding.contribution_create(year=cast.p1.financial_years.get(start_year=2026),
                                agency=cast.council1, agreed=Decimal("600.50"))
    team = child_protection.team_create(partnership=cast.p1, name="North team",
                                        area="North localities",
                                        start_date=datetime.date(2026, 1, 1))
    child_protection.member_add(team=team, agency=cast.police, discipline="police",
                                role="Detective sergeant", start_date=datetime.date(2026, 1, 1))
    services.setting_create(partnership=cast.p1, name="Hilltop", kind="childrens_home",
                            area="Northtown")
    version = draft(cast)
    snap = version.snapshot
    council = next(p for p in snap["partners"] if p["agency"] == "Northshire Council")
    assert council["leads"] == [{"name": "Lsp", "title": ""}]
    police = next(p for p in snap["partners"] if p["agency"] == "Shires Police")
    assert police["delegates"] == [{"name": "Dsp", "title": ""}]
    assert snap["chairs"] == [{"name": "Chair", "title": ""}]
    assert {"heading": "Voluntary and community", "agencies": [
        {"name": "Northshire Youth Trust", "reason": "Runs the county's youth clubs."}]} \
        in snap["relevant_agencies"]
    assert snap["education_agencies"] == [{"heading": "Education and early years", "agencies": [
        {"name": "Northshire College", "reason": "The largest further education college."}]}]
    assert {"name": "Executive", "type": "Executive", "chair": "To be confirmed"} in snap["groups"]
    assert snap["funding"]["year"] == "2026/27"
    assert snap["funding"]["contributions"] == [{"agency": "Northshire Council",
                                                 "agreed": "600.50"}]
    assert snap["teams"][0]["members"] == [{"agency": "Shires Police", "discipline": "Police",
                                            "role": "Detective sergeant"}]
    assert snap["teams"][0]["missing_core"] == ["Social work", "Health", "Education"]
    assert snap["settings"] == [{"name": "Hilltop", "kind": "Children's home",
                                 "area": "Northtown"}]
    # Later changes to the records leave the version as it was until it is taken again.
    structure.agency_update(agency=charity, name="Northshire Youth Foundation")
    version.refresh_from_db()
    assert "Northshire Youth Trust" in str(version.snapshot)
    services.snapshot_refresh(version=version)
    version.refresh_from_db()
    assert "Northshire Youth Foundation" in str(version.snapshot)


def test_only_lead_partners_sign_and_their_capacity_is_recorded(cast, client_for):
    version = draft(cast)
    url = reverse("arrangements:sign-off", args=[cast.p1.slug, version.pk])
    refused = client_for(cast.dsp).post(url, {"partner": str(cast.police.pk)})
    assert refused.status_code == 403
    assert "Only a lead safeguarding partner can sign off" in refused.content.decode()
    assert not SignOff.objects.exists()
    response = client_for(cast.lsp).post(url, {"partner": str(cast.council1.pk)})
    assert response.status_code == 302
    signed = SignOff.objects.get()
    assert (signed.partner, signed.signed_by) == (cast.council1, cast.lsp)
    assert signed.capacity == "Lead safeguarding partner for Northshire Council"
    # A lead partner signs only for the partner they act for.
    other = client_for(cast.lsp).post(url, {"partner": str(cast.police.pk)})
    assert other.status_code == 200 and SignOff.objects.count() == 1


def test_a_version_is_signed_only_once_its_required_sections_are_written(cast):
    version = services.version_create(partnership=cast.p1, kind="threshold", user=cast.bu_manager)
    with pytest.raises(ValidationError, match="Levels of need, How to refer"):
        services.sign_off(version=version, membership=leads(cast)[0])


def test_an_edit_after_a_sign_off_withdraws_it(cast, client_for):
    version = draft(cast)
    services.sign_off(version=version, membership=leads(cast)[0])
    url = reverse("arrangements:section-edit", args=[cast.p1.slug, version.pk, "learning"])
    page = client_for(cast.bu_officer).get(url).content.decode()
    assert "Changing the text withdraws their sign-offs" in page
    done = client_for(cast.bu_officer).post(url, {"text": "New learning"}, follow=True)
    assert "sign-offs were withdrawn" in done.content.decode()
    assert not version.sign_offs.exists()
    services.sign_off(version=version, membership=cast.lead_memberships[0])
    assert services.section_save(version=version, key="learning", text="New learning") == 0
    assert version.sign_offs.count() == 1  # saving the same text changes nothing
    services.snapshot_refresh(version=version)
    assert not version.sign_offs.exists()


def test_publishing_waits_for_all_three_lead_partners(cast, client_for):
    version = draft(cast)
    memberships = leads(cast)
    url = reverse("arrangements:publish", args=[cast.p1.slug, version.pk])
    today = datetime.date.today()
    day = {"published_on_0": today.day, "published_on_1": today.month,
           "published_on_2": today.year}
    for membership in memberships[:2]:
        services.sign_off(version=version, membership=membership)
    body = client_for(cast.bu_manager).post(url, day).content.decode()
    assert "Still to sign: Northshire ICB" in body
    version.refresh_from_db()
    assert version.published_on is None
    services.sign_off(version=version, membership=memberships[2])
    tomorrow = today + datetime.timedelta(days=1)
    body = client_for(cast.bu_manager).post(url, {
        "published_on_0": tomorrow.day, "published_on_1": tomorrow.month,
        "published_on_2": tomorrow.year}).content.decode()
    assert "cannot be in the future" in body
    assert client_for(cast.bu_manager).post(url, day).status_code == 302
    version.refresh_from_db()
    assert (version.published_on, version.published_by) == (today, cast.bu_manager)
    # A published version never changes.
    with pytest.raises(ValidationError, match="is published and cannot change"):
        services.section_save(version=version, key="learning", text="Changed")
    with pytest.raises(ValidationError, match="is published"):
        services.snapshot_refresh(version=version)


def test_the_education_partner_signs_beside_the_statutory_partners(cast):
    school = structure.agency_create(name="Northshire Schools Trust", sector="education")
    structure.designation_create(partnership=cast.p1, agency=school, kind="education")
    structure.education_partner_set(partnership=cast.p1, agency=school)
    head = lead(cast, school, "ceo.trust@cast.example", "Trust Chief Executive")
    version = draft(cast)
    from arrangements import permissions

    [(membership, education)] = permissions.sign_off_memberships(head.user, cast.p1)
    assert education and membership.agency == school
    services.sign_off(version=version, membership=membership, education=education)
    # Not instead of a statutory partner: still three to sign.
    assert [a.name for a in services.missing_partners(version)] == [
        "Northshire Council", "Northshire ICB", "Shires Police"]
    with pytest.raises(ValidationError, match="Still to sign"):
        services.publish(version=version, published_on=datetime.date.today(),
                         user=cast.bu_manager)


def test_one_draft_of_each_kind_at_a_time_with_the_narrative_carried_over(cast):
    docs(cast)
    with pytest.raises(ValidationError, match="Version 2 is still a draft"):
        services.version_create(partnership=cast.p1, kind="arrangements", user=cast.bu_manager)
    assert cast.doc_draft.number == 2
    assert cast.doc_draft.sections.get(key="child_death_review").text == \
        TEXTS["child_death_review"]
    threshold = services.version_create(partnership=cast.p1, kind="threshold",
                                        user=cast.bu_manager)
    assert threshold.number == 1 and threshold.snapshot == {}


def test_the_review_is_due_a_year_after_publication(cast, client_for):
    docs(cast)
    home = client_for(cast.bu_manager).get(reverse("home")).content.decode()
    assert "due for review" not in home
    DocumentVersion.objects.filter(pk=cast.doc_published.pk).update(
        published_on=datetime.date.today() - datetime.timedelta(days=400))
    for url in (reverse("home"), reverse("arrangements:list", args=[cast.p1.slug])):
        assert "The arrangements are due for review" in \
            client_for(cast.bu_manager).get(url).content.decode()
    # Not for agency staff, who see none of the partnership's drafts.
    assert "due for review" not in client_for(cast.lead_a).get(reverse("home")).content.decode()


def test_lead_partners_see_what_waits_for_their_sign_off(cast, client_for):
    draft(cast)
    home = client_for(cast.lsp).get(reverse("home")).content.decode()
    assert ("Sign off the published safeguarding arrangements (version 1) for Northshire "
            "Council") in home
    assert "Sign off the published" not in client_for(cast.dsp).get(reverse("home")).content.decode()


def test_the_api_lists_versions_with_their_sign_offs(cast, client_for):
    docs(cast)
    url = reverse("arrangements:api-version-list") + f"?partnership={cast.p1.pk}"
    data = client_for(cast.scrutineer).get(url).json()["results"]
    by_number = {row["number"]: row for row in data}
    published, current = by_number[1], by_number[2]
    assert published["status"] == "published"
    assert published["published_on"] == datetime.date.today().isoformat()
    assert published["public_url"] == f"/public/{cast.p1.slug}/arrangements/1/"
    signers = {s["partner_name"]: s for s in published["signed_off_by"]}
    assert signers["Shires Police"]["signer"] == "Chief Constable"
    assert signers["Shires Police"]["capacity"] == \
        "Chief Constable, lead safeguarding partner for Shires Police"
    assert signers["Shires Police"]["partner"] == cast.police.pk
    assert current["status"] == "draft" and current["published_on"] is None
    # Agency staff see the published version only; other partnerships' people get 404.
    staff = client_for(cast.lead_a).get(url).json()["results"]
    assert [row["number"] for row in staff] == [1]
    assert client_for(cast.lead_x).get(url).status_code == 404


def test_the_list_page_and_the_api_list_do_not_grow_in_queries(cast, client_for,
                                                              django_assert_max_num_queries):
    docs(cast)
    leads = cast.lead_memberships
    for _ in range(4):
        version = DocumentVersion.objects.get(partnership=cast.p1, published_on__isnull=True)
        for membership in leads:
            if not version.sign_offs.filter(partner=membership.agency).exists():
                services.sign_off(version=version, membership=membership)
        services.publish(version=version, published_on=datetime.date.today(),
                         user=cast.bu_manager)
        services.version_create(partnership=cast.p1, kind="arrangements", user=cast.bu_manager)
    client = client_for(cast.bu_manager)
    page = reverse("arrangements:list", args=[cast.p1.slug])
    api = reverse("arrangements:api-version-list") + f"?partnership={cast.p1.pk}"
    client.get(page), client.get(api)  # warm caches
    with django_assert_max_num_queries(16):  # 15 and the count of the page's rows
        assert "version 6" in client.get(page).content.decode()
    with django_assert_max_num_queries(12):
        assert len(client.get(api).json()["results"]) == 6
    assert len(selectors.version_list(DocumentVersion.objects.filter(partnership=cast.p1),
                                      cast.p1)) == 6
