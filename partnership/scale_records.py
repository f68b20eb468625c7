"""The records of a scale deployment (see scale.py), ten financial years of them, in bulk:
Section 11 / 175 cycles, requests and returns (one return per agency and year, shared by
every partnership that asks it, as agencies.services.cycles.shared_return does), answers
for the last two years, groups, seats, meetings and attendance, actions, challenges, and
budgets with contributions. The core refers to the apps above it by name (DESIGN.md §3).
"""

import datetime
import uuid

from django.apps import apps
from django.utils import timezone

from .scale import YEARS, bulk

MEETINGS_A_YEAR = 10
SEATS = 16
ACTIONS_A_YEAR = 40
CHALLENGES_A_YEAR = 6
GROUPS = [("Executive", "executive"), ("Quality Assurance", "subgroup"),
          ("Learning and Development", "subgroup"), ("Education", "subgroup"),
          ("Practice Review", "subgroup"), ("Child Death Overview Panel", "panel")]


def model(label):
    return apps.get_model(*label.split("."))


def _at(day, hour=10):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)),
                               datetime.UTC)


def returns(layout, rng, first, today, leads):
    """Cycles, requests and returns; answers for the last two years' submitted returns."""
    Template, Cycle, Request, Return, Answer = (model(f"agencies.{n}") for n in (
        "AssessmentTemplate", "Cycle", "Request", "Return", "Answer"))
    s11 = Template.objects.get(partnership=None, kind="section_11", version=1)
    s175 = Template.objects.get(partnership=None, kind="section_175", version=1)
    standards = {t.pk: list(t.standards.values_list("pk", flat=True)) for t in (s11, s175)}
    counts = {"cycles": 0, "requests": 0, "returns": 0, "answers": 0}
    for year in range(first, first + YEARS):
        opens, closes = datetime.date(year, 6, 1), datetime.date(year, 9, 30)
        cycles = bulk(Cycle, [
            Cycle(partnership=p, template=t, opens_on=opens, closes_on=closes,
                  name=f"{label} {year}/{(year + 1) % 100:02d}")
            for p, _ in layout for t, label in ((s11, "Section 11"), (s175, "Section 175"))])
        made, requests = {}, []
        for i, (_, mine) in enumerate(layout):
            for key, agencies in mine.items():
                template = s175 if key == "school" else s11
                cycle = cycles[2 * i + (template is s175)]
                for agency in agencies:
                    if (agency.pk, template.pk) not in made:
                        made[agency.pk, template.pk] = _return(agency, template, opens, closes,
                                                               today, rng, leads[agency.pk])
                    requests.append(Request(cycle=cycle, agency=agency, due_on=closes,
                                            assessment=made[agency.pk, template.pk]))
        bulk(Return, list(made.values()))
        bulk(Request, requests)
        answers = []
        if year >= first + YEARS - 2:
            answers = [Answer(assessment=r, standard_id=s, rating=rng.choice((1, 2, 3, 3, 3)),
                              narrative="How the agency meets this standard.")
                       for r in made.values() if r.status != "draft"
                       for s in standards[r.template_id]]
            bulk(Answer, answers)
        for key, n in (("cycles", len(cycles)), ("requests", len(requests)),
                       ("returns", len(made)), ("answers", len(answers))):
            counts[key] += n
    return counts


def _return(agency, template, opens, closes, today, rng, lead):
    if closes < today:
        status = rng.choices(("signed_off", "submitted", "draft"), (90, 7, 3))[0]
    elif opens <= today:
        status = rng.choices(("signed_off", "submitted", "draft"), (20, 30, 50))[0]
    else:
        status = "draft"
    submitted = _at(closes - datetime.timedelta(days=rng.randint(0, 60)))
    done = status != "draft"
    return model("agencies.Return")(
        agency=agency, template=template, status=status,
        submitted_by_id=lead if done else None, submitted_at=submitted if done else None,
        signed_off_by_id=lead if status == "signed_off" else None,
        signed_off_at=submitted if status == "signed_off" else None)


