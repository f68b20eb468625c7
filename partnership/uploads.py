"""Checking uploaded documents (meeting papers, evidence) by their content, not their name.

Accepted: PDF, Word, Excel and OpenDocument text, spreadsheet and presentation files, up to
settings.UPLOAD_MAX_BYTES. The type is decided from the file's first bytes (and, for the
zip-based formats, the parts inside it); the name's extension must agree with it. A
renamed executable or any other file is refused with a message that says why.
"""

import hashlib
import zipfile
from dataclasses import dataclass

from django.conf import settings

from .errors import Invalid

ACCEPTED = "a PDF, Word, Excel or OpenDocument file"

OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc and .xls
ODF = {
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}
OOXML = {
    "word/document.xml": ("docx", "application/vnd.openxmlformats-officedocument"
                                  ".wordprocessingml.document"),
    "xl/workbook.xml": ("xlsx", "application/vnd.openxmlformats-officedocument"
                                ".spreadsheetml.sheet"),
}
EXTENSIONS = {
    "pdf": "application/pdf", "doc": "application/msword", "xls": "application/vnd.ms-excel",
    **{ext: kind for kind, ext in ODF.items()},
    **dict(OOXML.values()),
}


@dataclass(frozen=True)
class CheckedFile:
    file: object
    filename: str
    content_type: str
    size: int
    sha256: str


def _megabytes(size):
    return f"{size // (1024 * 1024)}MB"


# A zip-based document is refused before anything in it is read when its members declare more
# than this unpacked, or when one of them would unpack to more than MAX_RATIO times its packed
# size (real documents stay far below; a "zip bomb" of zeros is ~1000:1).
MAX_UNPACKED_BYTES = 200 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024  # small members (a few KB of repetitive XML) may compress well
MAX_MEMBERS = 10_000
MIMETYPE_BYTES = 100  # an OpenDocument's "mimetype" member is one short line


def _too_big(infos):
    """Why an archive with these members is refused unread, or None."""
    if len(infos) > MAX_MEMBERS:
        return "it holds too many parts"
    if sum(info.file_size for info in infos) > MAX_UNPACKED_BYTES:
        return f"its contents unpack to more than {_megabytes(MAX_UNPACKED_BYTES)}"
    for info in infos:
        if info.file_size > RATIO_FROM_BYTES and info.file_size > MAX_RATIO * max(
                info.compress_size, 1):
            return "a part of it unpacks to far more than its size (a compressed archive bomb)"
    return None


def _zip_kind(upload):
    """The OpenDocument/Office Open XML kinds a zip archive is, read from its directory and
    at most MIMETYPE_BYTES of one member; refuses (Invalid) an archive that would unpack to
    too much, before reading any member."""
    try:
        with zipfile.ZipFile(upload) as archive:
            infos = archive.infolist()
            refusal = _too_big(infos)
            if refusal:
                raise Invalid(f"The selected file cannot be accepted: {refusal}")
            names = {info.filename for info in infos}
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # streamed: never more than read
                    mimetype = member.read(MIMETYPE_BYTES).decode("ascii", "replace").strip()
                if mimetype in ODF:
                    return {ODF[mimetype]}
            return {ext for part, (ext, _) in OOXML.items() if part in names}
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, KeyError, NotImplementedError,
            EOFError, RuntimeError):
        return set()


def _kinds(upload):
    """The extensions the file's content is consistent with."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return {"pdf"}
    if head == OLE2:
        return {"doc", "xls"}
    if head.startswith(b"PK\x03\x04"):
        kinds = _zip_kind(upload)
        upload.seek(0)
        return kinds
    return set()


def check_upload(upload):
    """Validate an uploaded file; returns a CheckedFile or raises Invalid."""
    if upload is None:
        raise Invalid("Select a file")
    limit = settings.UPLOAD_MAX_BYTES
    if upload.size == 0:
        raise Invalid("The selected file is empty")
    if upload.size > limit:
        raise Invalid(f"The selected file must be smaller than {_megabytes(limit)}")
    name = (upload.name or "").rsplit("/", 1)[-1].rsplit("\\", 1)[-1][:200]
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in EXTENSIONS:
        raise Invalid(f"The selected file must be {ACCEPTED}")
    if extension not in _kinds(upload):
        raise Invalid(
            f"The selected file is not really {ACCEPTED}: its content does not match "
            f"its name ({name})")
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    return CheckedFile(file=upload, filename=name, content_type=EXTENSIONS[extension],
                       size=upload.size, sha256=digest.hexdigest())
