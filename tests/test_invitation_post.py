"""Invitation and password reset links are spent by the POST that sets the password, never by
opening them: mail scanners (and link previews) GET or HEAD every link in an e-mail, often
more than once and before the person does."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from partnership.models import User
from partnership.tokens import invitation_token_generator

from .cast import PASSWORD

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "a new and rather long passphrase"
LINKS = {  # route: (token generator, the page's own text, where the POST leads)
    "invitation-accept": (invitation_token_generator, "Set up your account",
                          "invitation-complete"),
    "password_reset_confirm": (default_token_generator, "Choose a new password",
                               "password_reset_complete"),
}
SPENT = {"invitation-accept": "This invitation link has expired",
         "password_reset_confirm": "This link has expired"}


@pytest.fixture(params=sorted(LINKS))
def link(request, db):
    """(route, person, link): a newly invited person's link (no password yet), or a password
    reset link for a person with one."""
    route = request.param
    password = None if route == "invitation-accept" else PASSWORD
    person = User.objects.create_user("person@cast.example", password, full_name="Pat Person")
    generator = LINKS[route][0]
    return route, person, reverse(route, kwargs={
        "uidb64": urlsafe_base64_encode(force_bytes(person.pk)),
        "token": generator.make_token(person)})


def unchanged(person):
    before = (person.password, person.last_login, person.is_active)
    person.refresh_from_db()
    return (person.password, person.last_login, person.is_active) == before


def test_opening_the_link_changes_nothing(link):
    route, person, url = link
    for scanner in (Client(), Client(), Client()):
        for method in ("get", "head"):
            response = getattr(scanner, method)(url)
            assert response.status_code == 302  # to the form, the token kept in the session
        form = scanner.get(response["Location"])
        assert LINKS[route][1] in form.content.decode()
        assert 'name="new_password1"' in form.content.decode()
    assert unchanged(person)


def test_the_post_that_sets_the_password_spends_it(link):
    route, person, url = link
    Client().get(url)  # a scanner first
    browser = Client()
    form_url = browser.get(url)["Location"]
    wrong = browser.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": "other"})
    assert wrong.status_code == 200 and "There is a problem" in wrong.content.decode()
    assert unchanged(person)  # a refused POST spends nothing either
    done = browser.post(form_url, {"new_password1": NEW_PASSWORD,
                                   "new_password2": NEW_PASSWORD})
    assert done.status_code == 302 and done["Location"] == reverse(LINKS[route][2])
    person.refresh_from_db()
    assert person.check_password(NEW_PASSWORD)
    for client in (Client(), browser):
        assert SPENT[route] in client.get(url, follow=True).content.decode()
