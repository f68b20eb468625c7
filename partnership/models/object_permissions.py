"""Direct foreign-key object permission tables (django-guardian), one pair per model that
is granted per object. They are faster and safer than the generic tables."""

from django.db import models
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from .structure import Agency, Partnership


class PartnershipUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Partnership, on_delete=models.CASCADE)


class PartnershipGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Partnership, on_delete=models.CASCADE)


class AgencyUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Agency, on_delete=models.CASCADE)


class AgencyGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Agency, on_delete=models.CASCADE)


class AccessSync(models.Model):
    """One row: the day the permission rows were last brought in line with the start and end
    dates of designations and memberships (partnership.services.access.access_sync_due)."""

    synced_on = models.DateField()

    class Meta:
        verbose_name = "access sync"

    def __str__(self):
        return f"Access in line with the dates of {self.synced_on:%d %B %Y}"
