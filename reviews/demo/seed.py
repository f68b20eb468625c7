"""The invented content of the case reviews demo: agencies and people it uses, the
pseudonymised children and the agencies' summaries."""




from ..models import AgeBand as Age
from ..models import LearningTheme
from ..models.themes import DEFAULT_THEMES
from ..services import taxonomy

AGENCIES = {
    "council": "North Yorkshire County Council",
    "ccg": "North Yorkshire and York CCGs",
    "police": "North Yorkshire Police",
    "probation": "National Probation Service",
    "cafcass": "CAFCASS",
    "hdft": "Harrogate and District NHS Foundation Trust",
    "ythft": "York Teaching Hospital NHS Foundation Trust",
    "tewv": "Tees Esk Wear Valley NHS Foundation Trust",
}

PEOPLE = {
    "manager": "manager@nyscp.example",
    "officer": "officer@nyscp.example",
    "dcs": "dcs@nyscp.example",  # acts for the county council
    "acc": "acc@nyscp.example",  # acts for the police
    "nurse": "nurse@nyscp.example",  # acts for the CCGs
    "lead.police": "lead.police@nyscp.example",
    "lead.cafcass": "lead.cafcass@nyscp.example",
    "lead.probation": "lead.probation@nyscp.example",
}

LEADS = {"police": "lead.police", "cafcass": "lead.cafcass", "probation": "lead.probation"}
SIGNERS = {"council": "dcs", "police": "acc", "ccg": "nurse"}
GRANT_PURPOSE = "Rapid review panel preparation"
EXAMPLE_SITE = "https://www.nyscp.example"

CHILDREN = {  # pseudonym: (legal name, NHS number); address for all: EXAMPLE_ADDRESS
    "Child A": ("Demo Child Alpha", "999 000 0001"),
    "Child B": ("Demo Child Bravo", "999 000 0002"),
    "Child C": ("Demo Child Charlie", "999 000 0003"),
    "Child D": ("Demo Child Delta", "999 000 0004"),
    "Child E": ("Demo Child Echo", "999 000 0005"),
    "Child F": ("Demo Child Foxtrot", "999 000 0006"),
    "Young person G": ("Demo Young Person Golf", "999 000 0007"),
}
EXAMPLE_ADDRESS = "1 Example Street, Demo Town"
AGE_YEARS = {Age.UNDER_1: 0, Age.ONE_TO_4: 2, Age.FIVE_TO_9: 7, Age.TEN_TO_15: 13,
             Age.SIXTEEN_PLUS: 16, Age.CARE_LEAVER: 19}


def _child(pseudonym, age_band, sex, ethnicity, legal_status, placement, abuse="suspected",
           disability="no", known="yes", home="North Yorkshire"):
    return {"pseudonym": pseudonym, "age_band": age_band, "sex": sex, "ethnicity": ethnicity,
            "disability": disability, "legal_status": legal_status, "placement": placement,
            "known_to_agencies": known, "abuse_or_neglect": abuse, "home_local_authority": home}


# Each case's children as notified (the DfE's questions), invented like everything here.
DFE_CHILDREN = {
    "Child A": [_child("Child A", Age.TEN_TO_15, "male", "white", "child_in_need", "parents",
                       abuse="known")],
    "Child B": [_child("Child B", Age.UNDER_1, "female", "white", "none", "parents",
                       known="yes")],
    "Child C": [_child("Child C", Age.ONE_TO_4, "male", "mixed", "child_protection_plan",
                       "parents", abuse="known")],
    "Child D": [_child("Child D", Age.SIXTEEN_PLUS, "female", "white", "looked_after",
                       "childrens_home", abuse="known", home="North Yorkshire")],
    "Child E": [_child("Child E", Age.FIVE_TO_9, "female", "asian", "child_in_need",
                       "parents", abuse="known")],
    # Twins: one notification for the serious harm of siblings.
    "Child F": [_child("Child F1", Age.UNDER_1, "male", "white", "none", "parents",
                       known="no"),
                _child("Child F2", Age.UNDER_1, "female", "white", "none", "parents",
                       known="no")],
    "Young person G": [_child("Young person G", Age.CARE_LEAVER, "male", "black",
                              "care_leaver", "supported", abuse="no", disability="unknown")],
}

SUMMARY_TEXT = {  # agency key: (involvement, analysis)
    "police": ("Two domestic abuse incidents at the family home were attended in the year "
               "before the incident; both were risk-assessed as standard.",
               "The second incident was not shared with children's social care within the "
               "expected time, so the pattern was not seen."),
    "probation": ("An adult in the household was supervised on licence; home visits took place "
                  "as planned.",
                  "Enquiries about children in the household relied on the adult's own "
                  "account and were not checked with children's social care."),
    "cafcass": ("The family were known through private law proceedings about the child's "
                "living arrangements; safeguarding letters were sent to the court.",
                "The safeguarding letter noted the domestic abuse history; the child's wishes "
                "and feelings were gathered but not shared with the school."),
    "council": ("Children's social care completed a single assessment and offered early help; "
                "the family accepted support for six weeks.",
                "The assessment did not revisit the risks when a new adult joined the "
                "household."),
    "hdft": ("The health visiting service saw the child at the developmental reviews due; two "
             "appointments were missed.",
             "Missed appointments were followed up by letter only; the guidance expects a "
             "home visit when a child is not brought."),
    "ythft": ("The child was seen at the emergency department twice in the months before the "
              "incident; safe sleep advice was given at birth.",
              "Safe sleep advice was not repeated when the family's circumstances changed."),
    "tewv": ("The young person was known to the child and adolescent mental health service; "
             "an appointment was offered after a referral from the school.",
             "The referral was triaged as routine; the risk information from the placement "
             "was not available to the service at triage."),
}


def _write(stdout, text):
    if stdout is not None:
        stdout.write(text)


def _ensure_themes(partnership):
    """The default learning themes (reviews.models.themes.DEFAULT_THEMES), created through
    the taxonomy service where the partnership does not have them yet."""
    existing = {t.name.lower(): t for t in LearningTheme.objects.filter(partnership=partnership)}
    for name in DEFAULT_THEMES:
        if name.lower() not in existing:
            existing[name.lower()] = taxonomy.theme_create(partnership=partnership, name=name)
    return {name: existing[name.lower()] for name in DEFAULT_THEMES}
