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
