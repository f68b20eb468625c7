"""Where uploads, evidence, meeting papers and rendered PDFs are kept.

Every file goes through Django's storage API (`STORAGES["default"]`): the local disk under
MEDIA_ROOT by default, or an S3-compatible object store (django-storages) when STORAGE_BUCKET
is set, so that every web and worker host sees the same files. Objects are private (no ACL is
sent: the bucket's own policy, private by default, applies), never overwritten, and
encrypted at rest by the service when STORAGE_ENCRYPTION names a method. Downloads are
streamed through the portal's permission-checked views (partnership/downloads.py); no
pre-signed URL is ever handed out, so the short expiry below is only a backstop.

The settings call `default_storage`: this module needs nothing that needs the settings.
"""

from django.core.exceptions import ImproperlyConfigured

LOCAL = "django.core.files.storage.FileSystemStorage"
S3 = "storages.backends.s3.S3Storage"
ENCRYPTIONS = ("", "AES256", "aws:kms")
SIGNED_URL_SECONDS = 60
MEMORY_BYTES = 5 * 1024 * 1024  # a download bigger than this is spooled to a temporary file


def default_storage(env):
    """STORAGES["default"] from the environment `env` (a django-environ Env)."""
    bucket = env.str("STORAGE_BUCKET", default="")
    if not bucket:
        return {"BACKEND": LOCAL}
    endpoint = env.str("STORAGE_ENDPOINT_URL", default="")
    access_key = env.str("STORAGE_ACCESS_KEY_ID", default="")
    secret_key = env.str("STORAGE_SECRET_ACCESS_KEY", default="")
    if bool(access_key) != bool(secret_key):
        raise ImproperlyConfigured("Set both STORAGE_ACCESS_KEY_ID and STORAGE_SECRET_ACCESS_KEY, "
                                   "or neither (to use the host's own credentials)")
    encryption = env.str("STORAGE_ENCRYPTION", default="AES256")
    if encryption not in ENCRYPTIONS:
        raise ImproperlyConfigured(f"STORAGE_ENCRYPTION must be one of {ENCRYPTIONS}, "
                                   f"not {encryption!r}")
    return {"BACKEND": S3, "OPTIONS": {
        "bucket_name": bucket,
        "endpoint_url": endpoint or None,
        "access_key": access_key or None,
        "secret_key": secret_key or None,
        "region_name": env.str("STORAGE_REGION", default="eu-west-2"),
        "location": env.str("STORAGE_LOCATION", default="").strip("/"),
        # A service of one's own (MinIO, Ceph) is addressed by path, AWS by virtual host.
        "addressing_style": "path" if endpoint else None,
        "signature_version": "s3v4",
        "default_acl": None,
        "querystring_auth": True,
        "querystring_expire": SIGNED_URL_SECONDS,
        "file_overwrite": False,
        "object_parameters": {"ServerSideEncryption": encryption} if encryption else {},
        "max_memory_size": MEMORY_BYTES,
    }}
