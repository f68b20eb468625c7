"""Role x route cases: a challenge about a dashboard indicator with files on it and on its
responses (see tests/matrix.py for the helpers and rules).

`files(c)`, made on first use: a challenge of P1 raised by the scrutineer about "Actions
overdue" in 2025/26, with a file, addressed to the police and the council; the police's lead
responded with a file, and the business unit on the council's behalf with another, so it
waits for a judgement. A file downloads for whoever sees what it is on: the challenge's and
the police response's for P1's roles and the police's lead; the council response's for P1's
roles only (404 for the police's lead, as for a missing file)."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from partnership import periods, uploads
from scrutiny.services import challenges

from .cast import P1_BU, P1_ROLES
from .matrix import Case, expect

POLICE_CHALLENGE = (*P1_ROLES, "lead_police")
JUDGES = (*P1_BU, "scrutineer")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pdf(name):
    return uploads.check_upload(SimpleUploadedFile(name, PDF, content_type="application/pdf"))


def files(c):
    if not hasattr(c, "challenge_files"):
        challenge = challenges.challenge_raise(
            partnership=c.p1, raised_by=c.scrutineer, subject="Overdue actions",
            detail="Why so many?", agencies=[c.police, c.council1],
            raised_on=datetime.date(2025, 10, 1), indicator="actions_overdue",
            period=periods.parse("2025/26"), attachment=pdf("audit.pdf"))
        police = challenges.response_record(challenge=challenge, agency=c.police,
                                            user=c.lead_police, response="A plan",
                                            attachment=pdf("plan.pdf"))
        council = challenges.response_record(challenge=challenge, agency=c.council1,
                                             user=c.bu_officer, response="Ours",
                                             on_behalf=True, attachment=pdf("council.pdf"))
        c.challenge_files = challenge
        c.file_raised = challenge.attachments.get(addressee=None)
        c.file_police, c.file_council = police.attachments.get(), council.attachments.get()
    return c.challenge_files


def file(name):
    def kwargs(c):
        files(c)
        return {"slug": c.p1.slug, "pk": c.challenge_files.pk,
                "file_pk": getattr(c, name).pk}
    return kwargs


def detail(c):
    return {"slug": c.p1.slug, "pk": files(c).pk}


CASES = [
    Case("scrutiny:challenge-detail", expect(POLICE_CHALLENGE), kwargs=detail,
         note="with files"),
    Case("scrutiny:challenge-judge",
         expect(JUDGES, forbidden=("lsp", "dsp", "chair", "lead_police")), kwargs=detail,
         note="answered"),
    Case("scrutiny:challenge-create", expect(P1_ROLES, forbidden=("lead_police",)),
         kwargs=lambda c: {"slug": c.p1.slug}, query="?indicator=actions_overdue&period=2025/26",
         note="from an indicator"),
    Case("scrutiny:challenge-attachment", expect(POLICE_CHALLENGE), kwargs=file("file_raised"),
         note="the challenge's file"),
    Case("scrutiny:challenge-attachment", expect(POLICE_CHALLENGE), kwargs=file("file_police"),
         note="the police's response"),
    Case("scrutiny:challenge-attachment", expect(P1_ROLES), kwargs=file("file_council"),
         note="the council's response"),
    Case("scrutiny:challenge-attachment", expect(()),
         kwargs=lambda c: {**file("file_raised")(c), "file_pk": 999999}, note="missing"),
    Case("scrutiny:challenge-attachment", expect(()),
         kwargs=lambda c: {**file("file_raised")(c), "slug": c.p2.slug}, note="P1's via P2"),
    Case("scrutiny:challenge-attachment", expect(()),
         kwargs=lambda c: {"slug": c.p1.slug, "pk": c.challenge_police.pk,
                           "file_pk": file("file_raised")(c)["file_pk"]},
         note="another challenge's file via P1's police challenge"),
]
