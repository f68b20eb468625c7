"""Case reviews demo data for North Yorkshire: serious incident notifications, rapid reviews
in every state, two practice reviews, recommendations with actions on the register.

Every case is invented and pseudonymised ("Child A" to "Child F", "Young person G"). The
restricted child records hold obviously fictional details: "Demo Child ..." (and "Demo
Young Person ...") names, "1 Example Street, Demo Town" and NHS numbers in the 999 range,
which is never issued. Texts describe posts, never people.

- Child A (2019): a rapid review decided on a practice review, signed by the three
  partners and sent to the Panel; the practice review was published in 2020 and the case
  is closed.
- Child B: a death; the rapid review decided on a practice review (signed, sent to the
  Panel, answered); the practice review is in progress. CAFCASS contributed.
- Child C: notified late; summaries received (one nil return); no local review; two
  partners have signed, the CCGs' partner has not. No CAFCASS.
- Child D: looked after; summaries in, the panel meeting is coming up; the business unit
  manager holds a case grant to prepare it. No CAFCASS.
- Child E: just started; summaries asked of CAFCASS (a draft), the police and probation.
- Child F: twins, one notification for both; known to the local authority, the Panel not
  yet notified.
- Young person G: the death of a care leaver aged 19, notified; no rapid review (none is
  required for it).

Each notification has its children as the DfE asks about them (seed.DFE_CHILDREN).

Cases in progress are dated from today in working days (partnership.dates); the 2019-2020
case has fixed dates. Everything is written through reviews.services and
governance.services. Runs once: a partnership that already has notifications is left alone.
"""

from partnership.models import Partnership

from .cases import Cases
from .review_detail import national_review
from .seed import _write


def load(stdout=None):
    """North Yorkshire's case reviews demo. Does nothing when North Yorkshire is missing or
    already has notifications."""
    partnership = Partnership.objects.filter(slug="north-yorkshire").first()
    if partnership is None:
        return
    if partnership.notifications.exists():
        _write(stdout, "Case reviews demo: North Yorkshire already has notifications; left as "
                       "it is.\n")
        return
    demo = Cases(partnership)
    for case in (demo.child_a, demo.child_b, demo.child_c, demo.child_d, demo.child_e,
                 demo.child_f, demo.young_person_g):
        case()
    national_review(demo)
    c = demo.counts
    _write(stdout, f"Case reviews demo: {c['notifications']} notifications, {c['rapid']} rapid "
                   f"reviews, {c['practice']} practice reviews, {c['recommendations']} "
                   f"recommendations with {c['actions']} actions, {c['grants']} case grant for "
                   f"{partnership.short_name or partnership.name}.\n")
