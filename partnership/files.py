"""Reading and writing stored files (uploads, evidence, papers, PDFs) through Django's storage
API, whichever store holds them (partnership/storage.py: the local disk or S3-compatible
object storage).

Downloads are streamed through the portal after the view's own permission check: the file is
opened from the store and sent as an attachment, never as a link to the store. A file the
store no longer has is a 404; a store that does not answer is `Unavailable` (503, try
again), never a 500, for downloads and uploads alike.
"""

import logging

from botocore.exceptions import BotoCoreError, ClientError
from django.http import FileResponse, Http404

from .errors import Unavailable

logger = logging.getLogger(__name__)

# What a store raises when it cannot be read or written: the disk's errors, or the S3 client's.
STORE_ERRORS = (OSError, BotoCoreError, ClientError)
UNAVAILABLE = ("The file store is not answering just now, so the file cannot be {}. "
               "Nothing was changed: try again in a few minutes.")


def file_save(field_file, checked):
    """Store an upload passed through uploads.check_upload as `field_file`'s file (the record
    itself is not saved), with the type its content was found to be, not the one the browser
    claimed."""
    checked.file.content_type = checked.content_type
    try:
        field_file.save(checked.filename, checked.file, save=False)
    except STORE_ERRORS:
        logger.exception("The file store refused to save %s", checked.filename)
        raise Unavailable(UNAVAILABLE.format("saved")) from None


def file_response(field_file, *, filename, content_type):
    """The stored file as a download named `filename`, streamed from the store."""
    handle = None
    try:
        handle = field_file.open("rb")
        # FileResponse reads the size from the file itself (an S3 object is fetched to a
        # spooled temporary file first, so a failing store fails here, not mid-stream).
        response = FileResponse(handle, as_attachment=True, filename=filename,
                                content_type=content_type)
    except STORE_ERRORS as error:
        if handle is not None:
            handle.close()
        if isinstance(error, FileNotFoundError):
            logger.error("The stored file %s is missing", field_file.name)
            raise Http404("The file is no longer stored") from None
        logger.exception("The file store could not read %s", field_file.name)
        raise Unavailable(UNAVAILABLE.format("downloaded")) from None
    response["Cache-Control"] = "private, no-store"
    return response
