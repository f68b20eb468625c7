"""Working days on the England and Wales calendar (domain.md §1.12)."""

import datetime

import pytest
from django.urls import reverse

from partnership import dates
from partnership.models import ClosureDay

D = datetime.date

# domain.md §1.12 worked examples: (LA aware, notify by (5 WD), rapid review due (15 WD
# after the notification, sent on the notify-by date)).
WORKED_EXAMPLES = [
    (D(2019, 4, 18), D(2019, 4, 29), D(2019, 5, 21)),  # Easter 2019
    (D(2024, 12, 20), D(2024, 12, 31), D(2025, 1, 22)),  # Christmas 2024
    (D(2025, 12, 19), D(2025, 12, 30), D(2026, 1, 21)),  # Christmas 2025
    (D(2025, 12, 22), D(2025, 12, 31), D(2026, 1, 22)),
    (D(2026, 3, 27), D(2026, 4, 7), D(2026, 4, 28)),  # Easter 2026
    (D(2026, 4, 1), D(2026, 4, 10), D(2026, 5, 1)),
    (D(2024, 5, 1), D(2024, 5, 9), D(2024, 5, 31)),  # early May bank holiday
    (D(2023, 5, 3), D(2023, 5, 11), D(2023, 6, 2)),  # Coronation (one-off, 8 May 2023)
]


@pytest.mark.parametrize("aware,notify_by,review_due", WORKED_EXAMPLES)
def test_worked_examples(aware, notify_by, review_due):
    assert dates.statutory_deadline(aware, 5) == notify_by
    assert dates.statutory_deadline(notify_by, 15) == review_due
    assert dates.STATUTORY.count(aware, notify_by) == 5


@pytest.mark.parametrize("start,days,expected,why", [
    (D(2020, 12, 24), 1, D(2020, 12, 29), "Boxing Day on a Saturday: Monday 28th substitutes"),
    (D(2022, 6, 1), 1, D(2022, 6, 6), "2 June Spring holiday and 3 June Platinum Jubilee"),
    (D(2022, 9, 16), 1, D(2022, 9, 20), "19 September 2022 State Funeral"),
    (D(2020, 5, 7), 1, D(2020, 5, 11), "VE Day moved the May holiday to Friday 8 May 2020"),
    (D(2021, 12, 24), 1, D(2021, 12, 29), "Christmas and Boxing Day at a weekend: 27 and 28"),
    (D(2022, 12, 30), 1, D(2023, 1, 3), "New Year's Day on a Sunday: Monday 2nd substitutes"),
    (D(2026, 12, 24), 2, D(2026, 12, 30), "Christmas Eve is a working day; 28 Dec substitutes"),
    (D(2026, 4, 4), 1, D(2026, 4, 7), "Easter Saturday start counts from Tuesday"),
    (D(2026, 11, 21), 0, D(2026, 11, 21), "zero days is the start day itself"),
    (D(2026, 11, 20), 1, D(2026, 11, 23), "Friday plus one is Monday"),
])
def test_bank_holidays_weekends_and_substitute_days(start, days, expected, why):
    assert dates.statutory_deadline(start, days) == expected, why


def test_scottish_holidays_are_not_used():
    assert dates.WorkingDays().is_working_day(D(2026, 1, 2))  # a holiday in Scotland only
    assert dates.WorkingDays().is_working_day(D(2026, 11, 30))  # St Andrew's Day


def test_counting():
    assert dates.STATUTORY.count(D(2026, 12, 24), D(2026, 12, 31)) == 3  # 29, 30, 31
    assert dates.STATUTORY.count(D(2026, 3, 2), D(2026, 3, 2)) == 0
    with pytest.raises(ValueError, match="before the start"):
        dates.STATUTORY.count(D(2026, 3, 2), D(2026, 3, 1))


@pytest.mark.parametrize("days", [-1, dates.MAX_DAYS + 1])
def test_impossible_lengths_are_refused(days):
    with pytest.raises(ValueError):
        dates.statutory_deadline(D(2026, 1, 5), days)


@pytest.mark.django_db
def test_a_closure_day_moves_a_local_deadline_only_in_its_partnership(cast):
    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 12, 24), reason="Council closed")
    assert dates.local_deadline(D(2026, 12, 23), 1, cast.p1) == D(2026, 12, 29)
    assert dates.local_deadline(D(2026, 12, 23), 1, cast.p2) == D(2026, 12, 24)


@pytest.mark.django_db
def test_a_closure_day_never_moves_a_statutory_clock(cast):
    """The review's case: a recorded closure day must leave "notify the Panel by" where the
    law puts it (aware on Tue 24 November 2026: Tue 1 December), so that a notification on
    Wed 2 December shows as late."""
    from reviews.services import notifications

    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 11, 26), reason="Staff day")
    assert dates.local_deadline(D(2026, 11, 24), 5, cast.p1) == D(2026, 12, 2)
    assert dates.statutory_deadline(D(2026, 11, 24), 5) == D(2026, 12, 1)
    notification = notifications.notification_create(
        partnership=cast.p1, created_by=cast.bu_manager, pseudonym="Child Z", age_band="5_9",
        incident_type="serious_harm", la_aware_on=D(2026, 11, 24), notified_on=D(2026, 12, 2))
    assert notification.notify_by == D(2026, 12, 1)
    assert notification.notified_in_time is False


@pytest.mark.django_db
@pytest.mark.parametrize("aware,notify_by,review_due", WORKED_EXAMPLES)
def test_the_api_answers_the_worked_examples(cast, client_for, aware, notify_by, review_due):
    response = client_for(cast.lead_a).get(reverse("api-working-days"),
                                           {"start": aware.isoformat(), "days": 5})
    assert response.status_code == 200
    assert response.json() == {"start": aware.isoformat(), "days": 5,
                               "date": notify_by.isoformat()}


@pytest.mark.django_db
@pytest.mark.parametrize("query,field", [
    ({"start": "2026-02-30", "days": 5}, "start"),
    ({"start": "30/01/2026", "days": 5}, "start"),
    ({"start": "2026-01-05", "days": -1}, "days"),
    ({"start": "2026-01-05", "days": 100000}, "days"),
    ({"start": "2026-01-05", "days": "five"}, "days"),
    ({"start": "2026-01-05"}, "days"),
    ({"days": 5}, "start"),
    ({"start": "2026-01-05", "days": 5, "partnership": "abc"}, "partnership"),
])
def test_the_api_refuses_bad_input_clearly(cast, client_for, query, field):
    response = client_for(cast.bu_manager).get(reverse("api-working-days"), query)
    assert response.status_code == 400
    assert field in response.json()


@pytest.mark.django_db
def test_the_api_uses_your_partnerships_closure_days_only(cast, client_for):
    ClosureDay.objects.create(partnership=cast.p1, date=D(2026, 12, 24), reason="Closed")
    url = reverse("api-working-days")
    query = {"start": "2026-12-23", "days": 1, "partnership": cast.p1.pk}
    assert client_for(cast.bu_manager).get(url, query).json()["date"] == "2026-12-29"
    assert client_for(cast.bu_p2).get(url, query).status_code == 404
