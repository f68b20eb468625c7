"""Section 11 return pages: the list, the task list, answers, evidence, action plan,
carry-forward, submission, sign-off, amendment and versions; who sees what (404 for
another agency's return, never a draft for readers); the concurrent-edit conflict; the
return locked after sign-off; the shared police return; bad uploads; query counts."""

import datetime
import html
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from agencies.models import Answer, Evidence, PlanItem, Return, ReturnVersion
from agencies.services import cycles, returns
from governance.models import Action
from partnership.services import structure

from .cast import pdf

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def url(name, cast, slug=None, **kwargs):
    return reverse(name, kwargs={"slug": slug or cast.p1.slug, **kwargs})


def text(response):
    return html.unescape(response.content.decode())


def version_of(assessment):
    return Return.objects.values_list("version", flat=True).get(pk=assessment.pk)


def complete(assessment, user, rating=3):
    """Answer every standard, with a link as evidence (services only)."""
    for standard in assessment.template.standards.all():
        returns.answer_save(assessment=assessment, standard=standard, user=user,
                            version=version_of(assessment), rating=rating,
                            narrative=f"How we meet standard {standard.number}")
        returns.evidence_add(assessment=assessment, standard=standard, user=user,
                             version=version_of(assessment), title=f"Policy {standard.number}",
                             link="https://agency-a.example/policy")


def signed_off_return_a(cast):
    """Agency A's return completed, submitted and signed off by its chief officer."""
    complete(cast.return_a, cast.lead_a)
    returns.submit(assessment=cast.return_a, user=cast.lead_a, version=version_of(cast.return_a))
    returns.sign_off(assessment=cast.return_a, user=cast.chief_a)
    cast.return_a.refresh_from_db()
    return cast.return_a


def file_evidence(cast, assessment=None, user=None):
    assessment = assessment or cast.return_a
    return returns.evidence_add(assessment=assessment, standard=cast.s11_standard1,
                                user=user or cast.lead_a, version=version_of(assessment),
                                title="Training record", checked=pdf("training.pdf"))


def counts():
    return (Answer.objects.count(), Evidence.objects.count(), PlanItem.objects.count(),
            ReturnVersion.objects.count(), list(Return.objects.order_by("pk").values_list(
                "status", "version")))


# Scoping

@pytest.mark.django_db
def test_the_list_shows_each_person_only_what_they_may_see(cast, client_for):
    def listed(user, slug=None):
        response = client_for(user).get(url("s11:return-list", cast, slug=slug))
        assert response.status_code == 200
        return text(response)

    bu = listed(cast.bu_manager)
    assert "Agency A Academy" in bu and "Shires Police" in bu and "Agency X" not in bu
    assert "P1 Section 11 2025, by 19 December 2025" in bu
    lead_a = listed(cast.lead_a)
    assert "Agency A Academy" in lead_a and "Shires Police" not in lead_a
    assert "Your agency's returns" in lead_a
    police = listed(cast.lead_police)
    assert "Shires Police" in police and "Agency A Academy" not in police
    scrutineer = listed(cast.scrutineer)  # the police return is submitted; A's is a draft
    assert "Shires Police" in scrutineer and "Agency A Academy" not in scrutineer
    p2 = listed(cast.bu_p2, slug=cast.p2.slug)
    assert "Shires Police" in p2 and "Agency X Charity" in p2 and "Agency A" not in p2
    assert client_for(cast.lead_x).get(url("s11:return-list", cast)).status_code == 404
    assert client_for(cast.outsider).get(url("s11:return-list", cast)).status_code == 404


@pytest.mark.django_db
def test_the_list_tags_overdue_returns(cast, client_for):
    # The cast's cycle closed on 19 December 2025; A's return is still a draft.
    body = text(client_for(cast.bu_manager).get(url("s11:return-list", cast)))
    row = re.search(r"Agency A Academy.*?</tr>", body, re.S).group(0)
    assert "Overdue" in row and "Draft" in row
    police = re.search(r"Shires Police.*?</tr>", body, re.S).group(0)
    assert "Overdue" not in police and "Submitted" in police


