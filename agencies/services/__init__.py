"""Every write to self-assessments: the template library, templates, cycles and requests,
returns (answers, evidence, action plans, submission, sign-off), moderation, challenge
events and reminders."""
