"""Countries (ISO 3166-1 via pycountry, plus the demonyms news text uses) and currencies."""

from __future__ import annotations

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
def country_by_code() -> dict[str, CountryName]:
    return {c.code: c for c in country_surfaces().values()}


@lru_cache(maxsize=1)
def max_country_words() -> int:
    return max(len(s.split()) for s in country_surfaces())


def lookup_country(surface: str) -> CountryName | None:
    return country_surfaces().get(surface)


@lru_cache(maxsize=1)
def currency_words() -> dict[str, str]:
    """Symbol or word (lower case) -> ISO 4217 code."""
    table: dict[str, str] = {}
    for code, names in _rows("currencies.tsv"):
        for name in names.split("|"):
            table[name.strip().lower()] = code
    return table