@pytest.mark.django_db
@pytest.mark.parametrize("route, extra", [
    ("s11:return", {}), ("s11:plan", {}), ("s11:submit", {}), ("s11:versions", {}),
    ("s11:version", {"number": 1}), ("s11:answer", {"standard_pk": None}),
])
def test_another_agencys_return_and_a_draft_for_readers_are_not_found(cast, client_for, route,
                                                                      extra):
    def get(user, assessment, slug=None):
        kwargs = {key: value or cast.s11_standard1.pk for key, value in extra.items()}
        return client_for(user).get(url(route, cast, slug=slug, pk=assessment.pk, **kwargs))

    assert get(cast.lead_a, cast.return_a).status_code == 200
    assert get(cast.lead_a, cast.return_police).status_code == 404
    assert get(cast.lead_police, cast.return_a).status_code == 404
    assert get(cast.lead_x, cast.return_police, slug=cast.p2.slug).status_code == 404
    assert get(cast.lead_x, cast.return_x).status_code == 404  # X's own return, through P1
    assert get(cast.scrutineer, cast.return_a).status_code == 404  # a draft
    assert get(cast.chair, cast.return_a).status_code == 404
    assert get(cast.bu_p2, cast.return_a).status_code == 404


@pytest.mark.django_db
def test_evidence_downloads_only_for_those_who_see_the_return(cast, client_for):
    evidence = file_evidence(cast)
    address = url("s11:evidence-download", cast, pk=cast.return_a.pk, evidence_pk=evidence.pk)
    for user in (cast.lead_a, cast.chief_a, cast.contributor_a, cast.bu_manager):
        response = client_for(user).get(address)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith('attachment; filename="training.pdf"')
        assert "no-store" in response["Cache-Control"]
    for user in (cast.lead_police, cast.scrutineer, cast.lsp, cast.lead_x, cast.bu_p2,
                 cast.outsider):
        assert client_for(user).get(address).status_code == 404, user
    # The right evidence through another return's address, or through P2: not found.
    assert client_for(cast.bu_manager).get(url(
        "s11:evidence-download", cast, pk=cast.return_police.pk,
        evidence_pk=evidence.pk)).status_code == 404
    assert client_for(cast.bu_p2).get(url(
        "s11:evidence-download", cast, slug=cast.p2.slug, pk=cast.return_a.pk,
        evidence_pk=evidence.pk)).status_code == 404
    # A link has nothing to download.
    link = cast.return_police.answers.first().evidence.first()
    assert client_for(cast.bu_manager).get(url(
        "s11:evidence-download", cast, pk=cast.return_police.pk,
        evidence_pk=link.pk)).status_code == 404


@pytest.mark.django_db
def test_readers_see_a_submitted_return_read_only(cast, client_for):
    client = client_for(cast.scrutineer)
    detail = text(client.get(url("s11:return", cast, pk=cast.return_police.pk)))
    assert "Green: fully met" in detail  # each standard shows its rating
    assert "Check your answers and submit" not in detail and "Sign off the return" not in detail
    assert "Send back for amendment" not in detail
    answer_url = url("s11:answer", cast, pk=cast.return_police.pk,
                     standard_pk=cast.s11_standard1.pk)
    page = text(client.get(answer_url))
    assert "CNRY-RETURN-POLICE 1" in page and "<textarea" not in page and "Remove" not in page
    before = counts()
    response = client.post(answer_url, {"rating": "1", "narrative": "Changed", "version": "17"})
    assert response.status_code == 403
    assert counts() == before
    assert client.get(url("s11:evidence-add", cast, pk=cast.return_police.pk,
                          standard_pk=cast.s11_standard1.pk)).status_code == 403


@pytest.mark.django_db
def test_readers_see_only_the_submitted_versions(cast, client_for):
    versions_url = url("s11:versions", cast, pk=cast.return_police.pk)
    scrutineer = text(client_for(cast.scrutineer).get(versions_url))
    assert scrutineer.count("Version ") == 1 and "Submitted" in scrutineer
    last = cast.return_police.version
    assert client_for(cast.scrutineer).get(url(
        "s11:version", cast, pk=cast.return_police.pk, number=last)).status_code == 200
    assert client_for(cast.scrutineer).get(url(
        "s11:version", cast, pk=cast.return_police.pk, number=1)).status_code == 404
    for user, slug in ((cast.bu_manager, None), (cast.lead_police, None), (cast.bu_p2, cast.p2.slug)):
        page = text(client_for(user).get(url("s11:versions", cast, slug=slug,
                                             pk=cast.return_police.pk)))
        assert page.count("Version ") == last
        first = client_for(user).get(url("s11:version", cast, slug=slug, pk=cast.return_police.pk,
                                         number=1))
        assert first.status_code == 200 and "CNRY-RETURN-POLICE 1" in text(first)


# The shared return

