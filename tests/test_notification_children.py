"""One incident, up to four children (domain.md corrections 6 and 7): a notification is
recorded with its first child and takes up to 4 (a 5th refused, through the page and the
API, with nothing saved); the case's age band and looked_after follow its children; the
children's characteristics and what happened are seen only by the business unit and a case
grant holder, every read logged; the death of a care leaver is notified with no rapid
review."""

import datetime
import html

import pytest
from django.urls import reverse

from partnership.errors import Invalid, WrongState
from partnership.models import AccessEvent
from reviews.deadlines import open_deadlines
from reviews.models import Notification, NotifiedChild, RapidReview
from reviews.services import notifications, rapid

from .cast import P1_BU
from .test_review_cases import CHILD_FORM, case_form, date

pytestmark = pytest.mark.django_db

CHILD = {name.removeprefix("child-"): value for name, value in CHILD_FORM.items()}
CARE_LEAVER = {**CHILD, "pseudonym": "Young person G", "age_band": "18_24",
               "legal_status": "care_leaver", "placement": "supported"}


def url(name, cast, *args):
    return reverse(name, args=[cast.p1.slug, *args])


def text(response):
    return html.unescape(response.content.decode())


def api(client, data, method="post", pk=None):
    name = "reviews:api-notification-detail" if pk else "reviews:api-notification-list"
    return getattr(client, method)(reverse(name, kwargs={"pk": pk} if pk else None), data,
                                   content_type="application/json")


def api_body(cast, children, **more):
    return {"partnership": cast.p1.pk, "pseudonym": "Child Q", "incident_type": "serious_harm",
            "la_aware_on": "2026-03-27", "children": children, **more}


def child(n, **more):
    return {**CHILD, "pseudonym": f"Child Q{n}", **more}


def case_with(cast, *children, incident_type="serious_harm"):
    return notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_manager, pseudonym="Child Q",
        incident_type=incident_type, la_aware_on=datetime.date(2026, 3, 2),
        children=list(children))


# One incident, up to four children


def test_the_page_records_the_incident_with_its_first_child_and_what_happened(cast, client_for):
    client = client_for(cast.bu_officer)
    assert "The first child" in text(client.get(url("reviews:case-create", cast)))
    response = client.post(url("reviews:case-create", cast), case_form(
        summary="Found injured at home.", **{"child-age_band": "1_4"}))
    case = Notification.objects.get(pseudonym="Child B")
    assert response.status_code == 302
    assert case.summary == "Found injured at home."
    [first] = case.children.all()
    assert (first.position, first.pseudonym, first.age_band, first.home_local_authority) == (
        1, "Child B", "1_4", "Northshire")
    assert case.age_band == "1_4" and not case.looked_after


def test_the_page_refuses_a_notification_without_its_child_and_saves_nothing(cast, client_for):
    before = Notification.objects.count()
    form = {k: v for k, v in case_form().items() if not k.startswith("child-")}
    response = client_for(cast.bu_manager).post(url("reviews:case-create", cast), form)
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page and "Enter the child's pseudonym" in page
    assert 'href="#id_child-age_band_0"' in page  # the summary links to the child's field
    assert Notification.objects.count() == before and not NotifiedChild.objects.exists()


def test_four_children_are_accepted_and_a_fifth_refused_through_the_page(cast, client_for):
    case = case_with(cast, child(1))
    client = client_for(cast.bu_manager)
    add = url("reviews:notified-child-add", cast, case.pk)
    for n in (2, 3, 4):
        data = {**child(n), "legal_status": "looked_after" if n == 3 else "none"}
        assert client.post(add, data).status_code == 302, n
    case.refresh_from_db()
    assert [c.position for c in case.children.all()] == [1, 2, 3, 4]
    assert case.looked_after  # Child Q3 is looked after
    for response in (client.get(add), client.post(add, child(5))):
        assert response.status_code == 200
        assert "A notification covers up to 4 children of the same incident" in text(response)
    assert case.children.count() == 4
    assert not NotifiedChild.objects.filter(pseudonym="Child Q5").exists()
    assert "Add a child" not in text(client.get(url("reviews:notified-children", cast,
                                                    case.pk)))


