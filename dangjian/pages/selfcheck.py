"""自测题 on a study material's page: the questions as HTML that ``selfcheck.js`` brings
to life (immediate feedback, score kept in the reader's browser).

Without JavaScript the questions still read as a list; the answers and explanations are
in the page but hidden until a question is answered.
"""

from __future__ import annotations

from dangjian.core import ui
from dangjian.core.documents import Document
from dangjian.core.model import Question
from dangjian.pages import fragments

HEADING = ui.text("selfcheck.heading")
LETTERS = "ABCDEFGH"


def section(doc: Document) -> str:
    """Markdown for the end of the page: a heading and one HTML block, or nothing."""
    questions: list[Question] = getattr(doc.meta, "questions", [])
    if not questions:
        return ""
    block = fragments.render("selfcheck", doc_id=doc.id, letters=LETTERS, questions=[
        _question(doc.id, index, q) for index, q in enumerate(questions)])
    return f"## {HEADING} {{ #{HEADING} .dj-selfcheck-title }}\n\n{block}\n"


def _question(doc_id: str, index: int, question: Question) -> dict[str, object]:
    """What the self-check shows of one question."""
    return {
        "name": f"{doc_id}-{index}", "kind": "checkbox" if question.multiple else "radio",
        "multiple": question.multiple, "question": question.question,
        "options": question.options, "explanation": question.explanation or "",
        "answer": ",".join(str(n) for n in question.answer_indexes),
        "right": ui.text("common.list_separator").join(
            LETTERS[n] for n in question.answer_indexes),
    }
