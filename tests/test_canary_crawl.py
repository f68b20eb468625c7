"""The canary crawl (issue 13, acceptance of items 5 to 8): a unique canary in every free-text
field of the records of one partnership (P1) and one agency (agency A) of the cast, then every
page, export, calendar file, PDF and API answer the matrix reaches, fetched as every member of
the cast and as a superuser (with the platform admin's pages too), must show no canary to
someone who may not see it.

What each canary's record is, and who may see it, is written out below (AUDIENCES), from the
access model (README, "Access model"), not from the code under test. tests/cast.py CANARIES are
checked too. The models the cast has no P1 or agency A record of get one here
(tests/canary_records.py), and a model with free text and no canary fails the run
(test_every_free_text_model_has_a_canary) unless it is excluded there, with its reason.
Fields left out: choices, e-mails, slugs,
URLs, tokens and keys, identifiers and codes, file metadata, and the names of people,
partnerships and agencies (identities that the pages show wherever their records go).
"""

import datetime
import io

import docx
import pypdf
import pytest
from auditlog.models import LogEntry
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.test import Client
from django.urls import NoReverseMatch, reverse

from governance.minutes_export import DOCX_TYPE
from governance.models import Meeting
from governance.services import groups, meetings
from partnership.models import ClosureDay, User
from partnership.permissions import mfa_required
from partnership.services import api_tokens
from scrutiny.services import report_render

from . import canary_records
from .cast import A_STAFF, CANARIES, P1_BU, P1_ROLES, USERS
from .conftest import second_factor_set_up, signed_in_with_second_factor
from .test_matrix import CASES

pytestmark = pytest.mark.db_agnostic

SUPERUSER = "superuser"
WHO = (*USERS, SUPERUSER)
P1_VISIBLE = (*P1_ROLES, *A_STAFF, "lead_police")
GROUP_EXEC = (*P1_ROLES, "lead_a")  # P1's executive: partnership roles and its seat holders
CONFIDENTIAL = (*P1_BU, "lsp", "dsp", "lead_a")  # its business unit and seat holders
# The platform's own records, which a superuser may see (in the admin).
PLATFORM_CANARIES = ("CNRY-AGENCY-A", "CNRY-POLICE", "CNRY-AGENCY-X", "CNRY-COUNCIL-1",
                     "CNRY-ICB-2", "CNRY-TITLE-X")
SKIPPED_FIELDS = {"password", "name", "short_name", "full_name", "reference", "number", "code",
                  "section", "key", "sha256", "secret_hash", "filename", "content_type",
                  "evidence_filename", "evidence_content_type", "object_id", "object_repr",
                  "path", "attempt", "ons_code", "panel_reference"}


APPS = ("partnership", "governance", "agencies", "reviews", "funding", "scrutiny",
        "arrangements")


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def free_text_fields(model):
    return [f.name for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
            and not isinstance(f, (models.EmailField, models.SlugField, models.URLField))
            and (f.name not in SKIPPED_FIELDS
                 or f.name in canary_records.EXTRA_FIELDS.get(label(model), ()))]


class Canaries(dict):
    """token -> the set of people (of WHO) who may see it; `models`: the models filled."""

    models = frozenset()

    def fill(self, obj, audience, *, platform=False):
        """A canary in every free-text field of `obj` (written directly: these are plain
        text, which no service checks beyond its length)."""
        values = {}
        self.models = self.models | {label(type(obj))}
        for name in free_text_fields(type(obj)):
            token = f"CNRY-K{len(self):03d}X"
            self[token] = {*audience, *((SUPERUSER,) if platform else ())}
            values[name] = token
        if values:
            type(obj).objects.filter(pk=obj.pk).update(**values)
        return values


