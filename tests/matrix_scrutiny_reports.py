"""Role x route cases: the yearly report (see tests/matrix.py for the helpers and rules).

report1 is P1's draft: only P1's readers of scrutiny see it. report_pub is P1's published
report: P1's agency staff (and the police lead) see it too, but only its final versions;
its draft versions answer 404 to them. report_p2 is P2's, never reachable through P1. The
business unit prepares reports (others who see them get 403); only a lead safeguarding
partner signs off (lsp, for the council); a delegated partner recommends sign-off (dsp, for
the police), never signs. Ready versions are stored directly here (a tiny file): rendering
belongs to test_yearly_report.py.
"""

from django.core.files.base import ContentFile

from scrutiny.models import RenderStatus, ReportVersion

from .cast import A_STAFF, P1_BU, P1_ROLES
from .matrix import SIGNED_IN, Case, api, expect

P1_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
PUBLISHED = (*P1_ROLES, *A_STAFF, "lead_police")  # who sees P1's published report
NOT_LEAD = (*P1_BU, "dsp", "chair", "scrutineer")
NOT_DELEGATED = (*P1_BU, "lsp", "chair", "scrutineer")


def _version(c, report, draft):
    """A ready version of `report` (made once per cast)."""
    key = f"version_{report.pk}_{draft}"
    if key not in c.__dict__:
        number = report.versions.count() + 1
        version = ReportVersion(report=report, number=number, draft=draft,
                                status=RenderStatus.READY, progress=100)
        version.file.save(f"matrix-{report.pk}-{number}.pdf", ContentFile(b"%PDF-1.7 matrix"),
                          save=False)
        version.size = 15
        version.save()
        c.__dict__[key] = version
    return c.__dict__[key]


def report(name, **more):
    return lambda c: {"slug": c.p1.slug, "pk": getattr(c, name).pk, **more}


def p2_via_p1(c, **more):
    return {"slug": c.p1.slug, "pk": c.report_p2.pk, **more}


def download(name, draft):
    def kwargs(c):
        r = getattr(c, name)
        return {"slug": c.p1.slug, "pk": r.pk, "number": _version(c, r, draft).number}
    return kwargs


def bu(name, kwargs, method="get", data=None, note="", code=200, overrides=None):
    return Case(name, expect(P1_BU, forbidden=P1_NOT_BU, code=code, overrides=overrides),
                kwargs=kwargs, method=method, data=data, note=note)


def date(name, day, month, year):
    return {f"{name}_0": str(day), f"{name}_1": str(month), f"{name}_2": str(year)}


def api_id(name):
    return lambda c: {"pk": getattr(c, name).pk}


def api_pdf(name, draft):
    def kwargs(c):
        r = getattr(c, name)
        _version(c, r, draft)
        return {"pk": r.pk}
    return kwargs


REQUEST = {"period_start": "2023-04-01", "period_end": "2024-03-31"}

