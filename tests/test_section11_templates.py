"""Assessment templates: the library ships with the portal (read only); the business unit
copies one and edits its copy; a version a cycle uses is frozen and changing it means a new
version, while the cycle keeps the version it pinned."""

import datetime

import pytest
from django.urls import reverse

from agencies.models import AssessmentTemplate, Kind, Question, Standard
from agencies.services import cycles, templates
from agencies.services.library import library_sync

from .test_queries import count_queries

pytestmark = pytest.mark.django_db

D = datetime.date


def url(cast, name, **kwargs):
    return reverse(name, kwargs={"slug": cast.p1.slug, **kwargs})


def own_copy(cast, name="P1 standards"):
    return templates.template_copy(template=cast.s11_template, partnership=cast.p1, name=name)


def test_the_library_templates_exist_after_migrate(db):
    s11 = AssessmentTemplate.objects.get(partnership=None, kind=Kind.SECTION_11)
    s175 = AssessmentTemplate.objects.get(partnership=None, kind=Kind.SECTION_175)
    assert s11.frozen and s175.frozen and s11.version == s175.version == 1
    assert [s.number for s in s11.standards.all()] == [str(n) for n in range(1, 9)]
    assert s11.standards.get(number="8").title == "Information sharing"
    assert s175.standards.count() == 5
    assert Question.objects.filter(standard__template=s11, evidence_required=True).exists()
    assert library_sync() == []  # idempotent
    assert AssessmentTemplate.objects.filter(partnership=None).count() == 2


def test_template_list_shows_library_and_own_by_kind(cast, client_for):
    own_copy(cast)
    body = client_for(cast.scrutineer).get(url(cast, "s11:template-list")).content.decode()
    assert "Section 11 self-assessment (the eight key features)" in body
    assert "Section 175/157 schools safeguarding audit" in body
    assert "P1 standards" in body and "Your partnership" in body and "Library" in body
    assert "Read only" in body and "Editable" in body
    assert body.index("Section 11 self-assessment (the eight key features)") < body.index(
        "P1 standards") < body.index("Section 175/157 schools safeguarding audit")


def test_template_page_shows_standards_questions_scale_and_threshold(cast, client_for):
    response = client_for(cast.chair).get(url(cast, "s11:template", pk=cast.s11_template.pk))
    body = response.content.decode()
    assert "Senior management commitment to safeguarding" in body
    assert "Is there a named board-level lead for safeguarding children?" in body
    assert "Evidence needed" in body
    assert "Red: not met" in body and "Green: fully met" in body
    assert "For a rating below Green: fully met: Red: not met, Amber: partly met" in body
    assert "P1 Section 11 2025" in body  # used by cycle1
    assert "P2 Section 11 2025" not in body  # another partnership's cycle
    assert "Copy to edit" not in body  # the chair reads only
    manager = client_for(cast.bu_manager).get(url(cast, "s11:template", pk=cast.s11_template.pk))
    assert "Copy to edit" in manager.content.decode()
    assert "Change the template" not in manager.content.decode()


def test_copy_a_library_template_and_edit_the_copy(cast, client_for):
    client = client_for(cast.bu_manager)
    response = client.post(url(cast, "s11:template-copy", pk=cast.s11_template.pk),
                           {"name": "Northshire Section 11"})
    copy = AssessmentTemplate.objects.get(partnership=cast.p1, name="Northshire Section 11")
    assert response.status_code == 302 and response["Location"] == url(cast, "s11:template", pk=copy.pk)
    assert copy.version == 1 and not copy.frozen and copy.previous == cast.s11_template
    assert copy.standards.count() == 8
    assert Question.objects.filter(standard__template=copy).count() == Question.objects.filter(
        standard__template=cast.s11_template).count()
    page = client.get(url(cast, "s11:template", pk=copy.pk)).content.decode()
    assert "Change the template" in page and "Add a standard" in page

    response = client.post(url(cast, "s11:template-edit", pk=copy.pk), {
        "name": "Northshire Section 11", "scale": "one_to_four", "action_below": "3",
        "guidance": "Answer honestly."})
    assert response.status_code == 302
    copy.refresh_from_db()
    assert (copy.scale, copy.action_below, copy.guidance) == ("one_to_four", 3, "Answer honestly.")
    # The scale's own limits are the service's: 5 is beyond "every rating" on RAG.
    response = client.post(url(cast, "s11:template-edit", pk=copy.pk), {
        "name": "Northshire Section 11", "scale": "rag", "action_below": "5"})
    assert response.status_code == 200
    assert "Choose a rating of the template&#x27;s scale" in response.content.decode()
    copy.refresh_from_db()
    assert copy.scale == "one_to_four"


def test_copy_needs_a_new_name(cast, client_for):
    own_copy(cast, "Taken")
    response = client_for(cast.bu_officer).post(
        url(cast, "s11:template-copy", pk=cast.s11_template.pk), {"name": "Taken"})
    assert response.status_code == 200
    assert "The partnership already has a template with this name" in response.content.decode()
    assert AssessmentTemplate.objects.filter(partnership=cast.p1).count() == 1