@pytest.mark.django_db
def test_the_police_return_is_shared_by_both_partnerships(cast, client_for):
    for user, slug in ((cast.bu_manager, cast.p1.slug), (cast.bu_p2, cast.p2.slug),
                       (cast.lead_police, cast.p1.slug), (cast.lead_police, cast.p2.slug)):
        client = client_for(user)
        listing = text(client.get(url("s11:return-list", cast, slug=slug)))
        assert f'/returns/{cast.return_police.pk}/"' in listing and "Shires Police" in listing
        detail = text(client.get(url("s11:return", cast, slug=slug, pk=cast.return_police.pk)))
        assert ("This return is shared with: Northshire Safeguarding Children Partnership and "
                "Southshire Safeguarding Children Partnership") in detail
    p2 = text(client_for(cast.bu_p2).get(url("s11:return-list", cast, slug=cast.p2.slug)))
    assert "P2 Section 11 2025, by 30 January 2026" in p2 and "P1 Section 11 2025" not in p2
    # Each partnership's business unit can send it back; P2's cannot do so through P1.
    assert client_for(cast.bu_p2).get(url("s11:return-amend", cast, slug=cast.p2.slug,
                                          pk=cast.return_police.pk)).status_code == 200
    assert client_for(cast.bu_p2).get(url("s11:return-amend", cast,
                                          pk=cast.return_police.pk)).status_code == 404


@pytest.mark.django_db
def test_signing_off_the_shared_return_puts_its_plan_on_both_registers(cast, client_for):
    from partnership.services import people

    chief = cast_user(cast, "chief_police")
    people.membership_create(user=chief, partnership=cast.p1, role="agency_chief_officer",
                             agency=cast.police)
    # Returned, one plan item added, submitted again, then signed off.
    returns.send_back(assessment=cast.return_police, user=cast.bu_manager,
                      reason="Add a plan for training")
    returns.plan_item_add(assessment=cast.return_police, user=cast.lead_police,
                          version=version_of(cast.return_police), action="Refresh training",
                          due_on=datetime.date(2031, 3, 31), standard=cast.s11_standard1)
    returns.submit(assessment=cast.return_police, user=cast.lead_police,
                   version=version_of(cast.return_police))
    client = client_for(chief)
    address = url("s11:sign-off", cast, slug=cast.p2.slug, pk=cast.return_police.pk)
    response = client.post(address, {}, follow=True)
    assert "Confirm that you sign off the return on behalf of Shires Police" in text(response)
    response = client.post(address, {"confirm": "on"}, follow=True)
    body = text(response)
    assert ("action register of Northshire Safeguarding Children Partnership and Southshire "
            "Safeguarding Children Partnership") in body
    assert "Chief Police" in body  # signed off by name, with the time
    actions = Action.objects.filter(description="Refresh training")
    assert sorted(a.partnership.slug for a in actions) == ["p1", "p2"]
    assert {a.owner_agency_id for a in actions} == {cast.police.pk}


def cast_user(cast, key):
    from partnership.models import User

    return User.objects.create_user(f"{key}@cast.example", "x", full_name=key.replace("_", " ").title())


# Answers, conflicts and validation

@pytest.mark.django_db
def test_saving_a_draft_answer(cast, client_for):
    client = client_for(cast.contributor_a)
    standard = list(cast.s11_template.standards.all())[1]
    address = url("s11:answer", cast, pk=cast.return_a.pk, standard_pk=standard.pk)
    page = text(client.get(address))
    assert standard.description in page and "Evidence needed" in page
    assert f'name="version" value="{cast.return_a.version}"' in page
    assert "Red: not met" in page and "Green: fully met" in page
    response = client.post(address, {"rating": "2", "narrative": "Policy being rewritten",
                                      "version": cast.return_a.version, "action": "save"})
    assert response.status_code == 302 and response["Location"] == url("s11:return", cast,
                                                                       pk=cast.return_a.pk)
    answer = Answer.objects.get(assessment=cast.return_a, standard=standard)
    assert (answer.rating, answer.narrative) == (2, "Policy being rewritten")
    detail = text(client.get(response["Location"]))
    assert f"Standard {standard.number} saved as a draft" in detail
    assert re.search(rf'id="standard-{standard.pk}-status">\s*<strong[^>]*>In progress', detail)
    # Save and add evidence goes on to the evidence page.
    response = client.post(address, {"rating": "2", "narrative": "Policy being rewritten",
                                      "version": version_of(cast.return_a), "action": "evidence"})
    assert response["Location"] == url("s11:evidence-add", cast, pk=cast.return_a.pk,
                                       standard_pk=standard.pk)


