"""Role x route cases for the partnership's Word template for minutes (see tests/matrix.py).

P1's business unit uploads, downloads and removes it; P1's other partnership roles get 403,
everyone else 404. A template is made on first use for the download. The upload without a
file is refused and changes nothing; removal succeeds for the business unit."""

import io

from .cast import P1_BU, P1_ROLES
from .matrix import Case, everyone, expect

P1_READERS_NOT_BU = tuple(u for u in P1_ROLES if u not in P1_BU)
BU_ONLY = expect(P1_BU, forbidden=P1_READERS_NOT_BU)


def docx_bytes():
    from docx import Document

    out = io.BytesIO()
    Document().save(out)
    return out.getvalue()


def with_template(c):
    """P1 with a minutes template, made on first use."""
    if "minutes_template" not in c.__dict__:
        from django.core.files.uploadedfile import SimpleUploadedFile

        from governance.services.minutes_template import minutes_template_set
        from partnership.uploads import check_upload

        upload = SimpleUploadedFile("p1-minutes.docx", docx_bytes())
        c.minutes_template = minutes_template_set(partnership=c.p1, checked=check_upload(upload),
                                                  user=c.bu_manager)
    return {"slug": c.p1.slug}


def p1(c):
    return {"slug": c.p1.slug}


CASES = [
    Case("governance:minutes-template", BU_ONLY, kwargs=with_template),
    Case("governance:minutes-template", BU_ONLY, kwargs=p1, method="post", data={},
         note="no file"),
    Case("governance:minutes-template", expect(("bu_p2",)), kwargs=lambda c: {"slug": c.p2.slug},
         note="P2"),
    Case("governance:minutes-template-download", BU_ONLY, kwargs=with_template),
    Case("governance:minutes-template-download", expect(forbidden=P1_READERS_NOT_BU), kwargs=p1,
         note="none uploaded"),
    Case("governance:minutes-template-remove", expect(P1_BU, code=302,
                                                      forbidden=P1_READERS_NOT_BU),
         kwargs=with_template, method="post", data={}),
    Case("governance:minutes-template-remove", everyone(405, anon=302), kwargs=p1,
         note="GET is refused"),
]
