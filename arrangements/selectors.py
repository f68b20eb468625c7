"""Reads of the published documents that are more than a `get`, in a fixed number of
queries: the versions with their status and sign-offs, whether a review is due, and what the
public pages show (only what an explicit publish action put there)."""

from django.db.models import Prefetch
from django.urls import reverse

from partnership import permissions as core
from partnership import rich_text
from partnership.models.dated import today
from reviews.models import LearningBriefing, PracticeReview
from reviews.models.practice import Publication
from scrutiny.models import RenderStatus, ReportVersion, YearlyReport

from .models import SECTIONS, DocumentVersion, Kind, SignOff, one_year_after

DRAFT, SIGNED_OFF, PUBLISHED = "draft", "signed_off", "published"
STATUS_LABELS = {DRAFT: "Draft", SIGNED_OFF: "Signed off", PUBLISHED: "Published"}
REVIEW_DUE = {Kind.ARRANGEMENTS: "The arrangements are due for review",
              Kind.THRESHOLD: "The threshold document is due for review"}


def _sign_offs():
    return Prefetch("sign_offs", queryset=SignOff.objects.select_related("partner", "signed_by")
                    .order_by("education", "signed_at"))


def with_status(versions, statutory_ids):
    """Each version with `status` (draft, signed_off, published) and `status_label`; its
    sign-offs prefetched (`sign_offs`). `statutory_ids`: {partnership id: set of agency ids}."""
    rows = list(versions.select_related("partnership").prefetch_related(_sign_offs()))
    for version in rows:
        signed = {s.partner_id for s in version.sign_offs.all() if not s.education}
        statutory = statutory_ids.get(version.partnership_id, set())
        if version.published_on:
            version.status = PUBLISHED
        elif statutory and statutory <= signed:
            version.status = SIGNED_OFF
        else:
            version.status = DRAFT
        version.status_label = STATUS_LABELS[version.status]
    return rows


def statutory_ids(partnership):
    return {partnership.pk: {a.pk for a in core.statutory_partners(partnership)}}


def versions_in_order(partnership):
    """The partnership's versions, by document then newest first (a list page's rows)."""
    return DocumentVersion.objects.filter(partnership=partnership).order_by(
        "kind", "-number", "pk")


def version_list(versions, partnership):
    """The versions (a queryset, or a page of one) with their status."""
    return with_status(versions, statutory_ids(partnership))


def review_due(partnership, day=None):
    """The warnings for documents whose latest published version is more than 12 months old."""
    day = day or today()
    warnings = []
    for kind in Kind.values:
        latest = (DocumentVersion.objects.filter(partnership=partnership, kind=kind,
                                                 published_on__isnull=False)
                  .order_by("-number").first())
        if latest is not None and day > one_year_after(latest.published_on):
            warnings.append({"kind": kind, "message": REVIEW_DUE[kind], "version": latest})
    return warnings


def sections(version):
    """[{key, heading, asks, required, text, html}] in the kind's order."""
    texts = {s.key: s.text for s in version.sections.all()}
    return [{"key": key, "heading": heading, "asks": asks, "required": required,
             "text": texts.get(key, ""), "html": rich_text.to_html(texts.get(key, ""))}
            for key, heading, asks, required in SECTIONS[version.kind]]


def sign_off_rows(version):
    """[{agency, sign_off}] for the statutory partners, then the education partner's
    signature if there is one."""
    signed = {s.partner_id: s for s in version.sign_offs.select_related("partner", "signed_by")}
    rows = [{"agency": a, "sign_off": signed.pop(a.pk, None)}
            for a in core.statutory_partners(version.partnership)]
    rows += [{"agency": s.partner, "sign_off": s} for s in signed.values()]
    return rows


# --- The public pages ---

def published_versions(partnership):
    """{kind: [published versions, newest first]}."""
    found = {kind: [] for kind in Kind.values}
    for version in (DocumentVersion.objects.filter(partnership=partnership,
                                                   published_on__isnull=False)
                    .select_related("partnership").order_by("-number")):
        found[version.kind].append(version)
    return found


def published_reports(partnership):
    """Yearly reports recorded as published, newest first, each with `final` (the latest
    ready final version with a file, or None)."""
    finals = (ReportVersion.objects.filter(draft=False, status=RenderStatus.READY)
              .exclude(file="").order_by("-number"))
    reports = list(YearlyReport.objects.filter(partnership=partnership, published_on__isnull=False)
                   .select_related("partnership")
                   .prefetch_related(Prefetch("versions", queryset=finals, to_attr="finals"))
                   .order_by("-period_start"))
    for report in reports:
        report.final = report.finals[0] if report.finals else None
    return reports


def final_version(report):
    """The report's latest ready final (not draft) version with a file, or None."""
    return (ReportVersion.objects.filter(report=report, draft=False, status=RenderStatus.READY)
            .exclude(file="").order_by("-number").first())


def published_reviews(partnership):
    """Practice reviews published in full or as their improvements only, newest first."""
    return list(PracticeReview.objects.filter(
        partnership=partnership, published_on__isnull=False,
        publication__in=(Publication.FULL, Publication.IMPROVEMENTS_ONLY))
        .order_by("-published_on", "-pk"))


def published_briefings(partnership):
    return list(LearningBriefing.objects.filter(review__partnership=partnership,
                                                published_on__isnull=False)
                .order_by("-published_on", "-pk"))


def feed_items(partnership):
    """Everything published, newest first: [{title, date, url, description}] (the url is
    the public page, or the review's own published address)."""
    items = []
    for versions in published_versions(partnership).values():
        items += [{"title": f"{v.get_kind_display()}, version {v.number}", "date": v.published_on,
                   "url": v.public_url, "description": ""} for v in versions]
    items += [{"title": f"Yearly report {r.label}", "date": r.published_on,
               "url": public_report_url(r), "description": ""}
              for r in published_reports(partnership)]
    items += [{"title": f"Practice review: {r.title}", "date": r.published_on,
               "url": r.published_url or "", "description": r.get_publication_display()}
              for r in published_reviews(partnership)]
    items += [{"title": f"Learning briefing: {b.title}", "date": b.published_on,
               "url": b.link or "", "description": b.summary}
              for b in published_briefings(partnership)]
    return sorted(items, key=lambda item: item["date"], reverse=True)


def public_report_url(report):
    return reverse("arrangements:public-report",
                   kwargs={"slug": report.partnership.slug, "pk": report.pk})