@pytest.mark.django_db
def test_two_saves_from_the_same_version_do_not_overwrite_each_other(cast, client_for):
    address = url("s11:answer", cast, pk=cast.return_a.pk, standard_pk=cast.s11_standard1.pk)
    started = cast.return_a.version
    first = client_for(cast.lead_a).post(address, {"rating": "3", "narrative": "Lead's answer",
                                                   "version": started})
    assert first.status_code == 302
    before = counts()
    second = client_for(cast.contributor_a).post(address, {
        "rating": "1", "narrative": "Contributor's long answer, typed at the same time",
        "version": started})
    assert second.status_code == 200
    body = text(second)
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', body, re.S).group(0)
    assert returns.CONFLICT in summary
    assert "Contributor's long answer, typed at the same time</textarea>" in body  # kept
    assert body.count("Error:") >= 1 and "<title>Error:" in body
    assert counts() == before
    answer = Answer.objects.get(assessment=cast.return_a, standard=cast.s11_standard1)
    assert (answer.rating, answer.narrative) == (3, "Lead's answer")


@pytest.mark.django_db
def test_invalid_answers_are_refused_with_a_clear_message(cast, client_for):
    client = client_for(cast.lead_a)
    address = url("s11:answer", cast, pk=cast.return_a.pk, standard_pk=cast.s11_standard1.pk)
    before = counts()
    body = text(client.post(address, {"rating": "9", "narrative": "x", "version": cast.return_a.version}))
    assert "Choose one of the ratings" in body and 'href="#id_rating_0"' in body
    body = text(client.post(address, {"rating": "3", "narrative": "x"}))
    assert "This page is out of date: reload it and try again" in body
    assert counts() == before
    # A standard of another template is not part of this return.
    from agencies.models import Kind, Standard

    other = Standard.objects.filter(template__kind=Kind.SECTION_175).first()
    assert client.get(url("s11:answer", cast, pk=cast.return_a.pk,
                          standard_pk=other.pk)).status_code == 404


@pytest.mark.django_db
def test_the_task_list_shows_each_standards_status(cast, client_for):
    standards = list(cast.s11_template.standards.all())
    # Standard 2: rated green, described, with evidence: completed. Standard 1 (amber, no
    # evidence, no plan): in progress. The others: not started.
    returns.answer_save(assessment=cast.return_a, standard=standards[1], user=cast.lead_a,
                        version=version_of(cast.return_a), rating=3, narrative="Done")
    returns.evidence_add(assessment=cast.return_a, standard=standards[1], user=cast.lead_a,
                         version=version_of(cast.return_a), title="Policy",
                         link="https://a.example/p")
    body = text(client_for(cast.lead_a).get(url("s11:return", cast, pk=cast.return_a.pk)))

    def status(standard):
        return re.sub(r"<[^>]+>", "", re.search(
            rf'id="standard-{standard.pk}-status">(.*?)</div>', body, re.S).group(1)).strip()

    assert status(standards[0]) == "In progress"
    assert status(standards[1]) == "Completed"
    assert status(standards[2]) == "Not started"
    assert "You have completed 1 of 8 standards" in body
    assert "1 standard needs an item" in body  # standard 1 is amber
    assert "Check your answers and submit" in body
    assert "This return is shared with" not in body
    # The chief officer reads the ratings and has nothing to do yet.
    chief = text(client_for(cast.chief_a).get(url("s11:return", cast, pk=cast.return_a.pk)))
    assert "Amber: partly met" in chief and "Check your answers and submit" not in chief
    assert "Sign off the return" not in chief


# Evidence