def plant(c):
    canary_records.matrix_records(c, CASES)
    found = Canaries({token: set(allowed) for token, allowed in CANARIES.items()})
    child = {canary_records.GRANTEE}  # the one person with a current case grant
    found["CNRY-CHILD-NAME"] = child
    for token in PLATFORM_CANARIES:
        found[token].add(SUPERUSER)
    # The core: partnership set-up, which platform staff may see in the admin.
    for obj in (c.p1.designations.get(agency=c.agency_a), *c.p1.local_authority_areas.all(),
                ClosureDay.objects.create(partnership=c.p1, date=datetime.date(2025, 12, 24),
                                          reason="closed")):
        found.fill(obj, P1_VISIBLE, platform=True)
    found.fill(c.lead_a_membership, (*P1_BU, *A_STAFF), platform=True)
    # Governance: P1's executive, its meeting, public and confidential business.
    found.fill(c.exec_group, GROUP_EXEC)
    for seat in (c.seat_lsp, c.seat_dsp, c.seat_a, c.seat_icb):
        found.fill(seat, GROUP_EXEC)
    meeting_fields = found.fill(c.meeting1, GROUP_EXEC)
    found[meeting_fields["minutes"]] = set(CONFIDENTIAL)  # draft minutes
    found.fill(c.item_public, GROUP_EXEC)
    found.fill(c.paper_public, GROUP_EXEC)
    found.fill(c.item_conf, CONFIDENTIAL)
    found.fill(c.paper_conf, CONFIDENTIAL)
    found.fill(meetings.decision_add(meeting=c.meeting1, text="x", item=c.item_public),
               GROUP_EXEC)
    found.fill(meetings.decision_add(meeting=c.meeting1, text="x", item=c.item_conf),
               CONFIDENTIAL)
    found.fill(meetings.declaration_add(meeting=c.meeting1, person="x", interest="x",
                                        item=c.item_conf), CONFIDENTIAL)
    found.fill(c.action_a, (*P1_ROLES, *A_STAFF))
    # A P1 group shared with P2 (a child death overview panel): P2's business unit sees its
    # public business; its confidential business is for P1's business unit and its members
    # (lead_x of P2 has a seat).
    panel = groups.group_create(partnership=c.p1, shared_with=[c.p2], name="Shared panel",
                                group_type="subgroup", frequency="quarterly", purpose="x")
    groups.member_add(group=panel, user=c.lead_x, agency=c.agency_x, role_label="x")
    panel_meeting = meetings.meeting_create(
        group=panel, starts_at=datetime.datetime(2025, 6, 10, 10, 0, tzinfo=datetime.UTC))
    Meeting.objects.filter(pk=panel_meeting.pk).update(status="held")  # it took place
    shared = (*P1_ROLES, "bu_p2", "lead_x")
    shared_confidential = (*P1_BU, "lead_x")
    public = meetings.item_add(meeting=panel_meeting, title="x")
    secret = meetings.item_add(meeting=panel_meeting, title="x", confidential=True)
    for obj, audience in ((panel, shared), (panel_meeting, shared), (public, shared),
                          (secret, shared_confidential),
                          (meetings.decision_add(meeting=panel_meeting, text="x", item=public),
                           shared),
                          (meetings.decision_add(meeting=panel_meeting, text="x", item=secret),
                           shared_confidential)):
        found.fill(obj, audience)
    c.panel_meeting = panel_meeting
    # Section 11: agency A's draft return and the cycle that asked for it.
    found.fill(c.return_a, (*P1_BU, *A_STAFF))
    found.fill(c.return_a.answers.get(), (*P1_BU, *A_STAFF))
    # Reviews: the case, its rapid review, the child's identity, the two draft summaries.
    case_fields = found.fill(c.case1, (*P1_ROLES, "lead_a", "lead_police"))
    found[case_fields["summary"]] = {*P1_BU, *child}  # what happened: as the children's
    found.fill(c.review1, P1_ROLES)
    found.fill(c.summary_a, CANARIES["CNRY-SUMMARY-A"])
    found.fill(c.summary_police, CANARIES["CNRY-SUMMARY-POLICE"])
    # Funding: the year's notes and variance reason are the whole budget's (P1's roles).
    found.fill(c.year1, P1_ROLES)
    found.fill(c.contribution_a, (*P1_ROLES, "lead_a", "chief_a"))
    found.fill(c.line1, P1_ROLES)
    # Scrutiny.
    for obj in (c.activity1, c.finding1, c.section1, c.challenge_council):
        found.fill(obj, P1_ROLES)
    found.fill(c.challenge_police, (*P1_ROLES, "lead_police"))
    found.fill(c.dataset_a, (*P1_ROLES, *A_STAFF))
    found.fill(c.dataset_police, CANARIES["CNRY-DSET-POLICE"])
    found.fill(c.response_a.answers.get(question=c.question_text), (*P1_ROLES, "lead_a"))
    for narrative in c.report1.narratives.all():
        found.fill(narrative, P1_ROLES)
    # An API token: the token itself is never shown, to anyone (it was given once, when
    # made), nor its hash; its name only to its owner, on their API access page (which shows
    # its first 8 characters, and so not the whole of the canary in them).
    token, key = api_tokens.token_create(user=c.lead_police, name="CNRY-API-TOKEN-NAME")
    found[key] = set()
    found["CNRY-API-TOKEN-NAME"] = {"lead_police"}
    found.fill(token, ())
    # The models the cast has no P1 or agency A record of (tests/canary_records.py).
    canary_records.add(c, found, who_sees_child=child)
    return found


