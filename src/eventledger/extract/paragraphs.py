"""Paragraph numbers of an article's sentences, for the stages that read paragraphs ("mentions", "attribution")."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Span


def paragraph_numbers(text: str, sentences: Sequence[Span], *, blank_line_only: bool) -> list[int]:
    """The paragraph number of each sentence (0, 1, ...), in order.

    `blank_line_only=True`: a blank line starts a paragraph (a hard-wrapped line does not), the article's real
    paragraphs. `blank_line_only=False`: any line break starts one (every line of text is a paragraph of its own).
    Known quirk, kept: spaCy puts the line breaks after a sentence into that sentence, so the number goes up at
    the last sentence before a break rather than the first after it (moving it changes attribution both ways).
    """
    numbers, n, previous_end = [], 0, 0
    for sent in sentences:
        between = text[previous_end:sent.start_char]
        if blank_line_only:
            n += (between.count("\n") >= 2) + ("\n\n" in sent.text)
        elif "\n" in between or sent.text.strip("\n ") != sent.text.strip(" "):
            n += 1
        numbers.append(n)
        previous_end = sent.end_char
    return numbers