CASES = [
    # The list: everyone taking part in P1 (agency staff see published reports only)
    Case("scrutiny:report-list", expect(PUBLISHED), kwargs=lambda c: {"slug": c.p1.slug}),
    Case("scrutiny:report-list", expect(("bu_p2", "lead_x", "lead_police")),
         kwargs=lambda c: {"slug": c.p2.slug}, note="P2"),
    # Starting a report
    bu("scrutiny:report-create", lambda c: {"slug": c.p1.slug}),
    bu("scrutiny:report-create", lambda c: {"slug": c.p1.slug}, "post",
       {**date("period_start", 1, 4, 2023), **date("period_end", 31, 3, 2024)}, code=302,
       overrides={"bu_officer": 200}, note="second time: already exists"),
    bu("scrutiny:report-create", lambda c: {"slug": c.p1.slug}, "post",
       {**date("period_start", 1, 4, 2023), **date("period_end", 1, 3, 2023)}, note="invalid"),
    # The report's page, and the report as a web page
    Case("scrutiny:report-detail", expect(P1_ROLES), kwargs=report("report1"), note="draft"),
    Case("scrutiny:report-detail", expect(PUBLISHED), kwargs=report("report_pub"),
         note="published"),
    Case("scrutiny:report-detail", expect(()), kwargs=p2_via_p1, note="P2 via P1"),
    Case("scrutiny:report-detail", expect(()), kwargs=lambda c: {"slug": c.p1.slug, "pk": 999999},
         note="missing"),
    Case("scrutiny:report-html", expect(P1_ROLES), kwargs=report("report1"), note="draft"),
    Case("scrutiny:report-html", expect(PUBLISHED), kwargs=report("report_pub"), note="published"),
    Case("scrutiny:report-html", expect(()), kwargs=p2_via_p1, note="P2 via P1"),
    # Generating a version
    bu("scrutiny:report-render", report("report1"), "post", code=302),
    Case("scrutiny:report-render", expect(()), kwargs=p2_via_p1, method="post", note="P2 via P1"),
    bu("scrutiny:report-render", report("report_pub"), "post", code=302,
       note="published: a final version; agency staff get 404"),
    # Narratives
    bu("scrutiny:report-narrative", report("report1", section="impact")),
    bu("scrutiny:report-narrative", report("report1", section="impact"), "post",
       {"text": "Better **outcomes**"}, code=302),
    bu("scrutiny:report-narrative", report("report_pub", section="impact"), "post",
       {"text": "Too late"}, note="published: no more changes"),
    Case("scrutiny:report-narrative", expect((), forbidden=P1_NOT_BU),
         kwargs=report("report1", section="no-such-section"), note="missing section"),
    Case("scrutiny:report-narrative", expect(()), kwargs=lambda c: p2_via_p1(c, section="impact"),
         method="post", data={"text": "Taken over"}, note="P2 via P1"),
    # Sign-off: only the lead partner, for their own agency; the delegated partner recommends
    Case("scrutiny:report-sign-off", expect(("lsp",), forbidden=NOT_LEAD), kwargs=report("report1")),
    Case("scrutiny:report-sign-off", expect(("lsp",), forbidden=NOT_LEAD, code=302),
         kwargs=report("report1"), method="post", data=lambda c: {"partner": c.council1.pk},
         note="the council"),
    Case("scrutiny:report-sign-off", expect(("lsp",), forbidden=NOT_LEAD),
         kwargs=report("report1"), method="post", data=lambda c: {"partner": c.police.pk},
         note="the police: not lsp's to sign (field error)"),
    Case("scrutiny:report-sign-off", expect((), forbidden=P1_ROLES), kwargs=report("report_pub"),
         note="published: nothing left to sign"),
    Case("scrutiny:report-sign-off", expect(()), kwargs=p2_via_p1, method="post",
         data=lambda c: {"partner": c.police.pk}, note="P2 via P1"),
    Case("scrutiny:report-recommend", expect(("dsp",), forbidden=NOT_DELEGATED),
         kwargs=report("report1")),
    Case("scrutiny:report-recommend", expect(("dsp",), forbidden=NOT_DELEGATED, code=302),
         kwargs=report("report1"), method="post", data=lambda c: {"partner": c.police.pk},
         note="the police"),
    Case("scrutiny:report-recommend", expect(()), kwargs=p2_via_p1, method="post",
         data=lambda c: {"partner": c.police.pk}, note="P2 via P1"),
    # Publication
    bu("scrutiny:report-publication", report("report1")),
    bu("scrutiny:report-publication", report("report1"), "post",
       date("published_on", 1, 7, 2026), note="not signed off yet"),
    Case("scrutiny:report-publication", expect(()), kwargs=p2_via_p1, method="post",
         data=date("published_on", 1, 7, 2026), note="P2 via P1"),
    # Downloads: drafts for readers of scrutiny only
    Case("scrutiny:report-download", expect(P1_ROLES), kwargs=download("report1", True),
         note="draft"),
    Case("scrutiny:report-download", expect(PUBLISHED), kwargs=download("report_pub", False),
         note="published, final"),
    Case("scrutiny:report-download", expect(P1_ROLES), kwargs=download("report_pub", True),
         note="published report's draft version"),
    Case("scrutiny:report-download", expect(()),
         kwargs=lambda c: {**p2_via_p1(c), "number": _version(c, c.report_p2, True).number},
         note="P2 via P1"),
    # The API
    Case("scrutiny:api-report-create", api(P1_BU, code=202, forbidden=P1_NOT_BU), method="post", json=True,
         data=lambda c: {"partnership": c.p1.pk, **REQUEST}),
    Case("scrutiny:api-report-create", api(("bu_p2",), code=202), method="post", json=True,
         data=lambda c: {"partnership": c.p2.pk, **REQUEST}, note="P2"),
    Case("scrutiny:api-report-create", api(SIGNED_IN, code=400), method="post", json=True,
         data=lambda c: {"partnership": c.p1.pk, "period_start": "2023-04-31",
                         "period_end": "soon"}, note="invalid dates"),
    Case("scrutiny:api-report-create", api(P1_BU, code=400, forbidden=P1_NOT_BU), method="post", json=True,
         data=lambda c: {"partnership": c.p1.pk, "period_start": "2024-04-01",
                         "period_end": "2023-04-01"}, note="period backwards"),
    Case("scrutiny:api-report-create", api(()), method="post", json=True,
         data={"partnership": 999999, **REQUEST}, note="missing partnership"),
    Case("scrutiny:api-report-detail", api(P1_ROLES), kwargs=api_id("report1"), note="draft"),
    Case("scrutiny:api-report-detail", api(PUBLISHED), kwargs=api_id("report_pub"), note="published"),
    Case("scrutiny:api-report-detail", api(("bu_p2",)), kwargs=api_id("report_p2"), note="P2"),
    Case("scrutiny:api-report-detail", api(()), kwargs=lambda c: {"pk": 999999}, note="missing"),
    Case("scrutiny:api-report-pdf", api(P1_ROLES), kwargs=api_pdf("report1", True), note="draft"),
    Case("scrutiny:api-report-pdf", api(PUBLISHED), kwargs=api_pdf("report_pub", False), note="published"),
    Case("scrutiny:api-report-pdf", api(()), kwargs=api_id("report_p2"), note="P2, nothing ready"),
    # The list of a partnership's reports (agency staff: the published ones)
    Case("scrutiny:api-report-create", api(PUBLISHED), query="?partnership={p1}",
         note="list P1"),
    Case("scrutiny:api-report-create", api((), denied=400), note="list without a partnership"),
    Case("scrutiny:api-report-create", api((), denied=400), query="?partnership=one",
         note="list, partnership not a number"),
    Case("scrutiny:api-report-create", api(()), query="?partnership=999999",
         note="list, missing partnership"),
    # Sign-off through the API: the lead partner for their own partner only
    Case("scrutiny:api-report-sign-off", api(("lsp",), code=201, forbidden=NOT_LEAD),
         kwargs=api_id("report1"), method="post", json=True,
         data=lambda c: {"partner": c.council1.pk}, note="the council"),
    Case("scrutiny:api-report-sign-off", api((), forbidden=(*NOT_LEAD, "lsp")),
         kwargs=api_id("report1"), method="post", json=True,
         data=lambda c: {"partner": c.police.pk}, note="the police: not lsp's"),
    Case("scrutiny:api-report-sign-off", api((), forbidden=NOT_LEAD, overrides={"lsp": 400}),
         kwargs=api_id("report1"), method="post", json=True,
         data=lambda c: {"partner": c.agency_a.pk}, note="not a statutory partner"),
    Case("scrutiny:api-report-sign-off", api((), forbidden=NOT_LEAD, overrides={"lsp": 400}),
         kwargs=api_id("report1"), method="post", json=True, data={"partner": "council"},
         note="partner not a number"),
    Case("scrutiny:api-report-sign-off", api((), forbidden=PUBLISHED),
         kwargs=api_id("report_pub"), method="post", json=True,
         data=lambda c: {"partner": c.council1.pk}, note="published: nothing left to sign"),
    Case("scrutiny:api-report-sign-off", api((), forbidden=("bu_p2",)), kwargs=api_id("report_p2"),
         method="post", json=True, data=lambda c: {"partner": c.council2.pk},
         note="P2's report: its business unit is no lead partner"),
    Case("scrutiny:api-report-sign-off", api(()), kwargs=lambda c: {"pk": 999999}, method="post",
         json=True, data=lambda c: {"partner": c.council1.pk}, note="missing"),
]