def test_standards_and_questions_are_added_and_changed(cast, client_for):
    copy = own_copy(cast)
    client = client_for(cast.bu_manager)
    response = client.post(url(cast, "s11:standard-add", pk=copy.pk), {
        "number": "9", "title": "Online safety", "description": "Staff know the risks."})
    standard = copy.standards.get(number="9")
    assert response.status_code == 302 and response["Location"].endswith(f"#standard-{standard.pk}")
    assert standard.position == 9
    client.post(url(cast, "s11:standard-edit", pk=copy.pk, standard_pk=standard.pk),
                {"number": "9", "title": "Online safety and filtering", "position": "1"})
    standard.refresh_from_db()
    assert (standard.title, standard.position) == ("Online safety and filtering", 1)
    client.post(url(cast, "s11:question-add", pk=copy.pk, standard_pk=standard.pk),
                {"number": "9.1", "text": "Are filters checked?", "evidence_required": "on"})
    question = standard.questions.get()
    assert question.evidence_required and question.position == 1
    client.post(url(cast, "s11:question-edit", pk=copy.pk, question_pk=question.pk),
                {"number": "9.1", "text": "Are filters checked every term?"})
    question.refresh_from_db()
    assert question.text == "Are filters checked every term?" and not question.evidence_required
    response = client.post(url(cast, "s11:standard-add", pk=copy.pk), {"number": "", "title": ""})
    assert "Enter the standard&#x27;s number" in response.content.decode()


def test_the_library_refuses_edits_with_the_service_message(cast, client_for):
    client = client_for(cast.bu_manager)
    library = cast.s11_template
    form = client.get(url(cast, "s11:template-edit", pk=library.pk)).content.decode()
    assert "Library templates cannot be changed: make a copy first" in form
    response = client.post(url(cast, "s11:standard-edit", pk=library.pk,
                               standard_pk=cast.s11_standard1.pk),
                           {"number": "1", "title": "Hijacked"})
    assert response.status_code == 200
    assert "Library templates cannot be changed: make a copy first" in response.content.decode()
    cast.s11_standard1.refresh_from_db()
    assert cast.s11_standard1.title == "Senior management commitment to safeguarding"


def test_a_frozen_template_refuses_edits_and_a_new_version_works(cast, client_for):
    copy = own_copy(cast)
    client = client_for(cast.bu_manager)
    cycle = cycles.cycle_create(partnership=cast.p1, template=copy, name="2026 audit",
                                opens_on=D(2026, 1, 5), closes_on=D(2026, 3, 27),
                                agencies=[cast.agency_a])
    copy.refresh_from_db()
    assert copy.frozen
    first = copy.standards.get(number="1")
    response = client.post(url(cast, "s11:standard-edit", pk=copy.pk, standard_pk=first.pk),
                           {"number": "1", "title": "Changed after the cycle started"})
    assert "A cycle uses this version: make a new version to change it" in response.content.decode()
    page = client.get(url(cast, "s11:template", pk=copy.pk)).content.decode()
    assert "New version" in page and "Change the template" not in page and "2026 audit" in page

    response = client.post(url(cast, "s11:template-new-version", pk=copy.pk))
    version2 = AssessmentTemplate.objects.get(partnership=cast.p1, name=copy.name, version=2)
    assert response["Location"] == url(cast, "s11:template", pk=version2.pk)
    assert version2.previous == copy and not version2.frozen
    client.post(url(cast, "s11:standard-edit", pk=version2.pk,
                    standard_pk=version2.standards.get(number="1").pk),
                {"number": "1", "title": "Leadership (2027 wording)"})
    assert version2.standards.get(number="1").title == "Leadership (2027 wording)"
    # The cycle keeps the version it pinned, standards and all.
    cycle.refresh_from_db()
    assert cycle.template == copy
    assert cycle.requests.get().assessment.template == copy
    first.refresh_from_db()
    assert first.title == "Senior management commitment to safeguarding"


def test_new_version_is_for_frozen_own_templates_only(cast, client_for):
    copy = own_copy(cast)
    client = client_for(cast.bu_manager)
    client.post(url(cast, "s11:template-new-version", pk=copy.pk))
    client.post(url(cast, "s11:template-new-version", pk=cast.s11_template.pk))
    assert AssessmentTemplate.objects.filter(partnership=cast.p1).count() == 1
    response = client.get(url(cast, "s11:template", pk=copy.pk))
    assert "No cycle uses this version yet" in response.content.decode()


def test_standard_and_question_must_belong_to_the_template(cast, client_for):
    copy = own_copy(cast)
    client = client_for(cast.bu_manager)
    other = Standard.objects.filter(template=cast.s11_template)[0]
    assert client.get(url(cast, "s11:standard-edit", pk=copy.pk,
                          standard_pk=other.pk)).status_code == 404
    question = Question.objects.filter(standard=other)[0]
    assert client.get(url(cast, "s11:question-edit", pk=copy.pk,
                          question_pk=question.pk)).status_code == 404


def test_template_pages_queries_do_not_grow(cast, client_for):
    client = client_for(cast.bu_manager)
    for i in range(2):
        own_copy(cast, f"Copy {i}")
    list_url = url(cast, "s11:template-list")
    client.get(list_url)
    few, _ = count_queries(client, list_url)
    for i in range(2, 12):
        own_copy(cast, f"Copy {i}")
    many, response = count_queries(client, list_url)
    assert few == many
    assert "Copy 11" in response.content.decode()
    library = AssessmentTemplate.objects.get(pk=cast.s11_template.pk)
    for n in range(10):  # the library is read only: grow a copy's standards instead
        templates.standard_add(template=AssessmentTemplate.objects.get(name="Copy 0"),
                               number=f"x{n}", title=f"Extra {n}")
    copy_url = url(cast, "s11:template", pk=AssessmentTemplate.objects.get(name="Copy 1").pk)
    client.get(copy_url)
    fewer, _ = count_queries(client, copy_url)
    grown_url = url(cast, "s11:template", pk=AssessmentTemplate.objects.get(name="Copy 0").pk)
    grown, _ = count_queries(client, grown_url)
    assert fewer == grown
    assert library.standards.count() == 8
