"""docs/benchmarks.md from scripts/bench's figures, each beside its target (issue 14)."""

MEDIAN_MS, SIZE_KIB = 150, 500
HEALTHZ_P95_MS, LOAD_SHARE = 100, 0.40
REPORT_RATIO, REPORT_MIB = 1.5, 400
PICKER_MAX = 201  # 200 choices and the empty "Choose" option
OPERATIONS = {"grants sync": 1, "nightly": 60, "open a cycle": 1}
PERSONAS = {"manager": "Business unit manager", "national_lead": "CAFCASS agency lead "
            "(an agency in every partnership)", "scrutineer": "Independent scrutineer"}


def mark(ok):
    return "n/a" if ok is None else ("pass" if ok else "**FAIL**")


def compare(results, old):
    """Each query count against the same page's in an earlier run (another factor)."""
    before = {(persona, row["label"]): row["queries"] for persona, data in old["personas"].items()
              for row in data["rows"]}
    results["compared_with"] = old["counts"]
    for persona, data in results["personas"].items():
        for row in data["rows"]:
            row["queries_before"] = before.get((persona, row["label"]))


def render(results, argv):
    c = results["counts"]
    factor = c["Agency"] / 415
    lines = [
        "# Benchmarks at national scale",
        "",
        f"Measured {results['date']} on {results['machine']}, against a deployment made by "
        f"`manage.py generate_scale` at factor ~{factor:.0f} ({c['Partnership']} partnerships, "
        f"{c['Agency']:,} agencies, {c['Return']:,} Section 11 returns, {c['Request']:,} "
        f"requests, {c['Attendance']:,} attendance rows, {c['Action']:,} actions, "
        f"{c['AgencyGroupObjectPermission']:,} agency permission rows). Pages are those of "
        f"`{results['partnership']}`; API lists are unfiltered (every partnership the person "
        f"serves). Median of {results['runs']} runs after one counted run (Django test client, "
        "in process, DEBUG off). A load average above the number of cores means other work "
        "shared the machine and every time is inflated.",
        "",
        "Regenerate (see README, \"Benchmark at national scale\"):",
        "",
        "    DATABASE_URL=postgres://app:app@127.0.0.1:5432/bench "
        f"scripts/bench {argv}".rstrip(),
        "",
        f"Targets (issue 14, at 100x): median <= {MEDIAN_MS} ms, response <= {SIZE_KIB} KiB, "
        "query count the same at every factor (column 'before': the same page in the run "
        "compared with, if any). The floor is `/healthz`: "
        f"{results['healthz']['median'] * 1000:.1f} ms median, "
        f"{results['healthz']['queries']} queries. 'x admin' is the median over that of the "
        "Django admin changelist of the same model (100 rows a page, all partnerships).",
    ]
    if "compared_with" in results:
        old = results["compared_with"]
        lines += ["", f"'before' is from the run compared with: {old['Partnership']} "
                  f"partnerships, {old['Agency']:,} agencies, {old['Return']:,} returns."]
    for persona, data in results["personas"].items():
        lines += ["", f"## {PERSONAS[persona]}: `{data['email']}`", "",
                  "| page | status | queries | before | median ms | x healthz | x admin "
                  "| KiB | result |", "|---|---|---|---|---|---|---|---|---|"]
        for row in data["rows"]:
            lines.append(_row(row))
    lines += _rest(results)
    return "\n".join(lines) + "\n"


def _row(row):
    ms, kib = row["median"] * 1000, row["size"] / 1024
    before = row.get("queries_before")
    if row["status"] != 200:
        result = "no access" if row["status"] in (302, 403, 404) else "**FAIL**"
    else:
        fails = [what for what, bad in (("time", ms > MEDIAN_MS), ("size", kib > SIZE_KIB),
                                        ("queries", before is not None
                                         and before != row["queries"])) if bad]
        result = "**FAIL** " + ", ".join(fails) if fails else "pass"
    admin = f"{row['vs_admin']:.1f}" if row.get("vs_admin") else "-"
    return (f"| {row['label']} | {row['status']} | {row['queries']} | "
            f"{'-' if before is None else before} | {ms:.0f} | {row['vs_healthz']:.0f} | "
            f"{admin} | {kib:.0f} | {result} |")