def test_four_children_through_the_api_and_a_fifth_is_a_400_naming_children(cast, client_for):
    client = client_for(cast.bu_manager)
    made = api(client, api_body(cast, [child(n) for n in range(1, 5)]))
    assert made.status_code == 201, made.content
    assert Notification.objects.get(pk=made.json()["id"]).children.count() == 4
    before = (Notification.objects.count(), NotifiedChild.objects.count())
    for children in ([child(n) for n in range(1, 6)], [], None):
        data = api_body(cast, children)
        if children is None:
            del data["children"]
        refused = api(client, data)
        assert refused.status_code == 400, children
        assert list(refused.json()) == ["children"], refused.json()
    too_many = api(client, api_body(cast, [child(n) for n in range(1, 6)])).json()
    assert "up to 4 children" in too_many["children"][0]
    assert (Notification.objects.count(), NotifiedChild.objects.count()) == before


def test_the_api_refuses_a_childs_bad_answers_by_field(cast, client_for):
    client = client_for(cast.bu_manager)
    named = api(client, api_body(cast, [child(1), child(2, legal_name="Real Name")]))
    assert named.status_code == 400
    assert list(named.json()["children"]["1"]) == ["legal_name"]  # no names, ever
    wrong = api(client, api_body(cast, [child(1, sex="x", placement="")]))
    assert set(wrong.json()["children"]["0"]) == {"sex", "placement"}
    adult = api(client, api_body(cast, [child(1), child(2, age_band="18_24")]))
    assert adult.status_code == 400
    assert "only for the death of a care leaver" in adult.json()["children"]["1"]["age_band"][0]
    assert not Notification.objects.filter(pseudonym="Child Q").exists()


def test_a_patch_with_children_replaces_them(cast, client_for):
    client = client_for(cast.bu_manager)
    case = case_with(cast, child(1), child(2))
    response = api(client, {"children": [child(3, age_band="5_9")], "age_band": "16_17"},
                   "patch", case.pk)
    assert response.status_code == 200, response.content
    assert response.json()["age_band"] == "5_9"  # the first child's; age_band is read only
    assert [c.pseudonym for c in case.children.all()] == ["Child Q3"]
    assert api(client, {"children": []}, "patch", case.pk).status_code == 400
    assert case.children.count() == 1


def test_children_are_changed_and_removed_and_the_last_one_stays(cast, client_for):
    case = case_with(cast, child(1), child(2), child(3))
    client = client_for(cast.bu_officer)
    second = case.children.get(position=2)
    edit = url("reviews:notified-child-edit", cast, case.pk, second.pk)
    assert client.post(edit, {**child(2), "legal_status": "looked_after"}).status_code == 302
    case.refresh_from_db()
    assert case.looked_after
    first = case.children.get(position=1)
    assert client.post(url("reviews:notified-child-remove", cast, case.pk, first.pk)
                       ).status_code == 302
    assert [(c.position, c.pseudonym) for c in case.children.all()] == [
        (1, "Child Q2"), (2, "Child Q3")]
    for pk in list(case.children.values_list("pk", flat=True)):
        client.post(url("reviews:notified-child-remove", cast, case.pk, pk), follow=True)
    [last] = case.children.all()
    assert last.pseudonym == "Child Q3"
    bad = client.post(url("reviews:notified-child-edit", cast, case.pk, last.pk),
                      {**child(3), "age_band": "18_24"})
    assert "only for the death of a care leaver" in text(bad)
    last.refresh_from_db()
    assert last.age_band == CHILD["age_band"]


# Who sees the characteristics


def test_characteristics_hidden_from_partners_and_logged_for_the_business_unit(cast,
                                                                              client_for):
    notifications.notified_child_add(notification=cast.case1, **{
        **CHILD, "pseudonym": "CNRY-NC-PSEUDONYM", "home_local_authority": "CNRY-NC-HOME"})
    notifications.notification_update(notification=cast.case1, summary="CNRY-NC-SUMMARY")
    pages = [url(name, cast, cast.case1.pk) for name in
             ("reviews:notified-children", "reviews:dfe-form", "reviews:dfe-form-text")]
    secrets = ("CNRY-NC-PSEUDONYM", "CNRY-NC-HOME", "CNRY-NC-SUMMARY")
    for who in ("lsp", "dsp", "chair", "scrutineer", "lead_a", "lead_police"):
        client = client_for(cast.users[who])
        for page in (url("reviews:case-list", cast), url("reviews:case-detail", cast,
                                                          cast.case1.pk)):
            shown = text(client.get(page))
            assert not any(s in shown for s in secrets), (who, page)
        for page in pages:
            assert client.get(page).status_code == 403, (who, page)
    assert AccessEvent.objects.count() == 0
    case_page = text(client_for(cast.scrutineer).get(url("reviews:case-detail", cast,
                                                         cast.case1.pk)))
    assert "The notification covers 1 child." in case_page
    assert "seen only by the business unit and people with a case access grant" in case_page
    for who in P1_BU:
        for page in pages:
            response = client_for(cast.users[who]).get(page)
            assert response.status_code == 200
            assert all(s in text(response) for s in secrets), (who, page)
    events = AccessEvent.objects.order_by("pk")
    assert [(e.user.email, e.path) for e in events] == [
        (cast.users[who].email, page) for who in P1_BU for page in pages]
    assert {e.object_repr for e in events} == {f"{cast.case1.reference}: CNRY-NC-PSEUDONYM"}


