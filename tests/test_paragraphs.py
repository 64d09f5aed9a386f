"""Paragraph numbers of sentences: a blank line ("mentions") or any line break ("attribution") starts one."""

from __future__ import annotations

import re
from types import SimpleNamespace

from eventledger.extract.paragraphs import paragraph_numbers


def sentences(text: str) -> list[SimpleNamespace]:
    return [SimpleNamespace(start_char=m.start(), end_char=m.end(), text=m.group()) for m in re.finditer(r"[^.]+\.",
                                                                                                         text)]


def test_a_blank_line_or_any_line_break_starts_a_paragraph():
    text = "Gunmen attacked.\nTen died.\n\nPolice said so. They fled.\n \nA fourth one."
    sents = sentences(text)
    for s in sents:  # the sentences' own text without the whitespace before them
        lead = len(s.text) - len(s.text.lstrip())
        s.start_char, s.text = s.start_char + lead, s.text.lstrip()
    assert paragraph_numbers(text, sents, blank_line_only=True) == [0, 0, 1, 1, 2]
    assert paragraph_numbers(text, sents, blank_line_only=False) == [0, 1, 2, 2, 3]