def governance(layout, rng, first, today):
    """Groups with sixteen seats, ten meetings a year each, attendance at those held."""
    Group, GroupMember, Meeting, Attendance = (model(f"governance.{n}") for n in (
        "Group", "GroupMember", "Meeting", "Attendance"))
    start = datetime.date(first, 4, 1)
    groups = bulk(Group, [Group(partnership=p, name=f"{name} group", group_type=kind,
                                frequency="monthly", start_date=start)
                          for p, _ in layout for name, kind in GROUPS])
    members = []
    for i, (_, mine) in enumerate(layout):
        core = mine["council"] + mine["police"] + mine["icb"] + mine["national"]
        pool = mine["trust"] + mine["other"] + mine["school"]
        for group in groups[i * len(GROUPS):(i + 1) * len(GROUPS)]:
            seats = core + rng.sample(pool, min(len(pool), SEATS - len(core)))
            members += [GroupMember(group=group, agency=a, role_label="Representative",
                                    member_type="core", start_date=start) for a in seats]
    members = bulk(GroupMember, members)
    seats = {}
    for m in members:
        seats.setdefault(m.group_id, []).append(m)
    counts = {"groups": len(groups), "seats": len(members), "meetings": 0, "attendance": 0}
    for group in groups:
        meetings = []
        for year in range(first, first + YEARS):
            for k in range(MEETINGS_A_YEAR):
                day = datetime.date(year, 4, 7) + datetime.timedelta(days=36 * k)
                held = day < today
                meetings.append(Meeting(
                    group=group, starts_at=_at(day), uid=uuid.UUID(int=rng.getrandbits(128)),
                    status="held" if held else "planned",
                    minutes_status="approved" if held else "none"))
        meetings = bulk(Meeting, meetings)
        attendance = [Attendance(meeting=m, member=s, agency_id=s.agency_id, status=status,
                                 deputy_name="A deputy" if status == "deputy" else "")
                      for m in meetings if m.status == "held" for s in seats[group.pk]
                      for status in rng.choices(("present", "apologies", "deputy", "absent"),
                                                (75, 12, 8, 5))]
        bulk(Attendance, attendance)
        counts["meetings"] += len(meetings)
        counts["attendance"] += len(attendance)
    return counts


def actions_and_challenges(layout, rng, first, today, staff):
    Action, Challenge, Addressee = (model(n) for n in (
        "governance.Action", "scrutiny.Challenge", "scrutiny.ChallengeAddressee"))
    actions, challenges, addressed = [], [], []
    for p, mine in layout:
        partners = mine["council"] + mine["police"] + mine["icb"]
        others = mine["trust"] + mine["other"] + mine["school"]
        first_action, first_challenge = len(actions), len(challenges)  # numbered per partnership
        for year in range(first, first + YEARS):
            for k in range(ACTIONS_A_YEAR):
                raised = datetime.date(year, 4, 1) + datetime.timedelta(days=9 * k)
                due = raised + datetime.timedelta(days=rng.randint(30, 180))
                done = due < today and rng.random() < 0.85
                owner = rng.choice(rng.choices((mine["national"], partners, others),
                                               (20, 40, 40))[0])
                actions.append(Action(
                    partnership=p, reference=len(actions) - first_action + 1, owner_agency=owner, due_on=due,
                    source=rng.choice(("meeting", "section_11", "scrutiny", "other")),
                    description=f"Action {k + 1} of {year} for {owner.name}",
                    status="completed" if done else rng.choice(("open", "in_progress")),
                    completed_on=due - datetime.timedelta(days=3) if done else None,
                    created_by_id=staff[p.pk]["manager"]))
            for k in range(CHALLENGES_A_YEAR):
                raised = datetime.date(year, 5, 1) + datetime.timedelta(days=55 * k)
                closed = raised + datetime.timedelta(days=60) < today
                challenge = Challenge(
                    partnership=p, reference=len(challenges) - first_challenge + 1, raised_on=raised,
                    due_on=raised + datetime.timedelta(days=28),
                    subject=f"Challenge {k + 1} of {year}", detail="What the scrutineer asks.",
                    raised_by_id=staff[p.pk]["scrutineer"],
                    state="closed" if closed else "raised",
                    closed_by_id=staff[p.pk]["scrutineer"] if closed else None,
                    closed_on=raised + datetime.timedelta(days=60) if closed else None)
                challenges.append(challenge)
                to = {a.pk: a for a in [rng.choice(partners), rng.choice(others)]
                      + ([rng.choice(mine["national"])] if rng.random() < 0.3 else [])}
                addressed += [(challenge, a) for a in to.values()]
    bulk(Action, actions)
    bulk(Challenge, challenges)
    bulk(Addressee, [Addressee(challenge=c, agency=a) for c, a in addressed])
    return {"actions": len(actions), "challenges": len(challenges),
            "addressees": len(addressed)}


def funding(layout, rng, first, today):
    FinancialYear, Contribution = model("funding.FinancialYear"), model("funding.Contribution")
    years = bulk(FinancialYear, [
        FinancialYear(partnership=p, start_year=year, declared_budget=400000)
        for p, _ in layout for year in range(first, first + YEARS)])
    contributions = []
    for i, (_, mine) in enumerate(layout):
        payers = [(mine["council"][0], 200000), (mine["police"][0], 80000),
                  (mine["icb"][0], 100000)] + [(a, 5000) for a in mine["national"] + mine["trust"]]
        for year in years[i * YEARS:(i + 1) * YEARS]:
            invoiced = datetime.date(year.start_year, 5, 1)
            paid = invoiced + datetime.timedelta(days=45) < today
            contributions += [Contribution(
                year=year, agency=a, agreed=amount, invoice_date=invoiced,
                invoice_amount=amount, invoice_reference=f"INV-{year.pk}-{a.pk}",
                due_on=invoiced + datetime.timedelta(days=30),
                received_date=invoiced + datetime.timedelta(days=rng.randint(10, 45))
                if paid else None, received_amount=amount if paid else None)
                for a, amount in payers]
    bulk(Contribution, contributions)
    return {"financial years": len(years), "contributions": len(contributions)}