def test_a_case_grant_opens_the_characteristics(cast, client_for):
    notifications.notified_child_add(notification=cast.case1, **CHILD)
    page = url("reviews:notified-children", cast, cast.case1.pk)
    assert client_for(cast.scrutineer).get(page).status_code == 403
    notifications.grant_create(notification=cast.case1, user=cast.scrutineer, purpose="Audit",
                               days=1, granted_by=cast.bu_manager)
    response = client_for(cast.scrutineer).get(page)
    assert response.status_code == 200 and "Northshire" in text(response)
    assert "Add a child" not in text(response)  # seeing is not changing
    assert AccessEvent.objects.filter(user=cast.scrutineer, path=page).count() == 1
    edit = url("reviews:notified-child-edit", cast, cast.case1.pk,
               cast.case1.children.get().pk)
    assert client_for(cast.scrutineer).get(edit).status_code == 403


# The death of a care leaver


def test_a_care_leavers_death_is_notified_without_a_rapid_review(cast, client_for):
    refused = [(CHILD, "age_band"), ({**CARE_LEAVER, "legal_status": "looked_after"},
                                     "legal_status")]
    for answers, field in refused:
        with pytest.raises(Invalid) as error:
            case_with(cast, answers, incident_type="care_leaver_death")
        assert field in str(error.value) or "Child 1" in str(error.value)
    case = case_with(cast, CARE_LEAVER, incident_type="care_leaver_death")
    notifications.notification_update(notification=case, notified_on=datetime.date(2026, 3, 4))
    client = client_for(cast.bu_manager)
    page = text(client.get(url("reviews:case-detail", cast, case.pk)))
    assert "No rapid review is needed for the death of a care leaver" in page
    assert "Start the rapid review" not in page
    response = client.post(url("reviews:rapid-start", cast, case.pk))
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "No rapid review is needed for the death of a care leaver" in text(response)
    assert not RapidReview.objects.filter(notification=case).exists()
    with pytest.raises(WrongState, match="No rapid review is needed"):  # the service too
        rapid.rapid_review_start(notification=case)
    rows = [row for row in open_deadlines(cast.p1) if row.pk == case.pk]
    assert rows == [] or all(row.kind != "rapid-review" for row in rows)


def test_a_case_under_rapid_review_cannot_become_a_care_leavers_death(cast):
    with pytest.raises(Invalid, match="A rapid review has started"):
        notifications.notification_update(notification=cast.case1,
                                          incident_type="care_leaver_death",
                                          children=[CARE_LEAVER])
    case = case_with(cast, child(1))
    with pytest.raises(Invalid, match="Change Child Q1 first"):
        notifications.notification_update(notification=case, incident_type="care_leaver_death")
    notifications.notification_update(notification=case, incident_type="care_leaver_death",
                                      children=[CARE_LEAVER])
    case.refresh_from_db()
    assert case.age_band == "18_24" and case.incident_type == "care_leaver_death"


def test_the_page_asks_a_care_leavers_age_and_status(cast, client_for):
    response = client_for(cast.bu_manager).post(url("reviews:case-create", cast), case_form(
        incident_type="care_leaver_death", **date("la_aware_on", datetime.date(2026, 3, 2))))
    form = response.context["child_form"]
    assert "choose 18 to 24" in form.errors["age_band"][0]
    assert "choose care leaver" in form.errors["legal_status"][0]
    assert not Notification.objects.filter(pseudonym="Child B").exists()