@pytest.mark.django_db
def test_adding_and_removing_evidence(cast, client_for):
    client = client_for(cast.lead_a)
    address = url("s11:evidence-add", cast, pk=cast.return_a.pk, standard_pk=cast.s11_standard1.pk)
    page = text(client.get(address))
    assert 'enctype="multipart/form-data"' in page and "Evidence is needed for" in page
    response = client.post(address, {"title": "Board report", "version": cast.return_a.version,
                                     "file": SimpleUploadedFile("board.pdf", PDF)})
    assert response.status_code == 302
    evidence = Evidence.objects.get(title="Board report")
    assert evidence.filename == "board.pdf" and "board.pdf" not in evidence.file.name
    response = client.post(address, {"title": "Intranet page", "version": version_of(cast.return_a),
                                     "link": "https://agency-a.example/safeguarding"})
    assert response.status_code == 302
    answer_page = text(client.get(response["Location"]))
    assert "Board report" in answer_page and "Intranet page" in answer_page
    assert "Evidence ‘Intranet page’ added to standard 1" in answer_page
    remove = url("s11:evidence-remove", cast, pk=cast.return_a.pk, evidence_pk=evidence.pk)
    stale = version_of(cast.return_a) - 1
    body = text(client.post(remove, {"version": stale}))
    assert returns.CONFLICT in body and Evidence.objects.filter(pk=evidence.pk).exists()
    response = client.post(remove, {"version": version_of(cast.return_a)})
    assert response.status_code == 302 and not Evidence.objects.filter(pk=evidence.pk).exists()
    # Someone else's evidence cannot be removed through this return.
    police_evidence = cast.return_police.answers.first().evidence.first()
    assert client.post(url("s11:evidence-remove", cast, pk=cast.return_a.pk,
                           evidence_pk=police_evidence.pk),
                       {"version": version_of(cast.return_a)}).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("data, message", [
    ({"file": ("big.pdf", b"%PDF-" + b"0" * (1024 * 1024))},
     "The selected file must be smaller than 1MB"),
    ({"file": ("notes.txt", b"hello")}, "The selected file must be a PDF, Word, Excel or "
                                        "OpenDocument file"),
    ({"file": ("policy.pdf", b"MZ\x90\x00\x03 this is a program")},
     "The selected file is not really a PDF, Word, Excel or OpenDocument file: its content "
     "does not match its name (policy.pdf)"),
    ({"file": ("run.exe", b"MZ\x90\x00")}, "must be a PDF, Word, Excel or OpenDocument file"),
    ({}, "Upload a file or enter a link to the evidence"),
    ({"link": "javascript:alert(1)"}, "Enter a full web address, starting https://"),
    ({"file": ("ok.pdf", PDF), "link": "https://a.example/"},
     "Upload a file or enter a link, not both"),
    ({"title": "", "link": "https://a.example/"}, "Enter a title for the evidence"),
])
def test_bad_evidence_is_refused_and_nothing_is_saved(cast, client_for, settings, data, message):
    settings.UPLOAD_MAX_BYTES = 1024 * 1024
    address = url("s11:evidence-add", cast, pk=cast.return_a.pk, standard_pk=cast.s11_standard1.pk)
    post = {"title": "Evidence", "version": cast.return_a.version}
    for key, value in data.items():
        post[key] = SimpleUploadedFile(*value) if key == "file" else value
    before = counts()
    response = client_for(cast.lead_a).post(address, post)
    assert response.status_code == 200
    body = text(response)
    assert message in re.search(r'<div class="govuk-error-summary".*?</ul>', body, re.S).group(0)
    assert counts() == before


# Action plan

@pytest.mark.django_db
def test_the_action_plan_shows_what_still_needs_an_item(cast, client_for):
    client = client_for(cast.lead_a)
    address = url("s11:plan", cast, pk=cast.return_a.pk)
    page = text(client.get(address))
    assert "These standards still need an action plan item" in page
    assert f'href="?standard={cast.s11_standard1.pk}#add-item"' in page
    preselected = text(client.get(address + f"?standard={cast.s11_standard1.pk}"))
    assert f'<option value="{cast.s11_standard1.pk}" selected>' in preselected
    before = counts()
    body = text(client.post(address, {"standard": str(cast.s11_standard1.pk), "action": "",
                                      "version": cast.return_a.version}))
    assert "Describe the action" in body and "Enter the date the action is due" in body
    assert counts() == before
    response = client.post(address, {
        "standard": str(cast.s11_standard1.pk), "action": "Appoint a board-level lead",
        "owner": "Head teacher", "due_on_0": "31", "due_on_1": "3", "due_on_2": "2031",
        "version": cast.return_a.version})
    assert response.status_code == 302
    item = PlanItem.objects.get(assessment=cast.return_a)
    assert (item.standard, item.owner, item.due_on) == (cast.s11_standard1, "Head teacher",
                                                       datetime.date(2031, 3, 31))
    page = text(client.get(address))
    assert "Appoint a board-level lead" in page and "still need an action plan item" not in page
    remove = url("s11:plan-remove", cast, pk=cast.return_a.pk, item_pk=item.pk)
    assert returns.CONFLICT in text(client.post(remove, {"version": cast.return_a.version}))
    assert client.post(remove, {"version": version_of(cast.return_a)}).status_code == 302
    assert not PlanItem.objects.filter(pk=item.pk).exists()
    # The chief officer reads the plan but cannot change it.
    chief = client_for(cast.chief_a)
    assert "Add an action plan item" not in text(chief.get(address))
    assert chief.post(address, {"action": "x"}).status_code == 403


# Carry-forward

