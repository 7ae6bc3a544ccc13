"""Context a user gathers: facts with who said them and how sure, and open questions.

Qt-free, like the rest of ``explorer``: the app records edits through these, the command
line reads the same context files, so every answer sees the same facts.
"""

from explorer.statements.confidence import STATED, Confidence, at_least, parse_confidence, weakest
from explorer.statements.overrides import (
    ATTRIBUTES,
    SINGLE_VALUED,
    Overruled,
    fact_confidence,
    settle,
)
from explorer.statements.questions import (
    QUESTION_IRI,
    Question,
    QuestionStatus,
    question_triples,
    questions_of,
)
from explorer.statements.reified import (
    STATEMENT_IRI,
    Fact,
    Statement,
    statement_triples,
    statements_of,
)

__all__ = [
    "ATTRIBUTES",
    "QUESTION_IRI",
    "SINGLE_VALUED",
    "STATED",
    "STATEMENT_IRI",
    "Confidence",
    "Fact",
    "Overruled",
    "Question",
    "QuestionStatus",
    "Statement",
    "at_least",
    "fact_confidence",
    "parse_confidence",
    "question_triples",
    "questions_of",
    "settle",
    "statement_triples",
    "statements_of",
    "weakest",
]
