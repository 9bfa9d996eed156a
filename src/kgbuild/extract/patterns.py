"""Regular expressions made from the phrase tables of the vocabulary module."""

from __future__ import annotations

import re


def alternatives(fragments) -> str:
    """One group that matches any of the fragments."""
    return "(?:" + "|".join(fragments) + ")"


def phrases(fragments) -> re.Pattern:
    """A case-insensitive pattern that finds any of the fragments as whole words."""
    return re.compile(r"\b" + alternatives(fragments) + r"\b", re.IGNORECASE)
