"""Who must sign in with a second factor, how it is enforced, the business unit's reset and
the partnership's setting for agency staff (issue 15)."""

import datetime

import pytest
from allauth.account.internal.flows.login import record_authentication
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from auditlog.models import LogEntry
from django.contrib.messages import get_messages
from django.http import HttpRequest
from django.urls import reverse

from partnership.models import Partnership, User
from partnership.permissions import mfa_required
from partnership.second_factor import ENROL, SIGN_IN_AGAIN
from partnership.services import mfa, people
from reviews.services import notifications

from .conftest import second_factor_set_up, signed_in_with_second_factor

pytestmark = pytest.mark.django_db

ALWAYS = {"bu_manager", "bu_officer", "lsp", "dsp", "chair", "scrutineer", "chief_a", "bu_p2"}


def fresh(cast, who):
    return User.objects.get(pk=cast.users[who].pk)


def p1(cast):
    return {"slug": cast.p1.slug}


@pytest.fixture
def enforced(settings):
    settings.MFA_ENFORCED = True


def test_who_must_have_a_second_factor(cast):
    for who, user in cast.users.items():
        if user is not None:
            assert mfa_required(user) is (who in ALWAYS), who


def test_agency_staff_need_one_where_a_partnership_they_serve_asks_it(cast):
    mfa.agency_staff_mfa_set(partnership=cast.p1, required=True)
    assert all(mfa_required(fresh(cast, who))
               for who in ("lead_a", "contributor_a", "lead_police"))
    assert not mfa_required(fresh(cast, "lead_x"))  # agency X serves P2 only
    mfa.agency_staff_mfa_set(partnership=cast.p1, required=False)
    mfa.agency_staff_mfa_set(partnership=cast.p2, required=True)
    assert mfa_required(fresh(cast, "lead_police"))  # the police serve both
    assert mfa_required(fresh(cast, "lead_x"))
    assert not mfa_required(fresh(cast, "lead_a"))


def test_case_grant_holders_and_platform_staff_need_one_and_ended_roles_none(cast):
    grant = notifications.grant_create(notification=cast.case1, user=cast.lead_a,
                                       purpose="Chronology", days=7, granted_by=cast.bu_manager)
    assert mfa_required(fresh(cast, "lead_a"))
    notifications.grant_revoke(grant=grant)
    assert not mfa_required(fresh(cast, "lead_a"))
    outsider = fresh(cast, "outsider")
    outsider.is_staff = True
    outsider.save()
    assert mfa_required(fresh(cast, "outsider"))
    people.membership_end(membership=cast.dsp_membership,
                          end_date=datetime.date.today() - datetime.timedelta(days=1))
    assert not mfa_required(fresh(cast, "dsp"))


def test_deciding_takes_one_query(cast, django_assert_num_queries):
    user = fresh(cast, "lead_a")
    with django_assert_num_queries(1):
        assert not mfa_required(user)
        assert not mfa_required(user)  # kept for the rest of the request


def test_without_a_device_every_page_sends_them_to_set_one_up(cast, client_for, enforced):
    client = client_for(cast.dsp)
    for url in (reverse("home"), reverse("partnership-overview", kwargs=p1(cast)),
                reverse("notifications"), reverse("reviews:case-list", kwargs=p1(cast))):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, reverse("mfa_index")), url
    assert ENROL in [m.message for m in get_messages(response.wsgi_request)]
    api = client.get(reverse("api-me"))
    assert api.status_code == 403 and api.json() == {"detail": ENROL}
    # Open meanwhile: the second factor pages, the probes, signing out.
    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("healthz")).status_code == 200
    assert client.post(reverse("logout"))["Location"] == reverse("signed-out")
    assert client.get(reverse("signed-out")).status_code == 200


def test_agency_lead_follows_the_partnerships_setting(cast, client_for, enforced):
    assert client_for(cast.lead_a).get(reverse("home")).status_code == 200
    mfa.agency_staff_mfa_set(partnership=cast.p1, required=True)
    response = client_for(cast.lead_a).get(reverse("home"))
    assert (response.status_code, response["Location"]) == (302, reverse("mfa_index"))


def test_nothing_is_enforced_when_switched_off(cast, client_for):
    assert client_for(cast.dsp).get(reverse("home")).status_code == 200


def test_a_session_without_the_second_factor_signs_in_again(cast, client_for, enforced):
    client = client_for(cast.dsp)
    device = second_factor_set_up(cast.dsp)
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=/")
    assert SIGN_IN_AGAIN in [m.message for m in get_messages(response.wsgi_request)]
    assert "_auth_user_id" not in client.session  # signed out
    api = signed_in_with_second_factor(client_for(cast.dsp), cast.dsp, device)
    assert api.get(reverse("home")).status_code == 200
    assert api.get(reverse("api-me")).status_code == 200


def test_setting_up_an_app_counts_as_signing_in_with_it(cast, client_for, enforced,
                                                       django_capture_on_commit_callbacks):
    client = client_for(cast.dsp)
    session = client.session
    request = HttpRequest()
    request.session = session
    record_authentication(request, cast.dsp, "password", reauthenticated=True)
    session.save()
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))
    with django_capture_on_commit_callbacks(execute=True):  # allauth's signal, after commit
        response = client.post(reverse("mfa_activate_totp"), {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=cast.dsp, type="totp").exists()
    assert client.get(reverse("home")).status_code == 200


def test_business_unit_resets_a_persons_second_factor(cast, client_for, mailoutbox,
                                                      django_capture_on_commit_callbacks):
    second_factor_set_up(cast.dsp)
    RecoveryCodes.activate(cast.dsp)
    dsp = client_for(cast.dsp)
    assert dsp.get(reverse("home")).status_code == 200  # a session of theirs
    bu = client_for(cast.bu_manager)
    url = reverse("person-second-factor-reset", kwargs={**p1(cast), "pk": cast.dsp.pk})
    assert url in bu.get(reverse("people", kwargs=p1(cast))).content.decode()
    page = bu.get(url).content.decode()
    assert "Authenticator app" in page and "Recovery codes" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = bu.post(url)
    assert response["Location"] == reverse("people", kwargs=p1(cast))
    assert not Authenticator.objects.filter(user=cast.dsp).exists()
    entry = LogEntry.objects.get(object_pk=str(cast.dsp.pk), actor=cast.bu_manager,
                                 additional_data__event="second factor reset")
    assert entry.additional_data["removed"] == ["recovery_codes", "totp"]
    assert entry.additional_data["partnership"] == cast.p1.slug
    [mail] = mailoutbox
    assert mail.to == [cast.dsp.email] and "second factor" in mail.subject
    assert cast.bu_manager.full_name in mail.body
    assert dsp.get(reverse("home")).status_code == 302  # signed out everywhere
    assert "no second factor" in bu.get(url).content.decode()


def test_the_partnership_chooses_for_its_agency_staff(cast, client_for):
    bu = client_for(cast.bu_manager)
    url = reverse("partnership-second-factor", kwargs=p1(cast))
    assert 'value="optional" checked' in bu.get(url).content.decode()
    assert bu.post(url, {"second_factor": "required"}).status_code == 302
    assert Partnership.objects.get(pk=cast.p1.pk).agency_staff_mfa_required
    refused = bu.post(url, {"second_factor": "sometimes"})
    assert refused.status_code == 200 and "Choose required or optional" in refused.content.decode()
    assert Partnership.objects.get(pk=cast.p1.pk).agency_staff_mfa_required
    people_page = bu.get(reverse("people", kwargs=p1(cast))).content.decode()
    assert "Second factor for agency leads and contributors: required" in people_page
