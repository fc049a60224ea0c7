"""Uploaded files past ``UPLOAD_MAX_BYTES`` are never kept.

:class:`LimitedUploadHandler` stands first among Django's upload handlers: the bytes of a file
past the limit are not handed on to the handlers that store it (memory or a temporary file),
while its size keeps counting, so the file that reaches the form or the API operation is as
large as it was sent and is refused there, naming its field, without being read
(``training.nominations.imports.size_error``).
"""

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler


class LimitedUploadHandler(FileUploadHandler):
    """Pass on a file's first ``UPLOAD_MAX_BYTES`` (and one byte more) only."""

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        keep = settings.UPLOAD_MAX_BYTES + 1 - start
        if keep <= 0:
            return None
        return raw_data[:keep]

    def file_complete(self, file_size: int) -> None:
        return None
