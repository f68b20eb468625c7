"""/public/<slug>/...: the partnership's public pages, for anyone, signed in or not (the only
pages exempt from sign-in besides the sign-in pages themselves): what was published, and
nothing else. An unknown partnership, an unpublished version, a report not recorded as
published answer 404. The pages use their own layout (templates/public/base.html), without the
signed-in site's navigation."""

import datetime

from django.contrib.auth.decorators import login_not_required
from django.contrib.syndication.views import Feed
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_GET

from partnership.files import file_response
from scrutiny.selectors import reports as report_selectors
from scrutiny.selectors.report_sections import assemble

from .. import permissions, selectors


@login_not_required
@require_GET
def index(request, slug):
    partnership = permissions.public_partnership(slug)
    versions = selectors.published_versions(partnership)
    return render(request, "public/index.html", {
        "partnership": partnership, "arrangements": versions["arrangements"],
        "threshold": versions["threshold"],
        "reports": selectors.published_reports(partnership),
        "reviews": selectors.published_reviews(partnership),
        "briefings": selectors.published_briefings(partnership)})


@login_not_required
@require_GET
def document(request, slug, kind, number):
    partnership = permissions.public_partnership(slug)
    version = permissions.public_version(partnership, kind, number)
    return render(request, "public/document.html", {
        "partnership": partnership, "version": version, "snapshot": version.snapshot,
        "sections": selectors.sections(version),
        "partners": [row for row in selectors.sign_off_rows(version) if row["sign_off"]]})


@login_not_required
@require_GET
def report(request, slug, pk):
    partnership = permissions.public_partnership(slug)
    yearly = permissions.public_report(partnership, pk)
    context = report_selectors.document_context(yearly, assemble(yearly))
    return render(request, "public/report.html", {
        **context, "final": selectors.final_version(yearly)})


@login_not_required
@require_GET
def report_pdf(request, slug, pk):
    partnership = permissions.public_partnership(slug)
    yearly = permissions.public_report(partnership, pk)
    final = selectors.final_version(yearly)
    if final is None:
        raise Http404("No final version of this report")
    return file_response(final.file, filename=final.filename, content_type="application/pdf")


class PublishedFeed(Feed):
    """An Atom feed of what the partnership published."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        return permissions.public_partnership(slug)

    def title(self, partnership):
        return f"{partnership.name}: published documents"

    def link(self, partnership):
        return reverse("arrangements:public-index", args=[partnership.slug])

    def subtitle(self, partnership):
        return ("The safeguarding arrangements, threshold document, yearly reports, practice "
                "reviews and learning briefings the partnership has published.")

    def items(self, partnership):
        index = self.link(partnership)
        return [{**item, "url": item["url"] or index} for item in selectors.feed_items(partnership)]

    def item_title(self, item):
        return item["title"]

    def item_description(self, item):
        return item["description"]

    def item_link(self, item):
        return item["url"]

    def item_guid(self, item):
        return f"{item['url']}#{item['date']:%Y-%m-%d}-{item['title']}"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return datetime.datetime.combine(item["date"], datetime.time(9))


feed = login_not_required(require_GET(PublishedFeed()))
