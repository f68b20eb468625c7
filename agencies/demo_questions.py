"""Section 11 demo data for standards answered question by question (agencies/demo.py calls
this): North Yorkshire's own copy of the library template, in which standards 1, 5 and 7 ask
each of their questions to be rated and answered on its own, and the answers to them in the
demo returns on it (the question rated lowest carries the standard's rating, so the
standard's derived rating is the one the demo intends). Written through agencies.services."""

from .models import AssessmentTemplate
from .services import questions, returns, templates

NAME = "North Yorkshire Section 11 self-assessment"
BY_QUESTION = ("1", "5", "7")

# Per question: evidence title (used where the question needs evidence), the text of a met
# question and of a partly met one.
ANSWERS = {
    "1.1": ("Board lead's terms of reference",
            "A board member is the named lead for safeguarding children, with terms of "
            "reference agreed by the board.",
            "A board member is the named lead, but the role has no terms of reference yet."),
    "1.2": ("Strategic plan and board reports",
            "Safeguarding is a priority in the strategic plan and the board receives a report "
            "twice a year.",
            "Safeguarding is in the strategic plan, but reports reach the board only after an "
            "incident."),
    "5.1": ("Training needs analysis and compliance by level",
            "A training needs analysis sets the level for each post; compliance is above 90% "
            "at every level.",
            "Level 1 compliance is 92%, but level 3 is 71%."),
    "5.2": (None,
            "Training is evaluated three months later through a practitioner survey and case "
            "file audits.",
            "Training is evaluated on the day only; its effect on practice is not measured."),
    "7.1": (None,
            "The agency attends the partnership and every subgroup it is a member of.",
            "Attendance at two subgroups fell below 75% this year."),
    "7.2": ("Escalation policy briefing record",
            "Every team has been briefed on the escalation policy; staff surveys show they "
            "use it.",
            "A staff survey found a third of practitioners did not know the escalation "
            "policy."),
}


def template(partnership, library):
    """North Yorkshire's own copy of the library template (made once: found by name after),
    with standards 1, 5 and 7 answered question by question."""
    found = AssessmentTemplate.objects.filter(partnership=partnership, name=NAME).first()
    if found is not None:
        return found
    copy = templates.template_copy(template=library, partnership=partnership, name=NAME)
    for standard in copy.standards.filter(number__in=BY_QUESTION):
        templates.standard_update(standard=standard, rate_questions=True)
    return copy


def answer(this, standard, rating, *, evidence=True, site="agency.example"):
    """Answer each question of `standard` for the demo return `this` (demo._Return): green,
    except the last question, which takes `rating`; with a link as evidence where a question
    needs it."""
    asked = list(standard.questions.all())
    for question in asked:
        title, met, partly = ANSWERS.get(question.number, (None, "", ""))
        given = rating if question == asked[-1] else 3
        questions.question_answer_save(
            assessment=this.assessment, question=question, user=this.writer,
            version=this.version, rating=given,
            narrative=(met if given == 3 else partly) or question.text)
        this.version += 1
        if evidence and question.evidence_required:
            returns.evidence_add(assessment=this.assessment, standard=standard, question=question,
                                 user=this.writer, version=this.version,
                                 title=title or f"Evidence for question {question.number}",
                                 link=f"https://www.{site}/safeguarding/question-{question.number}")
            this.version += 1
