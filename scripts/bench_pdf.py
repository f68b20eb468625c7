"""The yearly report for scripts/bench: rendered the way the Celery job renders it
(scrutiny.services.report_render.build_pdf), in a child process so that its peak memory is
its own, then the same HTML printed by Chromium (headless --print-to-pdf)."""

import io
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = "/usr/bin/chromium"


def child(slug, year, html_path):
    """Runs in the child process (scripts/bench --report-child): prints one JSON line."""
    import pypdf  # a dev dependency
    from django.conf import settings
    from django.utils import timezone

    from governance.selectors.reports import financial_year
    from partnership import pdf
    from partnership.models import Partnership
    from scrutiny.services import report_render, reports

    partnership = Partnership.objects.get(slug=slug)
    start, end = financial_year(year)
    report = reports.report_for_period(partnership=partnership, period_start=start,
                                       period_end=end)
    version = report_render.render_request(report=report, queue=False)
    seen = {}
    render_pdf = report_render.render_pdf

    def timed(html, **options):  # the HTML -> PDF step alone, and its HTML for Chromium
        seen["html"] = html
        began = time.perf_counter()
        made = render_pdf(html, **options)
        seen["pdf_seconds"] = time.perf_counter() - began
        return made

    report_render.render_pdf = timed
    began = time.perf_counter()
    made, _ = report_render.build_pdf(version)
    total = time.perf_counter() - began
    static = (ROOT / "static").as_uri() + "/"
    html = seen["html"].replace(pdf.static_url(""), static).replace(
        "</head>", f'<link rel="stylesheet" href="{static}print/print.css"></head>', 1)
    Path(html_path).write_text(html)
    print(json.dumps({
        "total_seconds": total, "pdf_seconds": seen["pdf_seconds"], "bytes": len(made),
        "pages": len(pypdf.PdfReader(io.BytesIO(made)).pages),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "period": f"{start} to {end}", "debug": settings.DEBUG,
        "generated": str(timezone.localdate())}))


def measure(slug, year, runs=2):
    """{weasyprint figures, chromium_seconds, ratio} for the partnership's yearly report."""
    work = Path(tempfile.mkdtemp(prefix="bench-report-"))
    html = work / "report.html"
    done = subprocess.run(  # noqa: S603 - this Python, our own script
        [sys.executable, str(ROOT / "scripts" / "bench"), "--report-child", slug, str(year),
         str(html)], capture_output=True, text=True, env=os.environ, check=False)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1:] or ["failed"]}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if not Path(CHROMIUM).exists():
        return result | {"chromium_seconds": None}
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        subprocess.run(  # noqa: S603 - the system Chromium
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={work / 'chromium.pdf'}", html.as_uri()],
            capture_output=True, check=False, timeout=600)
        times.append(time.perf_counter() - began)
    result["chromium_seconds"] = statistics.median(times)
    result["ratio"] = result["pdf_seconds"] / result["chromium_seconds"]
    return result
