"""Demo data from the seed documents in ../shared/seeds (see DESIGN.md §6).

North Yorkshire comes from the 2019 arrangements proposal (seed 004): the three partners and
their delegated officers, and all 35 relevant agencies of paragraph 5 under the proposal's
own headings. City of York comes from seed 000 (the police force is the same agency as in
North Yorkshire; the Child Death Overview Panel serves both areas, seed 004 paras 20-24).
Surrey comes from seed 002. People's names are invented.
"""

import datetime

from . import demo_organisations, roles
from .models import AgencyMembership, Designation, Partnership, PartnershipMembership, User
from .models import Sector as S
from .services import access, mfa, people, structure

LAUNCH = datetime.date(2019, 9, 29)
LA, POLICE, NHS = "local_authority", "police", "nhs_commissioner"

PARTNERSHIPS = [
    {
        "name": "North Yorkshire Safeguarding Children Partnership",
        "short_name": "NYSCP", "slug": "north-yorkshire", "areas": ["North Yorkshire"],
        "partners": [
            ("North Yorkshire County Council", S.LOCAL_GOVERNMENT, LA),
            ("North Yorkshire and York CCGs", S.HEALTH, NHS),
            ("North Yorkshire Police", S.POLICE_JUSTICE, POLICE),
        ],
        "relevant": {
            "Education and Early Years": [
                ("Education (Maintained, Academies, Independent, FE, HE)", S.EDUCATION),
                ("Early Years", S.EDUCATION),
            ],
            "Health": [(name, S.HEALTH) for name in (
                "North Yorkshire County Council Public Health",
                "North Yorkshire County Council Health and Adult Service",
                "Tees Esk Wear Valley NHS Foundation Trust",
                "NHS England",
                "Harrogate and District NHS Foundation Trust",
                "Bradford District Care NHS Foundation Trust",
                "York Teaching Hospital NHS Foundation Trust",
                "Primary Health Care (Pharmacy, Opticians)",
                "General Practitioners",
                "Yorkshire Ambulance Service",
                "Humber Teaching Foundation Trust",
                "Airedale, Wharfedale and Craven CCG",
                "South Tees Hospitals NHS Foundation Trust",
                "Airedale NHS Foundation Trust",
                "Leeds York Partnership Foundation Trust",
                "Child Death Review Partnership",
                "Vocare",
            )],
            "Criminal Justice": [
                ("CAFCASS", S.POLICE_JUSTICE),
                ("National Probation Service", S.POLICE_JUSTICE),
                ("Community Rehabilitation Company", S.POLICE_JUSTICE),
            ],
            "Voluntary Sector": [
                ("NSPCC", S.VOLUNTARY),
                ("Community First Yorkshire", S.VOLUNTARY),
                ("Commissioned services (Compass, Horizons, IDAS)", S.VOLUNTARY),
            ],
            "Local Government": [
                ("District Councils", S.LOCAL_GOVERNMENT),
                ("Youth Justice Service", S.LOCAL_GOVERNMENT),
                ("NYCC Lead Executive Member for Children's Services", S.LOCAL_GOVERNMENT),
            ],
            "Public Services": [
                ("British Transport Police", S.POLICE_JUSTICE),
                ("Police, Fire and Crime Commissioner", S.POLICE_JUSTICE),
                ("North Yorkshire Fire Service", S.PUBLIC_SERVICES),
                ("Army Welfare Service", S.PUBLIC_SERVICES),
            ],
            "Miscellaneous": [
                ("Faith Groups", S.FAITH_SPORT),
                ("Lay Members", S.OTHER),
                ("Youth Voice Executive", S.OTHER),
            ],
        },
    },
    {
        "name": "City of York Safeguarding Children Partnership",
        "short_name": "CYSCP", "slug": "city-of-york", "areas": ["York"],
        "partners": [
            ("City of York Council", S.LOCAL_GOVERNMENT, LA),
            ("NHS Vale of York CCG", S.HEALTH, NHS),
            ("North Yorkshire Police", S.POLICE_JUSTICE, POLICE),
        ],
        "relevant": {"Child death review": [("Child Death Review Partnership", S.HEALTH)]},
    },
    {
        "name": "Surrey Safeguarding Children Partnership",
        "short_name": "SSCP", "slug": "surrey", "areas": ["Surrey"],
        "partners": [
            ("Surrey County Council", S.LOCAL_GOVERNMENT, LA),
            ("Surrey Police", S.POLICE_JUSTICE, POLICE),
            ("NHS Guildford and Waverley CCG", S.HEALTH, NHS),
        ],
        "relevant": {"Executive": [
            ("Surrey schools and colleges", S.EDUCATION),
            ("Surrey district and borough councils", S.LOCAL_GOVERNMENT),
            ("Office of the Police and Crime Commissioner for Surrey", S.POLICE_JUSTICE),
        ], "Third sector": [("Surrey third sector organisations", S.VOLUNTARY)]},
    },
]

DESCRIPTIONS = {
    "NHS Guildford and Waverley CCG": "Acts for all CCGs and NHS providers in Surrey.",
    "Child Death Review Partnership": "Runs the Child Death Overview Panel for North Yorkshire "
                                      "and York, reporting to both partnerships.",
}