# Routes that show no partnership data (sign-in, password reset, the API's schema).
NO_DATA = {"login", "logout", "signed-out", "accessibility", "healthz", "metrics", "readyz",
           "password_reset",
           "password_reset_done", "password_reset_confirm", "password_reset_complete",
           "invitation-accept", "invitation-complete", "api-schema", "api-docs"}
# Matrix cases that probe one tenant's record through another's address, a missing record
# or bad input: the matrix itself checks them (with the cast's canaries); they hold none of
# the crawl's records.
PROBES = ("missing", "invalid", "via", "P2", "X ", "not a number", "bad", "unknown")
# ... except the police's shared Section 11 return, seen through P1: a P1 record.
P1_RECORDS = ("police via P1",)


def urls(c):
    """Every GET the matrix makes of an existing record of P1, and P1's governance lists
    with P2's address too (where the P1 group shared with P2 shows). Other lists at P2's
    address show none of P1's records: the matrix checks them with the cast's canaries."""
    found = []
    for case in CASES:
        if (case.method != "get" or case.name in NO_DATA
                or (any(probe in case.note for probe in PROBES)
                    and case.note not in P1_RECORDS)):
            continue
        kwargs = case.kwargs(c) if case.kwargs else {}
        try:
            found.append(reverse(case.name, kwargs=kwargs) + case.query.format(p1=c.p1.pk))
            if kwargs == {"slug": c.p1.slug} and case.name.startswith("governance:"):
                found.append(reverse(case.name, kwargs={"slug": c.p2.slug})
                             + case.query.format(p1=c.p1.pk))
        except NoReverseMatch:
            continue
    for slug in (c.p1.slug, c.p2.slug):
        found.append(reverse("governance:meeting-detail", args=[slug, c.panel_meeting.pk]))
        found.append(reverse("governance:meeting-ics", args=[slug, c.panel_meeting.pk]))
    found.append(reverse("governance:api-meeting-detail", args=[c.panel_meeting.pk]))
    found.append(reverse("scrutiny:api-report-pdf", args=[c.report1.pk]))
    found.extend(canary_records.urls(c))
    return list(dict.fromkeys(found))


ADMIN_RECORDS = 5


