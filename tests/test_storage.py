"""Object storage (partnership/storage.py, partnership/files.py): the settings choose
django-storages' S3 backend when STORAGE_BUCKET is set and the local disk otherwise; and,
against a real S3-compatible server (moto's server mode, started by .ci/run, which exports
S3_TEST_ENDPOINT), an upload through the portal lands in the bucket and comes back through
the permission-checked view byte for byte, and so does the yearly report's PDF. Without
S3_TEST_ENDPOINT those tests skip, except in CI, where they fail."""

import os
import uuid

import boto3
import environ
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.storage import FileSystemStorage, StorageHandler, default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from storages.backends.s3 import S3Storage

from governance.models import Paper
from partnership import storage
from scrutiny.management.commands.yearly_report import stored_at
from scrutiny.models import RenderStatus, ReportVersion
from scrutiny.services import report_render

from .conftest import in_ci

KEYS = {"STORAGE_ACCESS_KEY_ID": "testing", "STORAGE_SECRET_ACCESS_KEY": "testing"}
PAPER = b"%PDF-1.4\n% a paper stored in the bucket\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def env_of(**variables):
    """A django-environ Env reading `variables` instead of the process's environment."""
    env = environ.Env()
    env.ENVIRON = variables
    return env


def built(config):
    """The storage Django builds from the STORAGES entry `config`."""
    return StorageHandler({"default": config})["default"]


def test_without_a_bucket_files_stay_on_the_local_disk():
    assert isinstance(built(storage.default_storage(env_of())), FileSystemStorage)
    assert isinstance(built(storage.default_storage(env_of(STORAGE_REGION="eu-west-1"))),
                      FileSystemStorage)


def test_a_bucket_gives_private_encrypted_object_storage():
    s3 = built(storage.default_storage(env_of(
        STORAGE_BUCKET="portal-files", STORAGE_ENDPOINT_URL="https://s3.example",
        STORAGE_LOCATION="/lscp/", **KEYS)))
    assert isinstance(s3, S3Storage)
    assert (s3.bucket_name, s3.endpoint_url, s3.region_name, s3.location) == (
        "portal-files", "https://s3.example", "eu-west-2", "lscp")
    assert (s3.access_key, s3.secret_key) == ("testing", "testing")
    assert s3.default_acl is None and s3.querystring_auth and not s3.file_overwrite
    assert s3.querystring_expire <= 300 and s3.signature_version == "s3v4"
    assert s3.object_parameters == {"ServerSideEncryption": "AES256"}
    # On AWS itself: the host's credentials, virtual-host addressing, encryption as set
    aws = built(storage.default_storage(env_of(STORAGE_BUCKET="b", STORAGE_ENCRYPTION="")))
    assert aws.endpoint_url is None and aws.access_key is None and aws.object_parameters == {}


@pytest.mark.parametrize("variables, message", [
    ({"STORAGE_ACCESS_KEY_ID": "only-half"}, "Set both STORAGE_ACCESS_KEY_ID"),
    ({"STORAGE_ENCRYPTION": "rot13"}, "STORAGE_ENCRYPTION must be one of"),
])
def test_a_half_configured_bucket_is_refused(variables, message):
    with pytest.raises(ImproperlyConfigured, match=message):
        storage.default_storage(env_of(STORAGE_BUCKET="b", **variables))


# ---------------------------------------------------------------- against an S3 server
@pytest.fixture
def bucket(settings):
    """A fresh bucket on the S3 server at S3_TEST_ENDPOINT, made the default storage (under
    a key prefix) for the test; yields the boto3 Bucket."""
    endpoint = os.environ.get("S3_TEST_ENDPOINT", "")
    if not endpoint:
        if in_ci():
            pytest.fail("S3_TEST_ENDPOINT is not set: CI must test the S3 path (.ci/run starts moto)")
        pytest.skip("S3_TEST_ENDPOINT is not set (start moto_server and export it)")
    name = f"portal-{uuid.uuid4().hex[:12]}"
    s3 = boto3.resource("s3", endpoint_url=endpoint, region_name="eu-west-2",
                        aws_access_key_id="testing", aws_secret_access_key="testing")
    made = s3.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": "eu-west-2"})
    settings.STORAGES = {**settings.STORAGES, "default": storage.default_storage(env_of(
        STORAGE_BUCKET=name, STORAGE_ENDPOINT_URL=endpoint, STORAGE_LOCATION="lscp", **KEYS))}
    # The FileFields use the default storage, which follows the setting
    field_storage = Paper._meta.get_field("file").storage
    assert field_storage is default_storage and field_storage.bucket_name == name
    assert isinstance(field_storage._wrapped, S3Storage)
    yield made
    made.objects.all().delete()
    made.delete()


def keys(bucket):
    return sorted(item.key for item in bucket.objects.all())


