from django.db import models
from knox.models import AbstractAuthToken


class ApiToken(AbstractAuthToken):
    """An API token (django-rest-knox's, REST_KNOX["TOKEN_MODEL"]): only a hash of the token
    is kept (`digest`), with its first characters (`token_key`) to find it by. It ends at
    `expiry` (settings.API_TOKEN_DAYS after it was made). Its owner names it, and sees when it
    was last used (to within a minute: partnership/api/auth.py) on their API access page."""

    id = models.BigAutoField(primary_key=True)  # knox's key is the digest: never in an address
    digest = models.CharField(max_length=128, unique=True)
    name = models.CharField(max_length=100, blank=True)
    last_used = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created", "-id"]
        verbose_name = "API token"

    def __str__(self):
        return f"{self.name or 'API token'} ({self.token_key[:8]})"
