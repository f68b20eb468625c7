"""Demo data: North Yorkshire's published arrangements (version 1, built from the demo's
records and signed off by the lead safeguarding partners of its statutory partners, looked up
from the data as they stand) and its threshold document, both published on the day of loading,
and a few settings in the area (invented). load_demo calls it last, after every other app's
demo and the organisations' renames and mergers, so that the snapshot holds the groups, the
scrutiny plan, the funding and today's names and partners; left alone once loaded."""

from partnership import permissions as core
from partnership.models import Partnership, PartnershipMembership, User
from partnership.models.dated import today

from . import services
from .models import DocumentVersion, Kind

SLUG = "north-yorkshire"

SETTINGS = [  # invented
    ("Moorside secure children's home", "secure_childrens_home", "Northallerton"),
    ("Dales View children's home", "childrens_home", "Skipton"),
    ("Coastline residential school", "residential_special_school", "Scarborough"),
]

TEXTS = {
    Kind.ARRANGEMENTS: {
        "introduction": "The safeguarding partners for North Yorkshire have agreed these "
                        "arrangements to work together, with the relevant agencies and the "
                        "designated education and childcare agencies listed below, to safeguard "
                        "and promote the welfare of children in the county.",
        "independent_scrutiny": "An independent scrutineer judges how well the arrangements "
                                "work for children and families, reports to the partners each "
                                "quarter and writes a section of the yearly report. The planned "
                                "activities are listed below.",
        "child_death_review": "North Yorkshire and the City of York share a Child Death Overview "
                              "Panel, which reviews the death of every child normally resident "
                              "in either area and reports to both partnerships each year.",
        "learning": "Learning from practice reviews, audits and the scrutiny plan is shared "
                    "through seven-minute briefings and the multi-agency training programme.",
    },
    Kind.THRESHOLD: {
        "introduction": "This document helps practitioners decide what help a child and "
                        "family need, and how to ask for it.",
        "levels_of_need": "- **Universal:** needs met by universal services.\n"
                          "- **Early help:** additional needs, met by a single agency or a "
                          "team around the family.\n"
                          "- **Targeted:** complex needs calling for a coordinated multi-agency "
                          "response.\n"
                          "- **Specialist:** a child in need or at risk of significant harm.",
        "how_to_refer": "Call the Children and Families Service on 01609 780780 (demo number). "
                        "If a child is in immediate danger, call 999.",
    },
}


def load(stdout):
    partnership = Partnership.objects.filter(slug=SLUG).first()
    if partnership is None or DocumentVersion.objects.filter(partnership=partnership).exists():
        return
    for name, kind, area in SETTINGS:
        services.setting_create(partnership=partnership, name=name, kind=kind, area=area)
    manager = User.objects.filter(email="manager@nyscp.example").first()
    for kind in (Kind.ARRANGEMENTS, Kind.THRESHOLD):
        version = services.version_create(partnership=partnership, kind=kind, user=manager)
        for key, text in TEXTS[kind].items():
            services.section_save(version=version, key=key, text=text)
        for agency in core.statutory_partners(partnership):
            lead = (PartnershipMembership.objects.active()
                    .filter(partnership=partnership, agency=agency,
                            role="lead_safeguarding_partner")
                    .select_related("agency", "user").first())
            if lead is not None:
                services.sign_off(version=version, membership=lead)
        if services.missing_partners(version):
            stdout.write(f"{version} left unpublished: not every statutory partner has a lead "
                         "safeguarding partner recorded.")
            continue
        services.publish(version=version, published_on=today(), user=manager)