# (e-mail, name, role, partnership slug, agency (for agency roles and partners), office)
PEOPLE = [
    ("manager@nyscp.example", "Morgan Ellis", "business_unit_manager", "north-yorkshire", None,
     "Safeguarding Partnership Manager"),
    ("officer@nyscp.example", "Priya Shah", "business_unit_officer", "north-yorkshire", None,
     "Policy and Development Officer"),
    ("scrutineer@nyscp.example", "Jordan Hale", "independent_scrutineer", "north-yorkshire", None,
     "Independent Scrutineer"),
    ("chief.executive@nyscp.example", "Alex Rowntree", "lead_safeguarding_partner",
     "north-yorkshire", "North Yorkshire County Council", "Chief Executive"),
    ("accountable.officer@nyscp.example", "Sam Okafor", "lead_safeguarding_partner",
     "north-yorkshire", "North Yorkshire and York CCGs", "Accountable Officer"),
    ("chief.constable@nyscp.example", "Chris Whitby", "lead_safeguarding_partner",
     "north-yorkshire", "North Yorkshire Police", "Chief Constable"),
    ("dcs@nyscp.example", "Helen Marsh", "delegated_safeguarding_partner", "north-yorkshire",
     "North Yorkshire County Council", "Director of Children's Services"),
    ("acc@nyscp.example", "Daniel Price", "delegated_safeguarding_partner", "north-yorkshire",
     "North Yorkshire Police", "Assistant Chief Constable"),
    ("nurse@nyscp.example", "Ruth Adeyemi", "delegated_safeguarding_partner", "north-yorkshire",
     "North Yorkshire and York CCGs", "Executive Nurse"),
    ("lead.police@nyscp.example", "Tom Garside", "agency_lead", "north-yorkshire",
     "North Yorkshire Police", "Head of Safeguarding"),
    ("chief.officer.police@nyscp.example", "Karen Lister", "agency_chief_officer",
     "north-yorkshire", "North Yorkshire Police", "Deputy Chief Constable"),
    ("lead.cafcass@nyscp.example", "Aisha Karim", "agency_lead", "north-yorkshire", "CAFCASS",
     "Service Manager"),
    ("lead.probation@nyscp.example", "Owen Pritchard", "agency_lead", "north-yorkshire",
     "National Probation Service", "Senior Probation Officer"),
    ("manager@york.example", "Lucy Fenwick", "business_unit_manager", "city-of-york", None,
     "Partnership Business Manager"),
    ("manager@surrey.example", "Gareth Lowe", "business_unit_manager", "surrey", None,
     "Partnership Business Manager"),
    ("scrutineer@surrey.example", "Nadia Brooks", "independent_scrutineer", "surrey", None,
     "Independent Scrutineer"),
]


def _agency(name, sector):
    agency = demo_organisations.agency_named(name)
    return agency or structure.agency_create(name=name, sector=sector,
                                             description=DESCRIPTIONS.get(name, ""))


def _partnership(spec):
    partnership = Partnership.objects.filter(slug=spec["slug"]).first()
    if partnership is None:
        partnership = structure.partnership_create(
            name=spec["name"], slug=spec["slug"], short_name=spec["short_name"],
            areas=spec["areas"])
    wanted = [(_agency(name, sector), kind, "Statutory partner")
              for name, sector, kind in spec["partners"]]
    wanted += [(_agency(name, sector), "relevant_agency", category)
               for category, agencies in spec["relevant"].items() for name, sector in agencies]
    designated = set(Designation.objects.filter(partnership=partnership)
                     .values_list("agency_id", flat=True))
    new = {}  # the first place the spec names an agency
    for agency, kind, category in wanted:
        if agency.pk not in designated:
            new.setdefault(agency.pk, {"agency": agency, "kind": kind,
                                       "local_category": category, "start_date": LAUNCH})
    structure.designations_create(partnership=partnership, designations=list(new.values()))
    return partnership


def _person(email, name, role_code, slug, agency_name, office, password, totp_secret):
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email, password, full_name=name, job_title=office)
    else:
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
    partnership = Partnership.objects.get(slug=slug)
    agency = demo_organisations.agency_now(agency_name) if agency_name else None
    role = roles.get(role_code)
    held = (PartnershipMembership.objects.filter(user=user, partnership=partnership, role=role_code)
            if role.scope == roles.Scope.PARTNERSHIP
            else AgencyMembership.objects.filter(user=user, agency=agency, role=role_code))
    if not held.active().exists():
        people.membership_create(user=user, partnership=partnership, role=role_code,
                                 agency=agency, title=office, start_date=LAUNCH)
    access.user_groups_sync(user)
    if totp_secret:
        mfa.authenticator_app_set(user=user, secret=totp_secret)
    return user


def load(password, stdout=None, totp_secret=None):
    """Create or bring up to date the demo partnerships and people. Safe to run again:
    it adds what is missing and resets the demo people's passwords to `password`. With
    `totp_secret`, each has an authenticator app with that secret; without, they keep what
    they set up themselves (none at first)."""
    for spec in PARTNERSHIPS:
        _partnership(spec)
    people_made = [
        (_person(*person, password=password, totp_secret=totp_secret), person[2], person[3])
        for person in PEOPLE
    ]
    return people_made
