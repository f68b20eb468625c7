"""The answer to one question of a standard answered question by question: its rating and
narrative, with the version of the return the writer started from."""

from .returns import AnswerForm


class QuestionAnswerForm(AnswerForm):
    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, template=template, **kwargs)
        narrative = self.fields["narrative"]
        narrative.label = "Your answer"
        narrative.help_text = ("Say what your agency does, how you know it works and what you "
                               "will improve.")