@pytest.mark.django_db
def test_carry_forward_copies_last_cycles_answers_and_open_actions(cast, client_for):
    old_cycle = cycles.cycle_create(partnership=cast.p1, template=cast.s11_template,
                                    name="P1 Section 11 2023", opens_on=datetime.date(2023, 9, 1),
                                    closes_on=datetime.date(2023, 12, 15), agencies=[cast.agency_a])
    old = old_cycle.requests.get().assessment
    assert old.pk != cast.return_a.pk
    complete(old, cast.lead_a, rating=3)
    standards = list(cast.s11_template.standards.all())
    returns.answer_save(assessment=old, standard=standards[4], user=cast.lead_a,
                        version=version_of(old), rating=2, narrative="Training below target")
    returns.plan_item_add(assessment=old, user=cast.lead_a, version=version_of(old),
                          action="Train every new starter", due_on=datetime.date(2031, 1, 31),
                          standard=standards[4])
    returns.plan_item_add(assessment=old, user=cast.lead_a, version=version_of(old),
                          action="Already done", due_on=datetime.date(2020, 1, 31))
    returns.submit(assessment=old, user=cast.lead_a, version=version_of(old))
    returns.sign_off(assessment=old, user=cast.chief_a)

    client = client_for(cast.lead_a)
    detail = text(client.get(url("s11:return", cast, pk=cast.return_a.pk)))
    assert "Carry forward last cycle's answers" in detail
    address = url("s11:carry-forward", cast, pk=cast.return_a.pk)
    assert client.get(address).status_code == 405
    stale = text(client.post(address, {"version": cast.return_a.version - 1}))
    assert returns.CONFLICT in stale and cast.return_a.answers.count() == 1
    response = client.post(address, {"version": cast.return_a.version}, follow=True)
    assert "7 answers and the open action plan items carried forward" in text(response)
    answers = {a.standard.number: a for a in cast.return_a.answers.select_related("standard")}
    assert len(answers) == 8
    assert answers["1"].narrative == "CNRY-RETURN-A-DRAFT"  # already answered: kept
    assert (answers["5"].rating, answers["5"].narrative) == (2, "Training below target")
    items = list(cast.return_a.plan_items.all())
    assert [(i.action, i.carried_forward, i.standard) for i in items] == [
        ("Train every new starter", True, standards[4])]
    cast.return_a.refresh_from_db()
    assert cast.return_a.carried_from == old
    # Evidence stays with the old return; nobody else can carry forward.
    assert not Evidence.objects.filter(answer__assessment=cast.return_a).exists()
    for user in (cast.chief_a, cast.bu_manager):
        assert client_for(user).post(address, {"version": version_of(cast.return_a)}).status_code == 403
    assert client_for(cast.lead_police).post(address, {"version": 1}).status_code == 404


@pytest.mark.django_db
def test_carry_forward_without_an_earlier_return_says_so(cast, client_for):
    client = client_for(cast.lead_a)
    assert "Carry forward" not in text(client.get(url("s11:return", cast, pk=cast.return_a.pk)))
    before = counts()
    body = text(client.post(url("s11:carry-forward", cast, pk=cast.return_a.pk),
                            {"version": cast.return_a.version}))
    assert "There is no earlier signed-off return of your agency to carry forward" in body
    assert counts() == before


# Submission, sign-off, amendment

@pytest.mark.django_db
def test_submitting_an_incomplete_return_lists_exactly_what_is_missing(cast, client_for):
    client = client_for(cast.lead_a)
    address = url("s11:submit", cast, pk=cast.return_a.pk)
    page = text(client.get(address))
    assert "Check your answers before submitting" in page and "CNRY-RETURN-A-DRAFT" in page
    before = counts()
    response = client.post(address, {"version": cast.return_a.version})
    assert response.status_code == 200
    body = text(response)
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', body, re.S).group(0)
    listed = re.findall(r"<li>(.*?)</li>", summary, re.S)
    expected = returns.missing(cast.return_a)
    assert len(listed) == len(expected) == 9  # 1: evidence, plan item; 2-8: a rating each
    standards = {s.pk: s for s in cast.s11_template.standards.all()}
    for item, (anchor, message) in zip(listed, expected, strict=True):
        assert message in item
        pk = int(anchor.removeprefix("standard-"))
        if "action plan item" in message:
            assert url("s11:plan", cast, pk=cast.return_a.pk) + f"?standard={pk}" in item
        else:
            assert url("s11:answer", cast, pk=cast.return_a.pk, standard_pk=pk) in item
        assert standards[pk].number in message
    assert "Standard 1 (Senior management commitment to safeguarding): add evidence" in summary
    assert "Standard 8 (Information sharing): choose a rating" in summary
    assert "<title>Error:" in body
    assert counts() == before


