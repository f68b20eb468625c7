"""API tokens that end: django-rest-knox's token with a name and when it was last used
(partnership.ApiToken, settings.KNOX_TOKEN_MODEL), in place of DRF's authtoken, whose app is
gone. Its table held the tokens in clear and never expired: it is dropped where it exists, and
its migration records with it (so the app could be installed again from nothing)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def drop_drf_tokens(apps, schema_editor):
    tables = schema_editor.connection.introspection.table_names()
    if "authtoken_token" in tables:
        schema_editor.execute("DROP TABLE authtoken_token")
    schema_editor.execute("DELETE FROM django_migrations WHERE app = 'authtoken'")
    # knox's own migrations make its default token table even though KNOX_TOKEN_MODEL
    # replaces it (they do not mark it swappable): never used, and on PostgreSQL its foreign
    # key to the user table stops the test runner's TRUNCATE of the tables Django knows.
    if "knox_authtoken" in tables:
        schema_editor.execute("DROP TABLE knox_authtoken")


class Migration(migrations.Migration):

    dependencies = [
        ("partnership", "0013_identity"),
        ("knox", "0009_extend_authtoken_field"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApiToken",
            fields=[
                ("token_key", models.CharField(db_index=True, max_length=25)),
                ("created", models.DateTimeField(auto_now_add=True)),
                ("expiry", models.DateTimeField(blank=True, null=True)),
                ("id", models.BigAutoField(primary_key=True, serialize=False)),
                ("digest", models.CharField(max_length=128, unique=True)),
                ("name", models.CharField(blank=True, max_length=100)),
                ("last_used", models.DateTimeField(blank=True, editable=False, null=True)),
                ("user", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE,
                                           related_name="auth_token_set",
                                           to=settings.AUTH_USER_MODEL)),
            ],
            options={
                "verbose_name": "API token",
                "ordering": ["-created", "-id"],
            },
        ),
        migrations.RunPython(drop_drf_tokens, migrations.RunPython.noop, elidable=True),
    ]
