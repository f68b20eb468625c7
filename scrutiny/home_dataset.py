"""Home page items of the dataset and consultations, for agency leads: the latest quarter's
figures not yet submitted (due a set number of working days after the quarter ends), and
open consultations sent to their agency not yet answered."""

from django.urls import reverse
from django.utils import timezone

from partnership import roles
from partnership.registry import HomeTask

from . import permissions
from .models import ConsultationResponse, DatasetReturn, DatasetStatus, ResponseStatus
from .selectors.dataset import current_quarter
from .services.dataset import asked_measures


def dataset_tasks(user, partnership):
    if not (user.is_authenticated and user.is_active):
        return []
    today = timezone.localdate()
    tasks = []
    agencies = list(permissions.own_dataset_agencies(user, partnership,
                                                     roles.SUBMIT_AGENCY_DATASET))
    if agencies:
        quarter = current_quarter(today)
        submitted = set(DatasetReturn.objects.filter(
            partnership=partnership, agency__in=agencies, period_start=quarter.start,
            status=DatasetStatus.SUBMITTED).values_list("agency_id", flat=True))
        due_on = quarter.due_on(partnership)
        for agency in agencies:
            if agency.pk in submitted or not asked_measures(partnership, agency):
                continue
            overdue = due_on < today
            tasks.append(HomeTask(
                title=f"Submit {agency.name}'s dataset figures for {quarter.label}",
                url=reverse("scrutiny:dataset-return-form",
                            args=[partnership.slug, agency.pk, quarter.key]),
                description=f"{'Was due' if overdue else 'Due'} {due_on:%-d %B %Y}.",
                overdue=overdue))
    mine = permissions.own_dataset_agencies(user, partnership, roles.RESPOND_AGENCY_CONSULTATIONS)
    for response in (ConsultationResponse.objects.filter(
            consultation__partnership=partnership, consultation__sent_at__isnull=False,
            consultation__closes_on__gte=today, agency__in=mine)
            .exclude(status=ResponseStatus.SUBMITTED)
            .select_related("consultation", "agency").order_by("consultation__closes_on")):
        tasks.append(HomeTask(
            title=f"Answer the consultation ‘{response.consultation.title}’ for "
                  f"{response.agency.name}",
            url=reverse("scrutiny:consultation-respond",
                        args=[partnership.slug, response.consultation_id, response.agency_id]),
            description=f"Closes {response.consultation.closes_on:%-d %B %Y}."))
    return tasks