def body(bucket, name):
    return bucket.Object(f"lscp/{name}").get()["Body"].read()


@pytest.mark.db_agnostic  # CI runs it in the PostgreSQL pass, where moto is started
@pytest.mark.django_db
def test_an_uploaded_paper_is_stored_in_the_bucket_and_downloaded_through_the_portal(
        cast, client_for, bucket):
    url = reverse("governance:meeting-paper-add",
                  args=[cast.p1.slug, cast.meeting1.pk, cast.item_conf.pk])
    response = client_for(cast.bu_manager).post(
        url, {"title": "Bucket paper", "file": SimpleUploadedFile("bucket.pdf", PAPER)})
    assert response.status_code == 302
    paper = Paper.objects.get(title="Bucket paper")
    assert keys(bucket) == [f"lscp/{paper.file.name}"]
    assert body(bucket, paper.file.name) == PAPER
    head = bucket.Object(f"lscp/{paper.file.name}")
    assert head.server_side_encryption == "AES256" and head.content_type == "application/pdf"
    download = reverse("governance:paper-download", args=[cast.p1.slug, paper.pk])
    response = client_for(cast.lead_a).get(download)  # sits on the group: sees its confidential items
    assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
    assert int(response["Content-Length"]) == len(PAPER)
    assert 'filename="bucket.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PAPER
    # Another partnership's manager, and a partner not on the group: no such paper
    assert client_for(cast.bu_p2).get(download).status_code == 404
    assert client_for(cast.scrutineer).get(download).status_code == 404
    # Gone from the bucket: 404, not an error
    bucket.Object(f"lscp/{paper.file.name}").delete()
    assert client_for(cast.lead_a).get(download).status_code == 404


@pytest.mark.db_agnostic
@pytest.mark.django_db
def test_the_yearly_report_pdf_is_stored_in_the_bucket_and_downloaded_through_the_portal(
        cast, client_for, bucket, django_capture_on_commit_callbacks):
    client = client_for(cast.bu_officer)
    with django_capture_on_commit_callbacks(execute=True):  # Celery is eager: the job runs
        client.post(reverse("scrutiny:report-render", args=[cast.p1.slug, cast.report1.pk]))
    version = cast.report1.versions.get()
    assert version.status == RenderStatus.READY
    assert keys(bucket) == [f"lscp/{version.file.name}"]
    stored = body(bucket, version.file.name)
    assert stored.startswith(b"%PDF-") and len(stored) == version.size
    assert stored_at(version.file) == version.file.name  # the command's answer: no local path
    page = client.get(reverse("scrutiny:report-download", args=[cast.p1.slug, cast.report1.pk, 1]))
    assert page.status_code == 200 and b"".join(page.streaming_content) == stored
    api = client.get(reverse("scrutiny:api-report-pdf", args=[cast.report1.pk]))
    assert api.status_code == 200 and b"".join(api.streaming_content) == stored
    # The draft is not an agency lead's to see, nor another partnership's
    assert client_for(cast.lead_a).get(reverse("scrutiny:api-report-pdf",
                                               args=[cast.report1.pk])).status_code == 404
    assert client_for(cast.bu_p2).get(reverse(
        "scrutiny:report-download", args=[cast.p1.slug, cast.report1.pk, 1])).status_code == 404


@pytest.mark.db_agnostic
@pytest.mark.django_db
def test_a_superseded_attempt_removes_the_file_it_saved(cast, bucket):
    version = report_render.render_request(report=cast.report1, queue=False)
    version = ReportVersion.objects.select_related("report").get(pk=version.pk)
    with pytest.raises(report_render.Superseded):  # the version is not this attempt's
        report_render._store(version, "not-the-attempt", PAPER, True)
    assert keys(bucket) == []
    version.refresh_from_db()
    assert version.status == RenderStatus.REQUESTED and not version.file


@pytest.mark.django_db
def test_a_store_that_does_not_answer_is_a_503_and_changes_nothing(cast, client_for, settings):
    settings.STORAGES = {**settings.STORAGES, "default": storage.default_storage(env_of(
        STORAGE_BUCKET="absent", STORAGE_ENDPOINT_URL="http://127.0.0.1:9", **KEYS))}
    client = client_for(cast.bu_manager)
    before = Paper.objects.count()
    url = reverse("governance:meeting-paper-add",
                  args=[cast.p1.slug, cast.meeting1.pk, cast.item_public.pk])
    response = client.post(url, {"title": "Lost", "file": SimpleUploadedFile("lost.pdf", PAPER)})
    assert response.status_code == 503 and "try again" in response.content.decode()
    assert Paper.objects.count() == before
    download = client.get(reverse("governance:paper-download", args=[cast.p1.slug, cast.paper_public.pk]))
    assert download.status_code == 503