@pytest.mark.django_db
def test_only_the_lead_submits(cast, client_for):
    complete(cast.return_a, cast.lead_a)
    address = url("s11:submit", cast, pk=cast.return_a.pk)
    for user in (cast.contributor_a, cast.chief_a, cast.bu_manager):
        assert client_for(user).post(address, {"version": version_of(cast.return_a)}).status_code == 403
        assert "Submit the return" not in text(client_for(user).get(address))
    assert client_for(cast.lead_police).post(address, {"version": 1}).status_code == 404
    response = client_for(cast.lead_a).post(address, {"version": version_of(cast.return_a)},
                                            follow=True)
    assert "Agency A Academy's return has been submitted" in text(response)
    cast.return_a.refresh_from_db()
    assert (cast.return_a.status, cast.return_a.submitted_by) == ("submitted", cast.lead_a)


@pytest.mark.django_db
def test_the_chief_officer_signs_off_and_the_return_is_locked(cast, client_for):
    complete(cast.return_a, cast.lead_a, rating=2)
    for standard in cast.s11_template.standards.all():
        returns.plan_item_add(assessment=cast.return_a, user=cast.lead_a,
                              version=version_of(cast.return_a), action=f"Improve {standard.number}",
                              due_on=datetime.date(2031, 6, 30), standard=standard)
    evidence = file_evidence(cast)
    item = cast.return_a.plan_items.first()
    returns.submit(assessment=cast.return_a, user=cast.lead_a, version=version_of(cast.return_a))

    address = url("s11:sign-off", cast, pk=cast.return_a.pk)
    assert client_for(cast.lead_a).get(address).status_code == 403
    assert client_for(cast.bu_manager).get(address).status_code == 403
    assert client_for(cast.lead_police).get(address).status_code == 404
    chief = client_for(cast.chief_a)
    detail = text(chief.get(url("s11:return", cast, pk=cast.return_a.pk)))
    assert "Sign off the return" in detail
    page = text(chief.get(address))
    assert "I confirm that this return is accurate and I sign it off on behalf of Agency A Academy" in page
    response = chief.post(address, {"confirm": "on"}, follow=True)
    body = text(response)
    assert "You have signed off Agency A Academy's return" in body
    cast.return_a.refresh_from_db()
    assert cast.return_a.status == "signed_off" and cast.return_a.signed_off_by == cast.chief_a
    assert re.search(r'id="signed-off">[^<]*by Chief A', body)
    assert Action.objects.filter(partnership=cast.p1, source="section_11",
                                 owner_agency=cast.agency_a).count() == 8

    # Locked: every write is refused and changes nothing.
    before = counts()
    lead = client_for(cast.lead_a)
    pk = cast.return_a.pk
    version = version_of(cast.return_a)
    writes = [
        ("s11:answer", {"standard_pk": cast.s11_standard1.pk},
         {"rating": "1", "narrative": "Changed", "version": version}),
        ("s11:evidence-add", {"standard_pk": cast.s11_standard1.pk},
         {"title": "Late", "link": "https://a.example/", "version": version}),
        ("s11:evidence-remove", {"evidence_pk": evidence.pk}, {"version": version}),
        ("s11:plan", {}, {"action": "Late", "due_on_0": "1", "due_on_1": "1", "due_on_2": "2031",
                          "version": version}),
        ("s11:plan-remove", {"item_pk": item.pk}, {"version": version}),
        ("s11:carry-forward", {}, {"version": version}),
        ("s11:submit", {}, {"version": version}),
    ]
    for name, kwargs, data in writes:
        assert lead.post(url(name, cast, pk=pk, **kwargs), data).status_code == 403, name
    assert chief.post(address, {"confirm": "on"}).status_code == 403
    amend = client_for(cast.bu_manager).post(url("s11:return-amend", cast, pk=pk),
                                             {"reason": "Please change"})
    assert amend.status_code == 403  # only a submitted return, not yet signed off, goes back
    assert counts() == before
    with pytest.raises(ValidationError):
        returns.answer_save(assessment=cast.return_a, standard=cast.s11_standard1,
                            user=cast.lead_a, version=version, rating=1)
    lead_page = text(lead.get(url("s11:answer", cast, pk=pk, standard_pk=cast.s11_standard1.pk)))
    assert "<textarea" not in lead_page and "Remove" not in lead_page


