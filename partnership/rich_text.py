"""The one Markdown sanitiser: every place the portal shows Markdown written by its users (the
scrutineer's report sections, the yearly report's narratives, on the web page and in the PDF)
turns it into HTML here, and nh3 keeps only the allowlist below. Text formatting, lists,
tables, links and headings under the page's own (h2 to h4) survive; no scripts, styles or h1;
images only from the portal's own static files (the PDF renderer serves nothing else)."""

import re

import markdown
import nh3
from django.utils.safestring import mark_safe

TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
        "table", "thead", "tbody", "tr", "th", "td", "a", "code", "pre", "hr", "img"}
ATTRIBUTES = {"a": {"href"}, "th": {"scope"}, "img": {"src", "alt"}}
URL_SCHEMES = {"https", "http", "mailto"}
OWN_IMAGE = re.compile(r"^/static/(?!.*\.\.)[A-Za-z0-9_./-]+$")


def _keep(tag, attribute, value):
    """nh3's attribute filter: an image's source must be one of the portal's static files."""
    if tag == "img" and attribute == "src":
        return value if OWN_IMAGE.match(value) else None
    return value


def to_html(text):
    """Markdown as sanitised HTML, safe to put in a page or a PDF."""
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return mark_safe(nh3.clean(  # noqa: S308 - cleaned by nh3 with the allowlist above
        html, tags=TAGS, attributes=ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer", attribute_filter=_keep))
