"""Role x route cases: the published arrangements, the threshold document and the public pages
(arrangements/urls.py; see tests/matrix.py for the helpers and rules).

`docs(c)` makes, on first use: lead safeguarding partners for P1's police and ICB (people
outside the cast's USERS: the cast has one lead partner, lsp, for the council); a setting in
P1 and one in P2; P1's arrangements version 1, signed off by the three lead partners and
published; version 2, a draft lsp signed off for the council; a draft version in P2.
P1's partnership roles read the versions, its business unit writes (other roles 403), agency
staff get 404; only lsp signs (the delegated partner and the others get 403). The public pages
answer everyone, anonymous visitors too: 200 for what was published, 404 for anything else.
"""

import datetime

from django.core.files.base import ContentFile

from scrutiny.models import RenderStatus, ReportVersion

from .cast import P1_BU, P1_ROLES, PASSWORD, START, USERS
from .matrix import P1_VISIBLE, SIGNED_IN, Case, api, expect, p1

P1_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
NOT_LSP = tuple(u for u in P1_ROLES if u != "lsp")
TEXTS = {"independent_scrutiny": "Scrutiny by an independent scrutineer.",
         "child_death_review": "A joint child death overview panel."}


def lead(c, agency, email, title):
    from partnership.models import User
    from partnership.services import people

    user = User.objects.create_user(email, PASSWORD, full_name=title)
    return people.membership_create(user=user, partnership=c.p1, agency=agency, title=title,
                                    role="lead_safeguarding_partner", start_date=START)


def leads(c):
    """The lead partner roles of P1's three statutory partners (made once per cast)."""
    if "lead_memberships" not in c.__dict__:
        from partnership.models import PartnershipMembership

        c.lsp_membership = PartnershipMembership.objects.select_related("agency", "user").get(
            user=c.lsp)
        c.lead_memberships = [
            c.lsp_membership,
            lead(c, c.police, "chief.constable@cast.example", "Chief Constable"),
            lead(c, c.icb1, "icb.chief@cast.example", "ICB Chief Executive")]
    return c.lead_memberships


def docs(c):
    if "doc_published" in c.__dict__:
        return c
    from arrangements import services

    leads(c)
    c.setting1 = services.setting_create(partnership=c.p1, name="Hilltop children's home",
                                         kind="childrens_home", area="Northtown")
    c.setting_p2 = services.setting_create(partnership=c.p2, name="Southshire secure home",
                                           kind="secure_childrens_home", area="Southtown")
    c.doc_published = services.version_create(partnership=c.p1, kind="arrangements",
                                              user=c.bu_manager)
    for key, text in TEXTS.items():
        services.section_save(version=c.doc_published, key=key, text=text)
    for membership in c.lead_memberships:
        services.sign_off(version=c.doc_published, membership=membership)
    services.publish(version=c.doc_published, published_on=datetime.date.today(),
                     user=c.bu_manager)
    c.doc_draft = services.version_create(partnership=c.p1, kind="arrangements",
                                          user=c.bu_manager)
    services.sign_off(version=c.doc_draft, membership=c.lsp_membership)
    c.doc_p2 = services.version_create(partnership=c.p2, kind="threshold", user=c.bu_p2)
    return c


def final_pdf(c):
    """A ready final version of P1's published yearly report (a tiny file: rendering belongs
    to the yearly report's tests), made once per cast."""
    if "public_pdf" not in c.__dict__:
        number = c.report_pub.versions.count() + 1
        version = ReportVersion(report=c.report_pub, number=number, draft=False,
                                status=RenderStatus.READY, progress=100, size=15)
        version.file.save(f"public-{number}.pdf", ContentFile(b"%PDF-1.7 public"), save=False)
        version.save()
        c.public_pdf = version
    return c


def version(name, **more):
    return lambda c: {**p1(docs(c)), "pk": getattr(c, name).pk, **more}


def public(**more):
    return lambda c: {"slug": docs(c).p1.slug, **more}


def public_report(name):
    return lambda c: {"slug": c.p1.slug, "pk": getattr(final_pdf(c), name).pk}


READ = expect(P1_ROLES)
WRITE = expect(P1_BU, forbidden=P1_NOT_BU)
SIGN = expect(("lsp",), forbidden=NOT_LSP)
ANYONE = expect(USERS)  # the public pages: everyone, anonymous visitors included
NOBODY = expect((), anon=404)


def write(name, kwargs, code=200, **more):
    return Case(name, expect(P1_BU, forbidden=P1_NOT_BU, code=code), kwargs=kwargs, **more)


