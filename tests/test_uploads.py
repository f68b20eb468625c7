"""Zip-based documents (Word, Excel, OpenDocument) are checked from their directory before any
part is read: an archive that would unpack to far more than its size (a "zip bomb") is refused
without using the memory it asks for (issue 13, defect 13)."""

import io
import tracemalloc
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from partnership import uploads
from partnership.errors import Invalid

ODT = "application/vnd.oasis.opendocument.text"


def _odt(mimetype_bytes=None):
    """An OpenDocument text; with `mimetype_bytes`, its mimetype part is followed by that many
    zeros (packed to about a thousandth of it)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with archive.open("mimetype", "w") as part:
            part.write(ODT.encode())
            zeros = bytes(1024 * 1024)
            for _ in range((mimetype_bytes or 0) // len(zeros)):
                part.write(zeros)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def test_an_ordinary_opendocument_is_accepted():
    checked = uploads.check_upload(SimpleUploadedFile("minutes.odt", _odt()))
    assert (checked.filename, checked.content_type) == ("minutes.odt", ODT)


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    bomb = _odt(mimetype_bytes=120 * 1024 * 1024)  # 120 MB of zeros in about 120 KB
    assert len(bomb) < 300 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(Invalid) as refused:
            uploads.check_upload(SimpleUploadedFile("bomb.odt", bomb))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert refused.value.messages == [
        "The selected file cannot be accepted: a part of it unpacks to far more than its size "
        "(a compressed archive bomb)"]
    assert peak < 5 * 1024 * 1024, f"checking the file allocated {peak} bytes"


def test_an_archive_declaring_more_than_the_unpacked_limit_is_refused(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UNPACKED_BYTES", 64)
    with pytest.raises(Invalid) as refused:
        uploads.check_upload(SimpleUploadedFile("minutes.odt", _odt()))
    assert refused.value.messages[0].startswith(
        "The selected file cannot be accepted: its contents unpack to more than")
