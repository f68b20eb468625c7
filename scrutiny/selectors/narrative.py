"""A section's narrative: Markdown written by the business unit, turned into HTML and then
sanitised with nh3 (only text formatting, lists, tables and links survive; no images, no
scripts, no styles), so nothing in it can run in a page or make the PDF renderer fetch."""

import markdown
import nh3

TAGS = {"p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "blockquote", "h3", "h4",
        "table", "thead", "tbody", "tr", "th", "td", "a", "code", "pre", "hr"}
ATTRIBUTES = {"a": {"href"}, "th": {"scope"}}


def to_html(text):
    html = markdown.markdown(text or "", extensions=["tables", "sane_lists"])
    return nh3.clean(html, tags=TAGS, attributes=ATTRIBUTES,
                     url_schemes={"https", "http", "mailto"}, link_rel="noopener noreferrer")