@pytest.mark.django_db
def test_the_business_unit_sends_a_return_back_with_a_comment(cast, client_for):
    address = url("s11:return-amend", cast, pk=cast.return_police.pk)
    for user in (cast.scrutineer, cast.lsp, cast.lead_police):
        assert client_for(user).get(address).status_code == 403
    assert client_for(cast.lead_a).get(address).status_code == 404
    client = client_for(cast.bu_officer)
    before = counts()
    body = text(client.post(address, {"reason": "  "}))
    assert "Enter the reasons for sending the return back" in body and counts() == before
    response = client.post(address, {"reason": "Standard 5: add the training figures"},
                           follow=True)
    assert "sent back to Shires Police for amendment" in text(response)
    cast.return_police.refresh_from_db()
    assert cast.return_police.status == "returned"
    lead = text(client_for(cast.lead_police).get(url("s11:return", cast, pk=cast.return_police.pk)))
    assert "Returned for amendment" in lead and "Standard 5: add the training figures" in lead
    assert "Check your answers and submit" in lead
    # Returned is a draft again: readers no longer see it.
    assert client_for(cast.scrutineer).get(url("s11:return", cast,
                                               pk=cast.return_police.pk)).status_code == 404


# The whole story through the pages

@pytest.mark.django_db
def test_the_lead_completes_and_submits_through_the_pages(cast, client_for):
    client = client_for(cast.lead_a)
    standards = list(cast.s11_template.standards.all())
    for standard in standards:
        address = url("s11:answer", cast, pk=cast.return_a.pk, standard_pk=standard.pk)
        rating = "2" if standard.number == "1" else "3"
        assert client.post(address, {"rating": rating, "narrative": f"Answer {standard.number}",
                                     "version": version_of(cast.return_a)}).status_code == 302
        response = client.post(url("s11:evidence-add", cast, pk=cast.return_a.pk,
                                   standard_pk=standard.pk),
                               {"title": f"Evidence {standard.number}", "version": version_of(cast.return_a),
                                "file": SimpleUploadedFile(f"e{standard.number}.pdf", PDF)})
        assert response.status_code == 302
    missing = text(client.post(url("s11:submit", cast, pk=cast.return_a.pk),
                               {"version": version_of(cast.return_a)}))
    assert "Standard 1 (Senior management commitment to safeguarding): rated Amber: partly met, " \
           "so add an action plan item for it" in missing
    client.post(url("s11:plan", cast, pk=cast.return_a.pk), {
        "standard": str(standards[0].pk), "action": "Name a board lead", "due_on_0": "1",
        "due_on_1": "9", "due_on_2": "2031", "version": version_of(cast.return_a)})
    detail = text(client.get(url("s11:return", cast, pk=cast.return_a.pk)))
    assert "You have completed 8 of 8 standards" in detail and "Ready to submit" in detail
    response = client.post(url("s11:submit", cast, pk=cast.return_a.pk),
                           {"version": version_of(cast.return_a)})
    assert response.status_code == 302
    cast.return_a.refresh_from_db()
    assert cast.return_a.status == "submitted"
    # Now the partnership's readers see it, and the versions record each step.
    assert client_for(cast.scrutineer).get(url("s11:return", cast,
                                               pk=cast.return_a.pk)).status_code == 200
    events = list(cast.return_a.versions.values_list("event", flat=True))
    assert events[-1] == "submitted" and events.count("evidence added") == 8


# Query counts

def add_requested_agencies(cast, n):
    start = cast.cycle1.requests.count()
    agencies = []
    for i in range(start, start + n):
        agency = structure.agency_create(name=f"Requested {i:03d}", sector="health")
        structure.designation_create(partnership=cast.p1, agency=agency, kind="relevant_agency",
                                     start_date=datetime.date(2020, 4, 1))
        agencies.append(agency)
    made = cycles.requests_add(cycle=cast.cycle1, agencies=agencies)
    for request in made[: n // 2]:  # some started, some submitted
        returns.answer_save(assessment=request.assessment, standard=cast.s11_standard1,
                            user=cast.bu_manager, version=0, rating=3, narrative="x")


def count_queries(client, address):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries), response


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["bu_manager", "lead_a", "scrutineer"])
def test_the_return_list_queries_do_not_grow_with_rows(cast, client_for, who):
    client = client_for(cast.users[who])
    address = url("s11:return-list", cast)
    add_requested_agencies(cast, 4)
    client.get(address)
    few, _ = count_queries(client, address)
    add_requested_agencies(cast, 20)
    many, response = count_queries(client, address)
    assert few == many, f"{few} queries for 6 returns, {many} for 26"
    if who == "bu_manager":
        assert "Requested 025" in text(response)
