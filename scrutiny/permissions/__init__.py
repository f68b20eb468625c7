"""Every access decision about scrutiny and the yearly report, in one place.

- The partnership's readers (business unit, partners, chair, independent scrutineer) see the
  dashboards, the multi-agency dataset, scrutiny activities, the challenge log and the
  yearly report's drafts; never child-identifying data (scrutiny reads only pseudonymised
  records and counts).
- The scrutineer and the business unit record scrutiny activities, findings and challenge
  judgements (MANAGE_SCRUTINY); the scrutineer, the partners, the chair and the business
  unit raise challenges (RAISE_CHALLENGES); the business unit defines the dataset and the
  consultations (MANAGE_DATASET) and prepares the yearly report (MANAGE_REPORTS); each lead
  or delegated safeguarding partner signs the report off for the statutory partner they act
  for (SIGN_OFF_REPORTS).
- An agency lead sees only their own agency's dataset returns, consultations sent to it and
  the challenges addressed to it, and submits / answers / responds for that agency only.
A record that is not the user's answers 404; a visible one they may not change, 403.

The checks live in one module per area (common, dataset, challenges, reports); callers ask
this package (its imports are the list of checks; F401 is off for it in pyproject.toml).
"""

from .challenges import (
    BUSINESS_UNIT_ROLES,
    activities_across,
    activities_for,
    activity_for,
    attachment_for,
    can_judge,
    can_raise,
    challenge_agencies,
    challenge_for,
    challenge_partnership,
    challenges_across,
    challenges_for,
    is_business_unit,
    partner_agency_ids,
    require_judge,
    require_raise,
    require_respond,
    respond_agencies,
    section_for,
    sections_for,
    sees_challenges,
    visible_addressee_agencies,
)
from .common import (
    can_manage,
    can_set_targets,
    can_view,
    partnership_for_readers,
    require_manage,
    require_set_targets,
)
from .dataset import (
    can_answer_consultation,
    can_manage_dataset,
    can_submit_dataset,
    consultation_for,
    consultation_response_for,
    consultation_responses_for,
    consultations_for,
    dataset_agency_for,
    dataset_return_for,
    dataset_returns_across,
    dataset_returns_for,
    measures_across,
    own_dataset_agencies,
    partnership_for_consultations,
    partnership_for_dataset,
    require_answer_consultation,
    require_manage_dataset,
    require_submit_dataset,
    require_summary,
)
from .navigation import scrutiny_sections
from .reports import (
    can_manage_reports,
    listing_partnership,
    membership_for_partner,
    partnership_for_report_readers,
    readable_partnership,
    recommend_agencies,
    recommend_memberships,
    report_by_id,
    report_for,
    report_for_scrutiny_readers,
    reports_for,
    require_manage_reports,
    require_recommend,
    require_sign_off,
    sign_off_agencies,
    sign_off_memberships,
    version_for,
    versions_for,
)
