"""自测题 on a study material's page: the questions as HTML that ``selfcheck.js`` brings
to life (immediate feedback, score kept in the reader's browser).

Without JavaScript the questions still read as a list; the answers and explanations are
in the page but hidden until a question is answered.
"""

from __future__ import annotations

from html import escape

from dangjian.core.documents import Document
from dangjian.core.model import Question

HEADING = "自测题"
LETTERS = "ABCDEFGH"


def section(doc: Document) -> str:
    """Markdown for the end of the page: a heading and one HTML block, or nothing."""
    questions: list[Question] = getattr(doc.meta, "questions", [])
    if not questions:
        return ""
    forms = "".join(_question(doc.id, index, q) for index, q in enumerate(questions))
    block = (
        f'<div class="dj-selfcheck" data-dj-selfcheck="{escape(doc.id)}" '
        f'data-count="{len(questions)}">'
        # Instructions and controls are the page's interface, not its content: keep
        # them out of the search index.
        '<p class="dj-selfcheck__intro" data-pagefind-ignore>'
        "选择答案后即显示对错和解析；得分只保存在本机浏览器中。</p>"
        f"{forms}"
        '<p class="dj-selfcheck__summary" data-pagefind-ignore>'
        '<span class="dj-selfcheck__score" aria-live="polite">'
        f"共 {len(questions)} 题</span> "
        '<button type="button" class="md-button dj-selfcheck__reset">重做</button></p>'
        "</div>"
    )
    return f"## {HEADING} {{ #{HEADING} }}\n\n{block}\n"


def _question(doc_id: str, index: int, question: Question) -> str:
    kind = "checkbox" if question.multiple else "radio"
    name = f"{doc_id}-{index}"
    options = "".join(
        f'<li><label><input type="{kind}" name="{escape(name)}" value="{n}"> '
        f'<span class="dj-question__letter">{LETTERS[n]}.</span> {escape(option)}</label></li>'
        for n, option in enumerate(question.options)
    )
    confirm = ('<button type="submit" class="md-button dj-question__submit">确定</button>'
               if question.multiple else "")
    right = "、".join(LETTERS[n] for n in question.answer_indexes)
    explanation = (f'<p class="dj-question__explanation"><strong>解析</strong>：'
                   f"{escape(question.explanation)}</p>" if question.explanation else "")
    label = "（多选）" if question.multiple else "（单选）"
    answer = ",".join(str(n) for n in question.answer_indexes)
    return (
        f'<form class="dj-question" data-index="{index}" data-answer="{answer}" '
        f'data-multiple="{str(question.multiple).lower()}">'
        f'<p class="dj-question__stem"><span class="dj-question__number">{index + 1}.</span> '
        f"{escape(question.question)}<span class=\"dj-question__kind\">{label}</span></p>"
        f'<ol class="dj-question__options">{options}</ol>{confirm}'
        f'<div class="dj-question__feedback" hidden>'
        f'<p class="dj-question__verdict"></p>'
        f'<p class="dj-question__answer">正确答案：{right}</p>{explanation}</div>'
        "</form>"
    )
