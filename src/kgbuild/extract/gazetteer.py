"""Countries (ISO 3166-1 via pycountry, plus the demonyms news text uses) and currencies."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


@dataclass(frozen=True)
class CountryName:
    code: str
    name: str


def _rows(filename: str) -> list[list[str]]:
    text = resources.files("kgbuild").joinpath("data", filename).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def country_surfaces() -> dict[str, CountryName]:
    """Every surface form (case as written) -> country. Longest forms are matched first by callers."""
    import pycountry

    short: dict[str, str] = {}
    surfaces: dict[str, CountryName] = {}
    rows = _rows("countries.tsv")
    for code, name, *_ in rows:
        short[code] = name
    for country in pycountry.countries:
        code = country.alpha_2
        canonical = CountryName(code, short.get(code, getattr(country, "common_name", None) or country.name))
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                surfaces.setdefault(value, canonical)
    for code, name, *rest in rows:
        canonical = CountryName(code, name)
        surfaces[name] = canonical
        for alias in (rest[0].split("|") if rest and rest[0] else []):
            surfaces[alias.strip()] = canonical
    return surfaces


@lru_cache(maxsize=1)
def fiscal_year_starts() -> dict[str, int]:
    """Country code -> the month its fiscal year starts in, for countries whose year is not the calendar's."""
    return {code: int(month) for code, month in _rows("fiscal_years.tsv")}


@lru_cache(maxsize=1)
def country_by_code() -> dict[str, CountryName]:
    return {c.code: c for c in country_surfaces().values()}


@lru_cache(maxsize=1)
def country_lengths() -> dict[str, tuple[int, ...]]:
    """First word of a surface form (as written, and in capitals) -> the numbers of words of the forms
    it starts, longest first: a matcher tries only those."""
    lengths: dict[str, set[int]] = {}
    for surface in country_surfaces():
        words = surface.split()
        for first in (words[0], words[0].upper()):
            lengths.setdefault(first, set()).add(len(words))
    return {first: tuple(sorted(sizes, reverse=True)) for first, sizes in lengths.items()}


def lookup_country(surface: str) -> CountryName | None:
    """The country a surface form names; a name written in capitals ("TANZANIA") too."""
    found = country_surfaces().get(surface.replace("’", "'"))  # "Côte d’Ivoire", typeset
    if found is None and len(surface) > 3 and surface.isupper():
        found = country_surfaces().get(surface.title())
    return found


@dataclass(frozen=True)
class CurrencyForm:
    """A written form of money ("$", "dirhams", "/-") and the ISO 4217 codes it may stand for."""

    codes: tuple[str, ...]  # most likely first
    countries: tuple[frozenset[str], ...]  # the countries that use each code
    abbreviations: tuple[str, ...]  # symbols and codes as written ("$", "EUR", "Dh"): they may stand before the number


@lru_cache(maxsize=1)
def currency_forms() -> dict[str, CurrencyForm]:
    """Written form (lower case) -> the currencies it names."""
    codes: dict[str, list[str]] = {}
    users: dict[str, frozenset[str]] = {}
    abbreviations: dict[str, list[str]] = {}
    for code, names, *countries in _rows("currencies.tsv"):
        users[code] = frozenset(countries[0].split("|")) if countries and countries[0] else frozenset()
        for name in names.split("|"):
            form = name.strip()
            codes.setdefault(form.lower(), []).append(code)
            if not form.islower() and not re.search(r"[a-z]{3}", form):
                abbreviations.setdefault(form.lower(), []).append(form)
    return {form: CurrencyForm(tuple(found), tuple(users[c] for c in found), tuple(abbreviations.get(form, ())))
            for form, found in codes.items()}


def currency_code(form: str, countries: list[str]) -> str | None:
    """The ISO 4217 code a written form names in a figure about these countries."""
    found = currency_forms().get(form.strip().lower())
    if found is None:
        return None
    for code, users in zip(found.codes, found.countries):
        if users & set(countries):
            return code
    return found.codes[0]
