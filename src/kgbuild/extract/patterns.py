"""Regular expressions made from the phrase tables of the vocabulary module."""

from __future__ import annotations

import re


def alternatives(fragments) -> str:
    """One group that matches any of the fragments."""
    return "(?:" + "|".join(fragments) + ")"


def phrases(fragments) -> re.Pattern:
    """A case-insensitive pattern that finds any of the fragments as whole words."""
    return re.compile(r"\b" + alternatives(fragments) + r"\b", re.IGNORECASE)


def literal_starts(fragments) -> tuple[str, ...] | None:
    """The lower-case letters each fragment starts with ("memorand" of "memorand(?:um|a)"), for a quick
    test that a text may hold one of them; None when a fragment starts with no letters."""
    starts = []
    for fragment in fragments:
        match = re.match(r"[A-Za-z]+", fragment)
        letters = match.group(0) if match else ""
        if fragment[len(letters):len(letters) + 1] in ("?", "*", "{"):
            letters = letters[:-1]  # "MoUs?": the last letter may be missing
        if not letters:
            return None
        starts.append(letters.lower())
    return tuple(sorted(set(starts)))


def may_hold(text_lower: str, starts: tuple[str, ...] | None) -> bool:
    """False when none of the starts occurs in the text, so no fragment can match."""
    return starts is None or any(start in text_lower for start in starts)