def admin_urls(c):
    """The platform admin: each model's list, a search, and its 5 latest records' pages."""
    found = [reverse("admin:index")]
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        found.append(reverse(f"{prefix}_changelist"))
        found.append(reverse(f"{prefix}_changelist") + "?q=CNRY")
        records = model._default_manager.all()
        if model is LogEntry:
            records = records.filter(changes__icontains="CNRY")
        for pk in list(records.order_by("-pk").values_list("pk", flat=True)[:ADMIN_RECORDS]):
            try:
                found.append(reverse(f"{prefix}_change", args=[pk]))
            except NoReverseMatch:
                break
    found.append(reverse("admin:partnership_agency_delete", args=[c.agency_a.pk]))
    found.append(reverse("admin:partnership_user_delete", args=[c.lead_police.pk]))
    return found


def text_of(response):
    content = b"".join(response.streaming_content) if response.streaming else response.content
    text = content.decode(errors="replace")
    if response.get("Content-Type", "").startswith("application/pdf"):
        try:  # a rendered report (the cast's papers are stubs, read as they are)
            reader = pypdf.PdfReader(io.BytesIO(content))
            text += "\n".join(page.extract_text() for page in reader.pages)
        except pypdf.errors.PdfReadError:
            pass
    if response.get("Content-Type", "").startswith(DOCX_TYPE):  # the minutes as Word
        document = docx.Document(io.BytesIO(content))
        parts = [*document.paragraphs, *document.sections[0].header.paragraphs]
        text += "\n".join(p.text for p in parts)
    return text


@pytest.mark.django_db
def test_no_canary_reaches_anyone_who_may_not_see_it(cast, settings):
    canaries = plant(cast)
    version = report_render.render_request(report=cast.report1, queue=False)
    report_render.render_run(version.pk)
    superuser = User.objects.create_user("platform@cast.example", "irrelevant-password-1",
                                         full_name="Platform", is_staff=True, is_superuser=True)
    people = {**cast.users, SUPERUSER: superuser}
    # With second factors enforced: those who must have one have an app and signed in with it.
    settings.MFA_ENFORCED = True
    devices = {who: second_factor_set_up(user) for who, user in people.items()
               if user is not None and mfa_required(user)}
    pages = urls(cast)
    failures, seen = [], set()
    for who in WHO:
        client = Client(raise_request_exception=False)  # a 500 is a finding, not the end
        if people[who] is not None:
            client.force_login(people[who], backend="django.contrib.auth.backends.ModelBackend")
        if who in devices:
            signed_in_with_second_factor(client, people[who], devices[who])
        for url in pages + (admin_urls(cast) if who == SUPERUSER else []):
            response = client.get(url)
            if response.status_code >= 500:
                failures.append(f"{who} {url}: {response.status_code}")
                continue
            body = text_of(response)
            for token in [t for t in canaries if t in body]:
                seen.add(token)
                if who not in canaries[token]:
                    failures.append(f"{who} {url}: saw {token}")
    assert not failures, f"{len(failures)} leaks:\n" + "\n".join(failures[:200])
    # The crawl means something only if the canaries do reach the pages.
    unseen = {t for t, allowed in canaries.items() if allowed - {SUPERUSER}} - seen
    assert len(unseen) < len(canaries) / 4, sorted(unseen)


@pytest.mark.django_db
def test_every_free_text_model_has_a_canary(cast):
    """A model with free text that the crawl plants no canary in fails, unless
    tests/canary_records.py excludes it, with its reason."""
    covered = plant(cast).models | canary_records.PLANTED_BY_CAST
    with_text = {label(model) for name in APPS for model in apps.get_app_config(name).get_models()
                 if free_text_fields(model) and not model._meta.proxy}
    missing = with_text - covered - canary_records.EXCLUDED
    assert not missing, f"models with free text and no canary in the crawl: {sorted(missing)}"
    stale = canary_records.EXCLUDED - with_text
    assert not stale, f"excluded models with no free text (or gone): {sorted(stale)}"
