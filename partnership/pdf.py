"""HTML to PDF with WeasyPrint, for every app: tagged PDF/UA-1, fonts shipped with the
project (static/fonts, embedded by WeasyPrint), and a renderer that can load nothing but the
project's own static files.

WeasyPrint's own fetcher allows file://, http(s), ftp and data: URLs (security.md §1.17);
`StaticOnlyFetcher` refuses every URL except `STATIC_BASE` + a path that the staticfiles
finders resolve inside the project's static directories, and reads that file itself (no
network, no file:// URL, no path outside the static directories)."""

import logging
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders

# fontTools (every font subset) and WeasyPrint (every layout step, even on import) chatter at
# INFO: only their warnings matter here. Set before WeasyPrint is imported.
for _name in ("fontTools", "weasyprint.progress"):
    logging.getLogger(_name).setLevel(logging.WARNING)

from weasyprint import CSS, HTML  # noqa: E402
from weasyprint.urls import URLFetcher, URLFetcherResponse  # noqa: E402

STATIC_HOST = "static.portal.invalid"  # never resolved: the fetcher answers it itself
STATIC_BASE = f"https://{STATIC_HOST}/"
TYPES = {".css": "text/css", ".ttf": "font/ttf", ".svg": "image/svg+xml", ".png": "image/png",
         ".woff2": "font/woff2"}


class RefusedURL(ValueError):
    pass


def static_path(url):
    """The file in the project's static directories that `url` names, or RefusedURL."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.netloc != STATIC_HOST or parts.query:
        raise RefusedURL(f"Refused to load {url[:80]}: only the project's static files load")
    prefix = "/" + settings.STATIC_URL.strip("/") + "/"
    path = posixpath.normpath(unquote(parts.path))
    if not path.startswith(prefix) or ".." in path.split("/"):
        raise RefusedURL(f"Refused to load {url[:80]}: not a static file")
    relative = path[len(prefix):]
    if Path(relative).suffix.lower() not in TYPES:
        raise RefusedURL(f"Refused to load {url[:80]}: not a stylesheet, font or image")
    found = finders.find(relative)
    if not found:
        raise RefusedURL(f"Refused to load {url[:80]}: no such static file")
    roots = [Path(d).resolve() for d in settings.STATICFILES_DIRS]
    resolved = Path(found).resolve()
    if not any(resolved.is_relative_to(root) for root in roots):
        raise RefusedURL(f"Refused to load {url[:80]}: outside the static directories")
    return resolved


class StaticOnlyFetcher(URLFetcher):
    """Serves the project's static files; refuses everything else (WeasyPrint then leaves
    the resource out and logs a warning)."""

    def __init__(self):
        super().__init__(allowed_protocols=("https",), allow_redirects=False)
        self.refused = []

    def fetch(self, url, headers=None):
        try:
            path = static_path(url)
        except RefusedURL:
            self.refused.append(url)
            raise
        return URLFetcherResponse(url, path.read_bytes(),
                                  {"Content-Type": TYPES[path.suffix.lower()]})


def static_url(name):
    """The address of a static file in HTML that will be rendered to PDF."""
    return STATIC_BASE + settings.STATIC_URL.strip("/") + "/" + name


def render_pdf(html, *, stylesheets=(), fetcher=None):
    """PDF bytes of `html` (a complete document), tagged for accessibility (PDF/UA-1)."""
    fetcher = fetcher or StaticOnlyFetcher()
    document = HTML(string=html, base_url=STATIC_BASE, url_fetcher=fetcher)
    styles = [CSS(url=static_url(name), url_fetcher=fetcher) for name in stylesheets]
    return document.write_pdf(stylesheets=styles, pdf_variant="pdf/ua-1",
                              uncompressed_pdf=False)