def _forms(results):
    if not results.get("forms"):
        return []
    lines = ["", "## Form pages that add a record (business unit manager)", "",
             f"Target: median <= {MEDIAN_MS} ms, response <= {SIZE_KIB} KiB, no picker (a "
             f"select, or checkboxes of one name) of more than {PICKER_MAX} choices.", "",
             "| page | status | queries | median ms | KiB | largest picker | result |",
             "|---|---|---|---|---|---|---|"]
    for row in results["forms"]:
        ms, kib = row["median"] * 1000, row["size"] / 1024
        if row["status"] != 200:
            result = "no access" if row["status"] in (302, 403, 404) else "**FAIL**"
        else:
            fails = [what for what, bad in (("time", ms > MEDIAN_MS), ("size", kib > SIZE_KIB),
                                            ("picker", row["picker"] > PICKER_MAX)) if bad]
            result = "**FAIL** " + ", ".join(fails) if fails else "pass"
        lines.append(f"| {row['label']} | {row['status']} | {row['queries']} | {ms:.0f} | "
                     f"{kib:.0f} | {row['picker']} | {result} |")
    return lines


def _rest(results):
    lines = _forms(results) + [
        "", "## Operations (each rolled back)", "",
        "| operation | seconds | queries | target s | result |", "|---|---|---|---|---|"]
    for label, done in results["operations"].items():
        target = next(t for key, t in OPERATIONS.items() if key in label)
        lines.append(f"| {label} | {done['seconds']:.2f} | {done['queries']} | {target} | "
                     f"{mark(done['seconds'] <= target)} |")
    con = results["concurrent"]
    lines += ["", "## Eight requests at once (gunicorn, 4 workers)", "",
              f"{con['clients']} requests to `{con['path']}` (the slowest page above) at once: "
              f"they took {', '.join(f'{s} s' for s in con['heavy_seconds'])} "
              f"(statuses {con['statuses']}); `/healthz` meanwhile, "
              f"{con['healthz_samples']} samples: p95 {con['healthz_p95'] * 1000:.0f} ms "
              f"(target < {HEALTHZ_P95_MS} ms): {mark(con['healthz_p95'] * 1000 < HEALTHZ_P95_MS)}."]
    if "load" in results:
        floor, load = results["load_floor"], results["load"]
        share = load["rate"] / floor["rate"]
        p95 = f"{load['p95']:.2f} s" if load["p95"] is not None else "-"
        lines += ["", "## 50 signed-in users for 60 s (gunicorn, 4 workers)", "",
                  f"Floor: `/healthz` by 50 clients, {floor['rate']:.0f} requests/s. The three "
                  f"personas' pages in turn: {load['rate']:.1f} requests/s ({share:.3f} of the "
                  f"floor, target >= {LOAD_SHARE}), p95 {p95}, {load['errors']} errors (target "
                  f"0): {mark(share >= LOAD_SHARE and load['errors'] == 0)}."]
    else:
        lines += ["", "The 50-user load test was not run (scripts/bench --load)."]
    report = results["report"]
    lines += ["", "## Yearly report", ""]
    if "error" in report:
        lines.append(f"The render failed: {report['error']}")
    else:
        ratio = report.get("ratio")
        lines.append(
            f"Period {report['period']}: {report['pages']} pages, {report['bytes'] / 2**20:.1f} "
            f"MiB. Whole render (sections, HTML, PDF) {report['total_seconds']:.1f} s, of which "
            f"WeasyPrint's HTML to PDF {report['pdf_seconds']:.1f} s; Chromium's print of the "
            f"same HTML {report['chromium_seconds']:.1f} s (process start included): ratio "
            f"{ratio:.2f} (target <= {REPORT_RATIO}): {mark(ratio <= REPORT_RATIO)}. Peak "
            f"memory of the rendering process {report['peak_rss_mib']:.0f} MiB (target <= "
            f"{REPORT_MIB}): {mark(report['peak_rss_mib'] <= REPORT_MIB)}." if ratio else
            f"Whole render {report['total_seconds']:.1f} s (no Chromium found).")
    return lines