CASES = [
    Case("arrangements:list", READ, kwargs=lambda c: p1(docs(c))),
    Case("arrangements:list", expect(("bu_p2",)), kwargs=lambda c: {"slug": docs(c).p2.slug},
         note="P2"),
    write("arrangements:create", p1),
    write("arrangements:create", p1, method="post", data={"kind": "nonsense"}, note="invalid"),
    write("arrangements:create", lambda c: p1(docs(c)), method="post",
          data={"kind": "arrangements"}, note="a draft exists"),
    Case("arrangements:detail", READ, kwargs=version("doc_draft"), note="draft"),
    Case("arrangements:detail", READ, kwargs=version("doc_published"), note="published"),
    Case("arrangements:detail", expect(()), kwargs=version("doc_p2"), note="P2 via P1"),
    write("arrangements:section-edit", version("doc_draft", key="child_death_review")),
    write("arrangements:section-edit", version("doc_published", key="introduction"),
          method="post", data={"text": "Changed"}, note="published: refused"),
    Case("arrangements:section-edit", expect((), forbidden=P1_NOT_BU),
         kwargs=version("doc_draft", key="no-such-section"), note="missing section"),
    write("arrangements:refresh", version("doc_draft"), code=302, method="post"),
    Case("arrangements:refresh", expect(()), kwargs=version("doc_p2"), method="post",
         note="P2 via P1"),
    Case("arrangements:sign-off", SIGN, kwargs=version("doc_draft")),
    Case("arrangements:sign-off", SIGN, kwargs=version("doc_draft"), method="post",
         data={"partner": "999999"}, note="invalid"),
    Case("arrangements:sign-off", SIGN, kwargs=version("doc_draft"), method="post",
         data=lambda c: {"partner": str(c.council1.pk)}, note="already signed"),
    Case("arrangements:sign-off", expect(()), kwargs=version("doc_p2"), method="post",
         data=lambda c: {"partner": str(c.council1.pk)}, note="P2 via P1"),
    write("arrangements:publish", version("doc_draft")),
    write("arrangements:publish", version("doc_draft"), method="post",
          data={"published_on_0": "1", "published_on_1": "4", "published_on_2": "2026"},
          note="not signed by all"),
    write("arrangements:publish", version("doc_draft"), method="post",
          data={"published_on_0": "31", "published_on_1": "2", "published_on_2": "2026"},
          note="invalid"),
    Case("arrangements:settings", READ, kwargs=lambda c: p1(docs(c))),
    write("arrangements:setting-create", p1),
    write("arrangements:setting-create", p1, method="post", data={"name": "", "kind": "x"},
          note="invalid"),
    write("arrangements:setting-edit", version("setting1")),
    write("arrangements:setting-edit", version("setting1"), method="post",
          data={"name": "Renamed", "kind": "nonsense", "area": "Town"}, note="invalid"),
    Case("arrangements:setting-edit", expect((), forbidden=P1_NOT_BU),
         kwargs=version("setting_p2"), note="P2 via P1"),
    Case("arrangements:setting-remove",
         expect(("bu_manager",), code=302, forbidden=P1_NOT_BU, overrides={"bu_officer": 404}),
         kwargs=version("setting1"), method="post", note="the first removes it"),
    Case("arrangements:setting-remove", expect((), forbidden=P1_NOT_BU),
         kwargs=version("setting_p2"), method="post", note="P2 via P1"),
    # The API: drafts for P1's readers, the published version for everyone who sees P1.
    Case("arrangements:api-version-list", api(), kwargs=None),
    Case("arrangements:api-version-list", api(P1_VISIBLE), query="?partnership={p1}",
         note="P1 filter"),
    Case("arrangements:api-version-list", api(SIGNED_IN, code=400), query="?partnership=x1",
         note="not a number"),
    Case("arrangements:api-version-detail", api(P1_ROLES),
         kwargs=lambda c: {"pk": docs(c).doc_draft.pk}, note="draft"),
    Case("arrangements:api-version-detail", api(P1_VISIBLE),
         kwargs=lambda c: {"pk": docs(c).doc_published.pk}, note="published"),
    # The public pages.
    Case("arrangements:public-index", ANYONE, kwargs=public()),
    Case("arrangements:public-index", NOBODY, kwargs=lambda c: {"slug": "no-such-partnership"},
         note="unknown"),
    Case("arrangements:public-feed", ANYONE, kwargs=public()),
    Case("arrangements:public-document", ANYONE,
         kwargs=public(kind="arrangements", number=1), note="published"),
    Case("arrangements:public-document", NOBODY,
         kwargs=public(kind="arrangements", number=2), note="unpublished draft"),
    Case("arrangements:public-document", NOBODY,
         kwargs=lambda c: {"slug": docs(c).p2.slug, "kind": "threshold", "number": 1},
         note="P2 unpublished"),
    Case("arrangements:public-report", ANYONE, kwargs=public_report("report_pub"),
         note="published"),
    Case("arrangements:public-report", NOBODY, kwargs=public_report("report1"),
         note="unpublished draft"),
    Case("arrangements:public-report-pdf", ANYONE, kwargs=public_report("report_pub"),
         note="published"),
    Case("arrangements:public-report-pdf", NOBODY, kwargs=public_report("report1"),
         note="unpublished draft"),
]
