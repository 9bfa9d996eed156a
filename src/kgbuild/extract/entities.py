"""Actors in an article: countries, organisations and persons, each with its mentions.

Organisations are found from their head noun ("Agency", "Chamber", "Commission" ...) outwards:
capitalised modifiers to the left, prepositional complements to the right ("of Commerce and
Industry", "on Economic Cooperation between the governments of ..."), an acronym in brackets after.
Persons are capitalised name runs next to a post: before it ("Chairman Reza Vaziri") or in
apposition after it ("Orkhan Mammadov, Board Chairman of ...").
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .gazetteer import CountryName, country_lengths, lookup_country
from .text import Sentence, Token, token_texts
from .vocabulary import (
    MODIFIED_HEADS,
    GENERIC_CHAMBER_WORDS,
    EVENT_FORUM_WORDS,
    SCOPE_NOUNS,
    PLACE_NOUNS,
    GENERIC_NAME_WORDS,
    APPOSITIVE_HEADS, BILATERAL_BODY_HEADS, COMPANY_POSTS, ORG_WORD_SUFFIXES, POSTPOSED_HEADS,
    NAME_DROPPED, NAME_EXPANSIONS, NAME_PARTICLES, NAME_SURNAME_TITLES, TRANSLITERATED_INITIALS, NAME_SYNONYMS, EVENT_LEADS, FUNCTION_CAPS, HONORIFICS, NAME_PREPOSITIONS, NOT_NAME_WORDS, NOT_SIDE_ENDS, ORG_HEADS,
    POST_MODIFIERS, POST_WORDS, WEAK_HEADS,
)

STOPWORDS = {"of", "for", "and", "the", "on", "at", "between", "in", "to", "&", "de"}
POSSESSIVE = {"'s", "’s"}
def _name_shaped(text: str) -> bool:
    """A capitalised word of letters (any script), perhaps hyphenated or with an apostrophe: O'Neil, Weiß."""
    parts = text.split("-")
    head = parts[0]
    return (len(head) > 1 and head[0].isupper() and any(c.islower() for c in head[1:])
            and all(c.isalpha() or c in "'’" for c in head) and all(p.isalpha() for p in parts[1:]))


# ---- mentions -----------------------------------------------------------------------------

@dataclass
class CountryMention:
    sentence: int
    first: int  # token indices, end exclusive
    last: int
    country: CountryName
    in_compound: bool  # part of "US-Azerbaijan"


@dataclass
class OrgMention:
    sentence: int
    first: int
    last: int
    name: str
    head: str
    country: str | None = None
    countries_in_name: tuple[str, ...] = ()
    acronym: str | None = None
    parent: "OrgMention | None" = None
    is_reference: bool = False  # "the Agency", "SMBDA": points at an organisation named elsewhere
    cluster: "OrgCluster | None" = None


@dataclass
class OrgCluster:
    """One organisation of the article, with every name it goes by."""

    names: list[str]
    head: str
    country: str | None
    acronyms: list[str] = field(default_factory=list)
    mentions: list[OrgMention] = field(default_factory=list)
    words: frozenset[str] = frozenset()
    parent: "OrgCluster | None" = None
    countries_in_name: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        best = max(self.names, key=lambda n: (len(_content_words(n)), -self.names.index(n)))
        return best

    @property
    def kind(self) -> str:
        return ORG_HEADS.get(self.head, "Organization")


@dataclass
class PersonMention:
    sentence: int
    first: int
    last: int
    person: "PersonCluster"


@dataclass
class PersonCluster:
    name: str
    post: str | None = None
    organization: OrgCluster | None = None
    country: str | None = None
    mentions: list[PersonMention] = field(default_factory=list)
    post_rank: int = 0  # an appositive post (2) beats a title before the name (1)

    @property
    def surname(self) -> str:
        return self.name.split()[-1]


@dataclass
class ArticleEntities:
    countries: list[CountryMention] = field(default_factory=list)
    orgs: list[OrgCluster] = field(default_factory=list)
    persons: list[PersonCluster] = field(default_factory=list)
    org_mentions: dict[int, list[OrgMention]] = field(default_factory=dict)  # by sentence
    person_mentions: dict[int, list[PersonMention]] = field(default_factory=dict)
    country_mentions: dict[int, list[CountryMention]] = field(default_factory=dict)
    terms: dict[str, str] = field(default_factory=dict)  # acronym -> expansion, for non-organisations
    bracketed: set[str] = field(default_factory=set)  # every acronym the article defines in brackets
    sentences: list[Sentence] = field(default_factory=list)  # the article's, by index
    post_acronyms: set[str] = field(default_factory=set)
    heads_searched: dict[str, int] = field(default_factory=dict)  # see _latest_with_head
    # persons by full name and by every end of it ("Al Jaber" of "Sultan Al Jaber"), the first named
    # first: looking a name up is then one step, however many persons the article names
    person_by_name: dict[str, "PersonCluster"] = field(default_factory=dict)
    person_by_tail: dict[str, "PersonCluster"] = field(default_factory=dict)
    first_names: set[str] = field(default_factory=set)  # first words of names of two words or more

    def add_person(self, person: "PersonCluster") -> None:
        self.persons.append(person)
        self._index_person(person)

    def remove_persons(self, gone: list["PersonCluster"]) -> None:
        """Take persons out (merged into others), indexing the rest again once."""
        leaving = {id(p) for p in gone}
        self.persons = [p for p in self.persons if id(p) not in leaving]
        self.person_by_name.clear()
        self.person_by_tail.clear()
        self.first_names.clear()
        for each in self.persons:
            self._index_person(each)

    def _index_person(self, person: "PersonCluster") -> None:
        self.person_by_name.setdefault(person.name, person)
        words = person.name.split(" ")
        if len(words) >= 2:
            self.first_names.add(words[0])
        for k in range(1, len(words)):
            self.person_by_tail.setdefault(" ".join(words[k:]), person)


# ---- word helpers -----------------------------------------------------------------------------

def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _content_words(name: str) -> list[str]:
    words = re.findall(r"[^\W_]+", name.lower())
    return [w for w in words if w not in STOPWORDS and w not in {"s"}]


def _initials(words: list[str], split_hyphens: bool) -> str:
    letters = []
    for word in words:
        parts = re.split(r"[-‐–]", word) if split_hyphens else [word]
        letters.extend(p[0] for p in parts if p)
    return "".join(letters).upper()


def acronym_of(acronym: str, words: list[str]) -> bool:
    """True when acronym spells the initials of words (with or without hyphen parts)."""
    target = acronym.upper()
    plain = target[:-1] if acronym.endswith("s") and len(acronym) > 2 else target
    content = [w for w in words if w.lower() not in STOPWORDS and re.match(r"[^\W_]", w)]
    for split in (True, False):
        initials = _initials(content, split)
        if initials in (target, plain):
            return True
    return False


def _is_org_word(token: Token) -> bool:
    return (token.is_cap and token.lower not in FUNCTION_CAPS and token.lower not in POST_WORDS
            and token.text not in POSSESSIVE and token.text not in TRANSLITERATED_INITIALS)


def _is_name_token(token: Token) -> bool:
    return _is_name_word(token.text)


@lru_cache(maxsize=4096)
def _is_name_word(text: str) -> bool:
    """Could this word be part of a personal name? (It depends on the word alone, so it is cached.)"""
    token = Token(text, 0, 0)
    low = token.lower
    return (_name_shaped(token.text) and low not in FUNCTION_CAPS and low not in POST_WORDS
            and low not in NOT_NAME_WORDS and _singular(low) not in ORG_HEADS and low not in POST_MODIFIERS
            and low.rstrip(".") not in HONORIFICS and lookup_country(token.text) is None)


def _is_initial(token: Token) -> bool:
    return len(token.text) == 1 and token.text.isupper()


# A surname written with a lower-case particle joined to it: "el-Sisi", "al-Dhaheri", "d'Estaing".
_PARTICLE_SURNAME = re.compile(r"(?:al|el|ad|ar|as|ash|at|az|ad-d|bin|ibn|abu|ben|da|de|di|du|van|von|d|l)[-‐'’][A-Z][^\W\d_]+"
                               r"(?:-[A-Z][^\W\d_]+)?")


def _surname_named_as_country(tokens: tuple[Token, ...], i: int) -> bool:
    """Is token i, a country's name, the surname of a first name after a post or honorific ("Finance
    Minister Sinisa Mali")?"""
    return i >= 2 and _name_shaped(tokens[i].text) and _name_shaped(tokens[i - 1].text) \
        and tokens[i - 1].lower not in FUNCTION_CAPS and lookup_country(tokens[i - 1].text) is None \
        and (tokens[i - 2].lower in POST_WORDS or tokens[i - 2].lower.rstrip(".") in HONORIFICS)


def _name_run_end(tokens: tuple[Token, ...], i: int, blocked: set[int]) -> int:
    """End of a personal name that starts at token i: name words, with initials ("Rodolfo J Martin"),
    particles ("Mohammed bin Rashid", "Ursula von der Leyen") and a surname in capitals ("Rakiya EDDARHEM")."""
    end = j = i
    while j < len(tokens) and j not in blocked and j - i < 8:
        token = tokens[j]
        follows = j + 1 < len(tokens) and _is_name_token(tokens[j + 1])
        if _is_name_token(token) or j > i and token.lower in NAME_SURNAME_TITLES:
            j += 1
            end = j
        elif j > i and _is_initial(token) and (follows or j + 2 < len(tokens) and tokens[j + 1].text == "."
                                               and (_is_name_token(tokens[j + 2])
                                                    or tokens[j + 2].lower in NAME_PARTICLES)):
            j += 1 if follows else 2
        elif j > i and token.lower in NAME_PARTICLES and (follows or j + 1 < len(tokens)
                                                          and tokens[j + 1].lower in NAME_PARTICLES):
            j += 1
        elif j > i and _PARTICLE_SURNAME.fullmatch(token.text):
            j += 1  # "Abdel Fattah el-Sisi", "Humaid Matar al-Dhaheri"
            end = j
        elif j > i and len(token.text) == 2 and token.text.isalpha() and token.text.isupper() and follows:
            j += 1  # two initials written together: "Sudharshan DS Seneviratne"
        elif j > i and token.text.isupper() and token.text.isalpha() and len(token.text) >= 3 and not follows \
                and lookup_country(token.text) is None and token.lower not in ORG_HEADS:
            return j + 1  # a surname written in capitals ends the name
        elif j == i + 1 and lookup_country(token.text) is not None and _surname_named_as_country(tokens, j):
            return j + 1  # "Finance Minister Sinisa Mali": a surname that is also a country's name
        else:
            break
    return end


def _initials_end(tokens: tuple[Token, ...], i: int) -> int:
    """Where the initials a name starts with end ("R." of "R. Meredov", "E.B." of "E.B. Rajesh", "Sh.K." of
    "Sh.K.Nazarov"), or 0."""
    j = i
    while j + 1 < len(tokens) and j - i < 6:
        token = tokens[j]
        if re.fullmatch(r"(?:[A-Z]\.){2,3}", token.text) and token.lower.rstrip(".") not in HONORIFICS:
            # read as one token ("E.B."); "H.E." is an honorific, not initials
            j += 1
        elif (_is_initial(token) or token.text in TRANSLITERATED_INITIALS) and tokens[j + 1].text == "." \
                and tokens[j + 1].start == token.end:
            j += 2
        else:
            break
    return j if j > i and j < len(tokens) and tokens[j].start - tokens[j - 1].end <= 1 else 0


def _is_post_token(token: Token, post_acronyms: set[str]) -> bool:
    return token.lower in POST_WORDS or token.text in post_acronyms


# ---- countries ----------------------------------------------------------------------------------

def find_countries(sentence: Sentence) -> list[CountryMention]:
    tokens = sentence.tokens
    found: list[CountryMention] = []
    i = 0
    lengths = country_lengths()
    while i < len(tokens):
        matched = False
        if not tokens[i].is_cap:  # every country name and demonym starts with a capital
            i += 1
            continue
        for size in lengths.get(tokens[i].text, ()):
            if i + size > len(tokens):
                continue
            surface = " ".join(t.text for t in tokens[i:i + size])
            country = lookup_country(surface)
            if country and i + size < len(tokens) and tokens[i + size].lower in ("$", "dollar", "dollars"):
                continue  # "US $100 million", "11.2 billion US dollars" name a currency
            if country and size == 1 and _surname_named_as_country(tokens, i):
                break  # "Finance Minister Sinisa Mali": a surname, not the country
            if country and tokens[i].is_cap:
                found.append(CountryMention(sentence.index, i, i + size, country, False))
                i += size
                matched = True
                break
        if matched:
            continue
        parts = re.split(r"[-‐–]", tokens[i].text) if len(tokens[i].text) > 3 and not tokens[i].text.isalpha() else ()
        if len(parts) > 1:
            for part in parts:
                country = lookup_country(part)
                if country:
                    found.append(CountryMention(sentence.index, i, i + 1, country, True))
        i += 1
    return found


# ---- organisations ------------------------------------------------------------------------------

def _bracket_acronym(tokens: tuple[Token, ...], i: int) -> str | None:
    """The acronym of a '(ACR)' group starting at token i, if there is one."""
    if i + 2 < len(tokens) and tokens[i].text == "(" and tokens[i + 2].text == ")" and (
            tokens[i + 1].is_acronym or _is_camel_case(tokens[i + 1].text)):  # (SMBDA), (ApexBrasil)
        return tokens[i + 1].text
    return None


def _comma_list(tokens: tuple[Token, ...], i: int) -> int:
    """At a comma inside a list 'X, Y and Z' of capitalised words: index after Z, else 0."""
    k = i
    while k + 1 < len(tokens) and tokens[k].text == "," and _is_org_word(tokens[k + 1]):
        k += 2
    if k > i and k + 2 < len(tokens) and tokens[k].text == "," and tokens[k + 1].lower == "and":
        k += 1  # the serial comma: "Commerce, Industry, Mines, and Agriculture"
    if k > i and k + 1 < len(tokens) and tokens[k].lower == "and" and _is_org_word(tokens[k + 1]):
        end = _words_after_and(tokens, k + 1)
        return end
    return 0


def _words_after_and(tokens: tuple[Token, ...], j: int) -> int:
    """End of the words after 'and' that still belong to one name ("Trade and Digital Economy"), or j
    when they name an organisation of their own ("... for Tourism and Caspian Event Organisers LLC")."""
    end = j
    while end < len(tokens) and _is_org_word(tokens[end]):
        if _singular(tokens[end].lower) in ORG_HEADS:
            return 0
        end += 1
    if end < len(tokens) and tokens[end].text in POSSESSIVE:
        return 0  # "... Estates and Oman's Chamber": the owner of the next name
    if end - j >= 2 and lookup_country(tokens[end - 1].text) and tokens[end - 2].lower not in GENERIC_NAME_WORDS:
        return 0  # "the Chamber of Commerce and Focus Cuba": a name of its own that ends in a country's
    return end


# Words of rank before a post word, never part of a body's name ("Ministry of Trade Permanent Secretary")
_RANKS = {"permanent", "deputy", "vice", "acting", "executive", "managing", "senior", "chief", "assistant", "interim"}


def _cap_run(tokens: tuple[Token, ...], i: int) -> int:
    """End of a run of capitalised name words (with 'and' and comma lists) starting at i."""
    j = i
    end = i
    while j < len(tokens):
        token = tokens[j]
        if token.lower in _RANKS and j > i and j + 1 < len(tokens) and tokens[j + 1].lower in POST_WORDS:
            break  # "Ministry of Trade Permanent Secretary X": the post begins
        if _is_org_word(token):
            j += 1
            end = j
        elif token.lower in ("and", "&") and j > i and j + 1 < len(tokens) and _words_after_and(tokens, j + 1):
            j += 1
        elif token.text == "," and j > i and (stop := _comma_list(tokens, j)):
            j = stop
            end = stop
        else:
            break
    return end


def find_org_spans(sentence: Sentence, post_acronyms: set[str]) -> list[tuple[int, int, int, str | None]]:
    """(first, last, head index, acronym) of every organisation name in the sentence."""
    tokens = sentence.tokens
    spans: list[tuple[int, int, int, str | None]] = []
    covered_until = -1
    for h, token in enumerate(tokens):
        if h < covered_until or not token.is_cap or token.lower not in ORG_HEADS and not (
                _singular(token.lower) in ORG_HEADS and h + 2 < len(tokens) and tokens[h + 1].lower == "of"
                and tokens[h + 2].is_cap):  # a plural head naming one body: "Mauritius Chambers Of Commerce"
            continue
        first = h
        while first > max(covered_until, 0):
            before = tokens[first - 1]
            if _is_org_word(before) and not _is_post_token(before, post_acronyms):
                first -= 1
            elif before.text in POSSESSIVE and first >= 2 and re.search(r"(?:men|ers)$", tokens[first - 2].text) \
                    and _is_org_word(tokens[first - 2]):
                first -= 1  # "Egyptian Businessmen's Association": a possessive inside the name
            elif before.text == ")" and first >= 3 and _bracket_acronym(tokens, first - 3) and first - 3 > 0 \
                    and _is_org_word(tokens[first - 4]):
                first -= 3
            elif before.lower in ("and", "&") and first >= 2 and _is_org_word(tokens[first - 2]) \
                    and tokens[first - 2].lower not in ORG_HEADS \
                    and _singular(tokens[first - 2].lower) in GENERIC_NAME_WORDS:  # "Export and Investment ..."
                first -= 1
            else:
                break
        if first == h and token.lower in MODIFIED_HEADS:
            continue  # "the Board of the Agency" is a part of the Agency; "Export Promotion Board" names one
        if first < h and tokens[first].lower in ("and", "&"):
            first += 1
        last = h + 1
        while last < len(tokens):
            prep = tokens[last].lower
            if prep not in NAME_PREPOSITIONS:
                break
            k = last + 1
            seen_between = prep == "between"
            while k < len(tokens) and (tokens[k].lower == "the" or seen_between and tokens[k].lower in
                                       ("governments", "government", "of", "republic")):
                k += 1
            end = _cap_run(tokens, k)
            names = 0
            while end - names - 1 > k and _is_name_token(tokens[end - names - 1]):
                names += 1
            if names >= 2 and (end == len(tokens) or not tokens[end].is_cap and tokens[end].text != "(") \
                    and not any("-" in t.text for t in tokens[end - names:end]) \
                    and tokens[end - names - 1].lower not in ("and", "&", "of", "for"):
                end -= names  # "Center for Trade Policy Development Aidar Abildabekov": the name is a person's
            if end == k:
                break
            if prep == "at" and not any(t.lower in ORG_HEADS for t in tokens[k:end]):
                break
            if end + 2 < len(tokens) and tokens[end].text in POSSESSIVE and lookup_country(_joined(tokens[k:end])):
                place = _cap_run(tokens, end + 1)
                if place > end + 1 and place < len(tokens) and tokens[place].lower in PLACE_NOUNS:
                    end = place  # "Commerce Commission of China's Chongqing city": named by the city
            last = end
        if last == h + 1 and _singular(token.lower) == "chamber":
            last = _chamber_fields_end(tokens, last)  # "Abuja Chamber of commerce and Industry", as written
        if token.lower not in ORG_HEADS and first == h and all(
                t.lower in STOPWORDS or _singular(t.lower) in GENERIC_NAME_WORDS for t in tokens[h + 1:last]):
            covered_until = last
            continue  # "Chambers of Commerce cooperate at various levels": a kind of body, not one
        acronym = _bracket_acronym(tokens, last)
        spans.append((first, last, h, acronym))
        covered_until = last
    return spans


_CHAMBER_FIELDS = {"commerce", "industry", "industries", "trade", "agriculture", "mines", "mining", "crafts"}


def _chamber_fields_end(tokens: tuple[Token, ...], j: int) -> int:
    """After a chamber's head, its fields written in lower case ("of commerce and industry"): where they
    end, else j."""
    if not (j + 1 < len(tokens) and tokens[j].lower == "of" and tokens[j + 1].lower in _CHAMBER_FIELDS):
        return j
    end = j + 2
    while end + 1 < len(tokens) and tokens[end].lower in ("and", "&", ",") and tokens[end + 1].lower in _CHAMBER_FIELDS:
        end += 2
    return end


def _joined(tokens) -> str:
    return " ".join(t.text for t in tokens)


def _name_text(sentence: Sentence, first: int, last: int) -> str:
    tokens = sentence.tokens
    pieces: list[str] = []
    i = first
    while i < last:
        if tokens[i].text == "(" and i + 3 <= last and _bracket_acronym(tokens, i):
            i += 3  # an acronym inside a name is an alias of part of it, not a word of the name
            continue
        if i > first and i + 2 < last and tokens[i + 1].text in POSSESSIVE and tokens[i - 1].lower in ("of", "for") \
                and lookup_country(tokens[i].text):
            i += 2  # "of China's Chongqing" names Chongqing
            continue
        token = tokens[i]
        gap = token.start - tokens[i - 1].end if pieces else 0
        if pieces and gap > 0:
            pieces.append(" ")
        pieces.append(token.text)
        i += 1
    return "".join(pieces)


def _expand_terms(words: list[str], terms: dict[str, str]) -> list[str]:
    out: list[str] = []
    for word in words:
        key = word.upper().rstrip("S") if word.upper().endswith("S") and len(word) > 2 else word.upper()
        expansion = terms.get(key) or terms.get(word.upper())
        out.extend(_content_words(expansion) if expansion else [word])
    return out


def normal_name_words(word: str) -> list[str]:
    """One word of an organisation name as comparable: singular, with the genre's synonyms folded."""
    word = _singular(word.lower())
    if word in NAME_DROPPED:
        return []
    return NAME_EXPANSIONS.get(word, [NAME_SYNONYMS.get(word, word)])


def org_key(name: str, terms: dict[str, str]) -> frozenset[str]:
    # "Saudi-Canadian Business Council" and "Canadian-Saudi Business Council" are each side's own: the order
    # of a hyphenated pair is part of the name
    words: list[str] = [f"{a.lower()}>{b.lower()}" for a, b in re.findall(r"([^\W\d_]+)[-‐–]([^\W\d_]+)", name)
                        if lookup_country(a) and lookup_country(b)]
    for word in _expand_terms(_content_words(name), terms):
        for part in re.split(r"[-‐–]", word):
            if part:
                words.extend(normal_name_words(part))
    return frozenset(words)


def _name_run(tokens: tuple[Token, ...], i: int, limit: int = 6) -> int:
    """End of a run of capitalised words and acronyms from i that could be a name ("MOL", "OTP Bank")."""
    j = i
    while j < len(tokens) and j - i < limit and (_is_org_word(tokens[j]) or tokens[j].text == "&" and j > i):
        j += 1
    while j > i and tokens[j - 1].text == "&":
        j -= 1
    return j


def _is_camel_case(text: str) -> bool:
    """ProChile, VietnamTrade, PepsiCo: a brand written as one word with a capital inside."""
    return bool(re.fullmatch(r"[A-Z][a-z]{2,}(?:[A-Z][a-z]+|[A-Z]{2,})+", text)) and not re.match(r"Ma?c[A-Z]", text)


def _lower_scope(tokens: tuple[Token, ...], j: int) -> int:
    """End of a lower-case scope after a body's head: "commission on economic, scientific, technical and
    cultural cooperation"; j when there is none."""
    if j >= len(tokens) or tokens[j].lower not in ("on", "for"):
        return j
    k = j + 1
    while k < len(tokens) and k - j < 14 and (tokens[k].text.islower() and tokens[k].text.isalpha()
                                              or tokens[k].text == ","):
        if tokens[k].lower in SCOPE_NOUNS:
            return k + 1
        k += 1
    return j


LIST_JOINERS = {",", "and", ";", "-", "–", "—", "•", "*", "&"}
_ORG_SUFFIXES = tuple(ORG_WORD_SUFFIXES)
SIGNING_WORDS = {"signed", "inked", "concluded", "sealed"}
LOWER_CASE_CUES = set(APPOSITIVE_HEADS) | POSTPOSED_HEADS | BILATERAL_BODY_HEADS | COMPANY_POSTS


def _listed_name(tokens: tuple[Token, ...], i: int, taken: set[int], country_at: set[int], text: str) -> int:
    """End of a name that stands in a list of organisations ("meetings with the Chamber, Export
    Development Canada and the Business Council"; "- Sonangol and Petrobras SA"), else 0: a run of
    capitalised words between list joiners, beside a name already read or in a list item."""
    end = _name_run(tokens, i)
    if end == i or all(k in country_at for k in range(i, end)) or any(k in taken for k in range(i, end)):
        return 0
    if end - i >= 2 and all(_name_shaped(t.text) and t.lower not in ORG_HEADS for t in tokens[i:end]) \
            and not any(k in country_at for k in range(i, end)):
        return 0  # two or three plain name words are a person's name more likely than a company's
    if (after := _initials_end(tokens, i)) and after < end and _is_name_token(tokens[after]):
        return 0  # "S.R. Menon": initials and a name are a person's
    before = i - 1
    while before >= 0 and tokens[before].text in LIST_JOINERS:
        before -= 1
    after = end
    while after < len(tokens) and tokens[after].text in LIST_JOINERS | {"the"}:
        after += 1
    beside = (before >= 0 and before in taken and i - before > 1) or (after < len(tokens) and after in taken
                                                                       and after > end)
    in_item = text[:3].lstrip()[:1] in ("-", "–", "—", "•", "*") and (before < 0 or tokens[before].text in LIST_JOINERS)
    closes = end == len(tokens) or tokens[end].text in LIST_JOINERS | {".", "the"}
    return end if (beside or in_item or _signing_side(tokens, i, end)) and (closes or _signs_next(tokens, end)) else 0


def _described_name(tokens: tuple[Token, ...], i: int, country_at: set[int]) -> tuple[int, int] | None:
    """End of a name followed by a description of what it is, and the noun of the description: "The
    AICEP, Portugal's trade and investment agency, ..."; else None."""
    end = _name_run(tokens, i)
    if end == i or end + 2 >= len(tokens) or tokens[end].text != ",":
        return None
    k = end + 1
    if k + 1 < len(tokens) and k in country_at and tokens[k + 1].text in POSSESSIVE:
        k += 2
    elif k in country_at:
        k += 1
    while k < len(tokens) and k - end < 8 and tokens[k].text.islower():
        if tokens[k].lower in APPOSITIVE_HEADS and k + 1 < len(tokens) and tokens[k + 1].text in (",", "."):
            return end, k
        k += 1
    return None


def _spelled_side(tokens: tuple[Token, ...], i: int) -> int:
    """End of a name without a head noun that its bracketed acronym spells, standing beside another
    organisation as a side of the signing the sentence tells of: "ProMexico and the Canadian
    Manufacturers and Exporters (CME), ..., have signed"; else 0. A spelled term ("Free Trade
    Agreement (FTA)") is no side: it stands beside no organisation, or ends in a document's noun."""
    if i > 0 and tokens[i - 1].lower not in ("the", "and", ",") or i + 3 >= len(tokens):
        return 0
    end = i
    while end < len(tokens) and end - i < 8 and (_is_org_word(tokens[end]) or end > i and tokens[end].lower in (
            "and", "&", "of", "for")):
        end += 1
    acronym = _bracket_acronym(tokens, end)
    if acronym is None or end - i < 2 or not tokens[end - 1].is_cap or tokens[end - 1].lower in NOT_SIDE_ENDS:
        return 0
    if not acronym_of(acronym, [t.text for t in tokens[i:end]]):
        return 0
    if not any(t.lower in SIGNING_WORDS for t in tokens[end + 3:]):
        return 0
    # coordinated with a name: "X and the Canadian ... (CME)", "the Canadian ... (CME) and X"
    k = i - 1 if i > 0 and tokens[i - 1].lower != "the" else i - 2
    after = end + 4 if end + 4 < len(tokens) and tokens[end + 4].lower != "the" else end + 5
    beside = k >= 1 and tokens[k].lower == "and" and tokens[k - 1].is_cap or (
        after < len(tokens) and tokens[end + 3].lower == "and" and tokens[after].is_cap)
    return end if beside else 0


def _signs_next(tokens: tuple[Token, ...], end: int) -> bool:
    """Does a signing verb follow: "Saudi Aramco and TotalEnergies signed", "... have signed"?"""
    k = end
    while k < len(tokens) and tokens[k].lower in ("have", "has", "also", "jointly", "on", "today"):
        k += 1
    return k < len(tokens) and tokens[k].lower in SIGNING_WORDS


def _signing_side(tokens: tuple[Token, ...], i: int, end: int) -> bool:
    """Is the run a side of a signing: its subject ("Saudi Aramco and TotalEnergies signed"), or named
    after "with" in a sentence that tells of one ("signed an agreement with Business France")?"""
    if _signs_next(tokens, end):
        return True
    if end + 1 < len(tokens) and tokens[end].lower == "and":
        after = _name_run(tokens, end + 1)
        if after > end + 1 and _signs_next(tokens, after):
            return True
    return i > 0 and tokens[i - 1].lower == "with" and any(t.lower in SIGNING_WORDS for t in tokens[max(0, i - 12):i]) \
        and not _described_as_place(tokens, end)


def _described_as_place(tokens: tuple[Token, ...], end: int) -> bool:
    """Is the name followed by a description of a place: "Guangxi, China's southern border region,"?"""
    if end >= len(tokens) or tokens[end].text != ",":
        return False
    for k in range(end + 1, min(len(tokens), end + 9)):
        if tokens[k].text in (",", ".", ";"):
            return False
        if tokens[k].lower in PLACE_NOUNS or tokens[k].lower in ("capital", "metropolis", "port", "hub"):
            return True
    return False


def find_named_org_spans(sentence: Sentence, countries: list[CountryMention], taken: set[int],
                         defined: set[str] = frozenset()) -> list[tuple[int, int, int, str | None]]:
    """Organisations named without a capitalised head noun: in apposition to a common noun ("oil and
    gas company MOL"), before a lower-case head ("the Delovaya Rossiya association"), a body named by
    two countries ("the Hungarian-Serbian mixed economic committee"), a company after its founder's
    post ("Founder of Access View Africa"), and one-word brands ("Eximbank", "ProChile").
    Returns (first, last, head index, acronym); the head may lie outside the name."""
    tokens = sentence.tokens
    spans: list[tuple[int, int, int, str | None]] = []
    compounds = {c.first for c in countries if c.in_compound}
    country_at = {i for c in countries for i in range(c.first, c.last)}

    def free(first: int, last: int) -> bool:
        return not any(i in taken for i in range(first, last)) and not any(
            s[0] < last and first < s[1] for s in spans)

    for i, token in enumerate(tokens):
        if token.is_cap and i not in taken and free(i, i + 1) and (spelled := _spelled_side(tokens, i)):
            spans.append((i, spelled, spelled - 1, tokens[spelled + 1].text))
    # a name listed beside a spelled side is listed beside a name ("ProMexico and the ... (CME)")
    beside_names = taken | {k for first, last, _, _ in spans for k in range(first, last + 3)}
    for i, token in enumerate(tokens):
        text = token.text
        if not (text[:1].isupper() or text in LOWER_CASE_CUES):
            continue  # every rule starts at a capitalised word or at one of the lower-case cue words
        low = token.lower
        if token.text.islower() and low in APPOSITIVE_HEADS and i + 1 < len(tokens):
            end = _name_run(tokens, i + 1)
            names_country = end == i + 2 and (i + 1) in country_at
            if end > i + 1 and not names_country and free(i + 1, end) and not (
                    end < len(tokens) and tokens[end].text in POSSESSIVE):
                spans.append((i + 1, end, i, _bracket_acronym(tokens, end)))
                continue
        if token.text.islower() and low in POSTPOSED_HEADS and i >= 2:
            end = i
            if tokens[end - 1].text == ")" and end >= 3:
                end = next((k for k in range(end - 2, max(end - 8, 0), -1) if tokens[k].text == "("), end)
            first = end
            while first > 0 and _is_org_word(tokens[first - 1]) and first - 1 not in country_at:
                first -= 1
            if first < end and free(first, end) and tokens[first].lower not in FUNCTION_CAPS \
                    and first > 0 and tokens[first - 1].lower == "the":  # "a Vojvodina bank" names none
                spans.append((first, end, i, _bracket_acronym(tokens, end)))
                continue
        if low in BILATERAL_BODY_HEADS and token.text.islower():
            for start in range(i - 1, max(i - 5, -1), -1):
                if start in compounds:
                    end = _lower_scope(tokens, i + 1)
                    if free(start, end) and all(t.text.islower() for t in tokens[start + 1:i]):
                        spans.append((start, end, i, _bracket_acronym(tokens, end)))
                    break
                if not tokens[start].text.islower():
                    break
            continue
        if low in COMPANY_POSTS and i + 2 < len(tokens) and tokens[i + 1].lower in ("of", "at"):
            end = _name_run(tokens, i + 2)
            if end > i + 2 and free(i + 2, end) and not all(k in country_at for k in range(i + 2, end)) \
                    and not any(t.lower in ORG_HEADS for t in tokens[i + 2:end]):
                spans.append((i + 2, end, i, _bracket_acronym(tokens, end)))
                continue
        if token.is_cap and i not in taken and token.text not in defined and low.rstrip(".") not in HONORIFICS and (
                i == 0 or tokens[i - 1].text in LIST_JOINERS or tokens[i - 1].lower == "with") \
                and (listed := _listed_name(tokens, i, beside_names, country_at, sentence.text)):
            if free(i, listed):
                spans.append((i, listed, i, _bracket_acronym(tokens, listed)))
                continue
        if token.is_cap and i not in taken and i not in country_at and (described := _described_name(tokens, i, country_at)):
            end, noun = described
            if free(i, end):
                spans.append((i, end, noun, None))  # the head is the noun of its description
                continue
        if i > 0 and tokens[i - 1].text in ("#", "@") and tokens[i - 1].end == token.start:
            continue  # "#InvestInCuba", "@MINCEX": a hashtag or a handle, not a name
        suffix = low.endswith(_ORG_SUFFIXES) and next(
            (s for s in ORG_WORD_SUFFIXES if low.endswith(s) and len(low) > len(s) + 2), None)
        if (suffix or text[1:] != text[1:].lower() and not text.isupper() and _is_camel_case(text)) and i not in country_at \
                and free(i, i + 1) \
                and lookup_country(text) is None:
            neighbours = [tokens[k] for k in (i - 1, i + 1) if 0 <= k < len(tokens)]
            if suffix or not any(_name_shaped(t.text) for t in neighbours):
                spans.append((i, i + 1, i, _bracket_acronym(tokens, i + 1)))
    for head, first, last in _company_list(tokens, country_at):
        if free(first, last):
            spans.append((first, last, head, None))
    return spans


# "German companies, among them MAN, Knauf and LEMKEN", "Jamaican companies such as JMMB": a list of
# companies named after the plural noun, each with the nationality told before it.
_COMPANY_NOUNS = {"companies", "firms", "groups", "banks", "corporations"}
_LONGEST_COMPANY_LIST = 40
_LIST_CUES = (("such", "as"), ("including",), ("among", "them"), ("like",), ("notably",), ("namely",))


def _company_list(tokens: tuple[Token, ...], country_at: set[int]) -> list[tuple[int, int, int]]:
    """(head index, first, last) of each name in a list of companies after a plural noun."""
    found: list[tuple[int, int, int]] = []
    for head, token in enumerate(tokens):
        if token.lower not in _COMPANY_NOUNS:
            continue
        k = head + 1
        if k < len(tokens) and tokens[k].text == ",":
            k += 1
        cue = next((c for c in _LIST_CUES if tuple(t.lower for t in tokens[k:k + len(c)]) == c), None)
        if cue is None and not (k > head + 1 and k < len(tokens) and tokens[k].is_cap):
            continue  # "companies, MAN, CLAAS ..." needs the comma; otherwise a cue word
        k += len(cue) if cue else 0
        items: list[tuple[int, int, int]] = []
        while k < len(tokens) and len(items) < _LONGEST_COMPANY_LIST:  # bounded: the scan stays linear
            gap = k
            while gap < len(tokens) and gap - k < 4 and (tokens[gap].text in (",", "and") or tokens[gap].text.islower()):
                gap += 1  # list joiners, and a few common nouns: "and the construction companies Odebrecht"
            if gap >= len(tokens) or not tokens[gap].is_cap or tokens[gap].lower in FUNCTION_CAPS:
                break
            end = gap
            while end < len(tokens) and tokens[end].is_cap and tokens[end].lower not in FUNCTION_CAPS:
                end += 1
            if not any(i in country_at for i in range(gap, end)) and not any(
                    tokens[i].lower in POST_WORDS or tokens[i].lower.rstrip(".") in HONORIFICS for i in range(gap, end)):
                items.append((head, gap, end))
            k = end
        if cue is None and tuple(t.lower for t in tokens[k:k + 2]) not in (("among", "them"), ("among", "others")):
            continue  # without a cue before the list, "... among them" must close it
        found.extend(items)
    return found


def find_orgs_in_sentence(sentence: Sentence, countries: list[CountryMention], entities: ArticleEntities) -> None:
    tokens = sentence.tokens
    mentions: list[OrgMention] = []
    spans = find_org_spans(sentence, entities.post_acronyms)
    taken = {k for first, last, _, acronym in spans for k in range(first, last + (3 if acronym else 0))}
    # Countries by position, to find those in or near a name without reading them all for each name
    # (a long sentence naming hundreds of each made that quadratic).
    by_start = sorted(countries, key=lambda c: c.first)
    country_starts = [c.first for c in by_start]
    ending_at: dict[int, CountryMention] = {}
    for country_mention in reversed(countries):  # the first one ending at a token wins, as in a scan
        if not country_mention.in_compound:
            ending_at[country_mention.last] = country_mention

    def countries_from(start: int, end: int) -> list[CountryMention]:
        return by_start[bisect.bisect_left(country_starts, start):bisect.bisect_left(country_starts, end)]

    for first, last, head, acronym in sorted(spans + find_named_org_spans(sentence, countries, taken,
                                                                          entities.bracketed)):
        if first < len(tokens) and tokens[first].lower == "the":
            first += 1
        if (tokens[first].lower in EVENT_LEADS or re.fullmatch(r"\d+(st|nd|rd|th)", tokens[first].lower)) \
                and first + 1 < head and tokens[head].lower in BILATERAL_BODY_HEADS | {"commission", "committee"}:
            first += 1  # "the 14th Joint Ministerial Commission meeting": the commission, whichever sitting
        elif tokens[first].lower in EVENT_LEADS or re.fullmatch(r"\d+(st|nd|rd|th)", tokens[first].lower):
            continue
        if tokens[head].lower == "forum" and head > first and tokens[head - 1].lower in EVENT_FORUM_WORDS:
            continue  # "the Angola-Brazil Business Forum" is an event
        head_word = _singular(tokens[head].lower)
        head_word = APPOSITIVE_HEADS.get(head_word, head_word) if not first <= head < last else head_word
        if first == head and last == head + 1 and head_word not in ORG_HEADS:
            head_word = next((ORG_WORD_SUFFIXES[s] for s in ORG_WORD_SUFFIXES if head_word.endswith(s)), "")
            mentions.append(OrgMention(sentence.index, first, last, tokens[head].text, head_word))
            continue
        if lookup_country(_name_text(sentence, first, last)) is not None:
            continue  # "the Russian Federation", "the Kyrgyz Republic" name a country
        inside = [c for c in countries_from(first, last) if c.last <= last]
        codes = tuple(dict.fromkeys(c.country.code for c in inside))
        country = codes[0] if len(codes) == 1 else None
        if head < first and country is None:  # "Kazakh national company KazMunayGas"
            country = next((c.country.code for c in countries_from(head - 4, head) if not c.in_compound), None)
        if head >= last and country is None:  # "The AICEP, Portugal's trade and investment agency"
            country = next((c.country.code for c in countries_from(last, head) if not c.in_compound), None)
        if first == head and last == head + 1:
            if head_word in WEAK_HEADS:
                continue
            mentions.append(OrgMention(sentence.index, first, last, tokens[head].text, head_word, is_reference=True))
            continue
        lead = next((c for c in inside if c.first == first and not c.in_compound), None)
        name_first = first
        if lead is not None:
            rest = _content_words(_name_text(sentence, lead.last, last))
            keeps_lead = acronym is not None and acronym_of(acronym, [tokens[first].text] + rest) \
                and not acronym_of(acronym, rest)
            generic = all(_singular(w) in GENERIC_CHAMBER_WORDS for w in rest)  # "National Chamber of Commerce"
            if len(rest) >= 4 and not keeps_lead and not generic:
                name_first = lead.last
            country = lead.country.code
        name = _name_text(sentence, name_first, last)
        if acronym and not _names_org(acronym, tokens, first, head, last) and _define_term(
                sentence, last, acronym, entities):
            acronym = None  # "Agency for ... Enterprises (SMEs)": the acronym names the term, not the agency
        mentions.append(OrgMention(sentence.index, first, last, name, head_word, country, codes, acronym))
    # possessors: "Azerbaijan's Agency ...", "the Agency's SMB Development Centers"
    for mention in mentions:
        if mention.first >= 2 and tokens[mention.first - 1].text in POSSESSIVE:
            end = mention.first - 1
            owner_country = ending_at.get(end)
            owner_org = next((m for m in mentions if m.last == end), None)
            if owner_country and not mention.is_reference:
                mention.country = owner_country.country.code
            elif owner_org:
                mention.parent = owner_org
    entities.org_mentions[sentence.index] = mentions
    # acronyms in brackets that follow no organisation: terms and posts ("Special Adviser ... (SAPM)")
    for i in (k for k, token in enumerate(tokens) if token.text == "("):
        acronym = _bracket_acronym(tokens, i)
        if acronym and not any(m.last == i for m in mentions):
            _define_term(sentence, i, acronym, entities)


def _names_org(acronym: str, tokens: tuple[Token, ...], first: int, head: int, last: int) -> bool:
    """Does the acronym spell the organisation (a tail of its name that keeps the head), rather than
    a term at its end ("Agency for ... Enterprises (SMEs)")?"""
    words = [t.text for t in tokens[first:last] if t.text not in ("(", ")") and not t.is_acronym or t.text == "U.S."]
    head_at = head - first
    return any(acronym_of(acronym, words[k:]) for k in range(0, min(head_at, len(words) - 1) + 1))


def _define_term(sentence: Sentence, bracket: int, acronym: str, entities: ArticleEntities) -> bool:
    tokens = sentence.tokens
    for size in range(1, 9):
        start = bracket - size
        if start < 0:
            break
        words = [t.text for t in tokens[start:bracket]]
        if acronym_of(acronym, words) and tokens[start].lower not in STOPWORDS:
            entities.terms[acronym.upper().rstrip("S") if acronym.endswith("s") else acronym.upper()] = " ".join(words)
            if any(w.lower() in POST_WORDS for w in words):
                entities.post_acronyms.add(acronym)
            return True
    return False


def _one_word_misspelt(key: frozenset[str], words: frozenset[str]) -> bool:
    """Two names alike but for one long word a letter apart: "Confederation of Nepalese Indistries" is the
    "Confederation of Nepalese Industries" misspelt."""
    if len(key) != len(words) or len(key) < 3:
        return False
    mine, theirs = key - words, words - key
    if len(mine) != 1 or len(theirs) != 1:
        return False
    a, b = next(iter(mine)), next(iter(theirs))
    if min(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1 or ">" in a + b:
        return False
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])  # swapped
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def cluster_orgs(entities: ArticleEntities) -> None:
    """Resolve the organisation mentions of one article into organisations."""
    clusters: list[OrgCluster] = []
    by_acronym: dict[str, OrgCluster] = {}
    for index in sorted(entities.org_mentions):
        for mention in entities.org_mentions[index]:
            if mention.is_reference:
                continue
            key = org_key(mention.name, entities.terms)
            target = None
            for cluster in clusters:
                if cluster.head != mention.head and mention.name not in cluster.names:
                    continue  # (one name read by two rules, with two heads, is still one organisation)
                if mention.country and cluster.country and mention.country != cluster.country:
                    continue
                if mention.countries_in_name and cluster.countries_in_name and \
                        set(mention.countries_in_name) != set(cluster.countries_in_name):
                    continue
                if mention.acronym and cluster.acronyms and mention.acronym not in cluster.acronyms:
                    continue  # each defined by an acronym of its own: "(BCCI)" and "(BHCCI)" are two bodies
                small, large = sorted((key, cluster.words), key=len)
                own = small - {mention.head}
                if key == cluster.words or small < large and (len(own) >= 2 or own - GENERIC_NAME_WORDS) \
                        or _one_word_misspelt(key, cluster.words):
                    target = cluster
                    break
            if target is None and not mention.countries_in_name and not mention.country:
                # "the Intergovernmental Commission" after "the Azerbaijan-Kazakhstan Intergovernmental
                # Commission on ...": a short generic name within exactly one longer name of the article
                holders = [c for c in clusters if c.head == mention.head and key < c.words]
                if len(holders) == 1 and len(key) >= 2:
                    target = holders[0]
            if target is None and mention.acronym and mention.acronym in by_acronym:
                target = by_acronym[mention.acronym]
            if target is None and mention.name in by_acronym:
                target = by_acronym[mention.name]  # "CEO of ADNEC" after "... Company (ADNEC)"
            if target is None:
                target = OrgCluster([mention.name], mention.head, mention.country, words=key,
                                    countries_in_name=mention.countries_in_name)
                clusters.append(target)
            else:
                if mention.name not in target.names and mention.name not in target.acronyms:
                    target.names.append(mention.name)
                target.words = target.words | key
                target.country = target.country or mention.country
            if mention.acronym and mention.acronym not in target.acronyms:
                target.acronyms.append(mention.acronym)
                by_acronym[mention.acronym] = target
            mention.cluster = target
            target.mentions.append(mention)
    entities.orgs = clusters
    _resolve_references(entities, by_acronym)


def _resolve_references(entities: ArticleEntities, by_acronym: dict[str, OrgCluster]) -> None:
    """Bare heads ("the Agency") point at the latest organisation with that head; acronyms used
    alone point at the organisation they were defined for."""
    last_by_head: dict[str, OrgCluster] = {}
    for index in sorted(entities.org_mentions):
        mentions = entities.org_mentions[index]
        for mention in mentions:
            if mention.is_reference:
                mention.cluster = last_by_head.get(mention.head) or _main_with_head(entities.orgs, mention.head)
                if mention.cluster:
                    mention.cluster.mentions.append(mention)
            if mention.cluster:
                last_by_head[mention.cluster.head] = mention.cluster
            if mention.parent is not None and mention.cluster is not None and mention.parent.cluster is not None:
                if mention.parent.cluster is not mention.cluster:
                    mention.cluster.parent = mention.parent.cluster
        entities.org_mentions[index] = [m for m in mentions if m.cluster is not None]


def _main_with_head(orgs: list[OrgCluster], head: str) -> OrgCluster | None:
    candidates = [o for o in orgs if o.head == head]
    return max(candidates, key=lambda o: len(o.mentions)) if candidates else None


def find_acronym_mentions(sentence: Sentence, entities: ArticleEntities,
                          by_acronym: dict[str, OrgCluster] | None = None) -> None:
    """An acronym used alone ("SMBDA told Trend", "at HEPA") is a mention of its organisation."""
    if by_acronym is None:
        by_acronym = {a: o for o in entities.orgs for a in o.acronyms}
    mentions = entities.org_mentions.setdefault(sentence.index, [])
    taken = {i for m in mentions for i in range(m.first, m.last + (3 if m.acronym else 0))}
    for i, token in enumerate(sentence.tokens):
        if i in taken or token.text not in by_acronym:
            continue
        if i > 0 and sentence.tokens[i - 1].text == "(":
            continue
        cluster = by_acronym[token.text]
        mention = OrgMention(sentence.index, i, i + 1, token.text, cluster.head, is_reference=True, cluster=cluster)
        cluster.mentions.append(mention)
        mentions.append(mention)
    # "its Cairo counterpart": the organisation of the same kind named after that place
    for i, token in enumerate(sentence.tokens[2:] if "counterpart" in sentence.text else (), start=2):
        if token.lower != "counterpart" or sentence.tokens[i - 2].lower not in ("its", "their"):
            continue
        place = sentence.tokens[i - 1].text
        owner = next((m.cluster for m in reversed(mentions) if m.last <= i - 2 and m.cluster), None)
        match = next((o for o in entities.orgs if owner is not None and o is not owner and o.head == owner.head
                      and any(place in name.split() for name in o.names)), None)
        if match:
            mention = OrgMention(sentence.index, i - 1, i + 1, place, match.head, is_reference=True, cluster=match)
            match.mentions.append(mention)
            mentions.append(mention)
    # lower-case references: "the agency", "the chamber's"
    for i, token in enumerate(sentence.tokens[1:], start=1):
        if token.text.islower() and token.lower in ORG_HEADS and token.lower not in WEAK_HEADS \
                and sentence.tokens[i - 1].lower in ("the", "this", "that", "its"):
            if i + 1 < len(sentence.tokens) and sentence.tokens[i + 1].lower in ("of", "for"):
                continue
            cluster = _latest_with_head(entities, sentence.index, _singular(token.lower))
            if cluster:
                mention = OrgMention(sentence.index, i, i + 1, token.text, cluster.head, is_reference=True,
                                     cluster=cluster)
                cluster.mentions.append(mention)
                mentions.append(mention)
    mentions.sort(key=lambda m: m.first)


def _names_by_first_word(entities: ArticleEntities) -> dict[str, list[tuple[tuple[str, ...], OrgCluster]]]:
    """The article's organisation names of two words or more, as word sequences by their first word."""
    names: dict[str, list[tuple[tuple[str, ...], OrgCluster]]] = defaultdict(list)
    for cluster in entities.orgs:
        for name in cluster.names:
            words = token_texts(name)
            if len(words) >= 2:
                names[words[0]].append((words, cluster))
    for candidates in names.values():
        candidates.sort(key=lambda item: -len(item[0]))  # the longest name first
    return names


def find_repeated_names(sentence: Sentence, entities: ArticleEntities,
                        by_first_word: dict[str, list[tuple[tuple[str, ...], OrgCluster]]]) -> None:
    """A name read as an organisation's in one sentence names it wherever else it is written ("CEO of
    Expo Tel Aviv" makes "with Israel's exhibition center Expo Tel Aviv" name it too)."""
    mentions = entities.org_mentions.setdefault(sentence.index, [])
    taken = {i for m in mentions for i in range(m.first, m.last + (3 if m.acronym else 0))}
    tokens = sentence.tokens
    added = False
    for i, token in enumerate(tokens):
        if i in taken or token.text not in by_first_word:
            continue
        for words, cluster in by_first_word[token.text]:
            end = i + len(words)
            if end <= len(tokens) and all(tokens[i + k].text == w for k, w in enumerate(words)) \
                    and not any(k in taken for k in range(i, end)) \
                    and not (end < len(tokens) and tokens[end].is_cap):
                mention = OrgMention(sentence.index, i, end, _name_text(sentence, i, end), cluster.head,
                                     is_reference=True, cluster=cluster)
                cluster.mentions.append(mention)
                mentions.append(mention)
                taken.update(range(i, end))
                added = True
                break
    if added:
        mentions.sort(key=lambda m: m.first)


def _latest_with_head(entities: ArticleEntities, before: int, head: str) -> OrgCluster | None:
    # Read back from the sentence, not through a sorted copy of every sentence: the latest is usually
    # near. A head found nowhere up to a sentence is not looked for there again (a long text asks
    # often): what this returns for it, the main cluster with that head, is all a later mention there
    # can point to.
    searched = entities.heads_searched.get(head, -1)
    for index in range(before, searched, -1):
        for mention in reversed(entities.org_mentions.get(index, ())):
            if mention.cluster and mention.cluster.head == head:
                return mention.cluster
    if searched == -1 or before > searched:
        entities.heads_searched[head] = before
    return _main_with_head(entities.orgs, head)


# ---- persons ---------------------------------------------------------------------------------

def _org_at(entities: ArticleEntities, sentence: int, first: int, last: int) -> OrgMention | None:
    """The first organisation mention within tokens [first, last)."""
    mentions = entities.org_mentions.get(sentence, [])  # in order of their first token
    at = bisect.bisect_left(mentions, first, key=lambda m: m.first)
    return mentions[at] if at < len(mentions) and mentions[at].first < last else None


def _blocked(entities: ArticleEntities, sentence: Sentence) -> set[int]:
    blocked = set()
    for mention in entities.org_mentions.get(sentence.index, []):
        blocked.update(range(mention.first, mention.last))
    for mention in entities.country_mentions.get(sentence.index, []):
        blocked.update(range(mention.first, mention.last))
    return blocked


def _portfolio_list(tokens: tuple[Token, ...], i: int) -> int:
    """At a comma inside a list of portfolios of several words ("Minister of International Trade, Export
    Promotion, Small Business and Economic Development"): the index after the last, else 0."""
    k = i
    while k < len(tokens) and tokens[k].text == ",":
        end = k + 1
        while end < len(tokens) and _is_org_word(tokens[end]) and lookup_country(tokens[end].text) is None:
            end += 1
        if end == k + 1:
            return 0
        if end < len(tokens) and tokens[end].lower == "and":
            last = _words_after_and(tokens, end + 1)
            return last if last > end + 1 else 0
        k = end
    return 0


def _post_window_end(tokens: tuple[Token, ...], start: int) -> int:
    """Where an appositive post phrase ends: at the next clause comma or full stop."""
    j = start
    while j < len(tokens) and j < start + 30:
        text = tokens[j].text
        if text == ",":
            stop = _comma_list(tokens, j) or _portfolio_list(tokens, j)
            if stop:
                j = stop
                continue
            return j
        if text in (".", ";", ":", "!", "?") or text in ("—", "–") or (text == "(" and not _bracket_acronym(tokens, j)):
            return j
        if tokens[j].lower in ("who", "which", "said", "says", "held", "met", "has", "have", "was", "is", "noted"):
            return j
        j += 1
    return j


def _clean_post(words: list[Token]) -> str | None:
    while words and (words[-1].lower in STOPWORDS or words[-1].text in POSSESSIVE or words[-1].text in (",", ".")
                     or words[-1].lower.rstrip(".") in HONORIFICS):  # "Minister of Trade Datuk Seri": titles of the name
        if words[-1].text in POSSESSIVE and len(words) > 1 and lookup_country(words[-2].text):
            words = words[:-1]  # "Board Chairman of Azerbaijan's": the country belongs to the organisation
        words = words[:-1]
    while words and (words[0].lower in STOPWORDS or words[0].lower in ("a", "an")):
        words = words[1:]
    if len(words) > 2 and words[1].text in POSSESSIVE and lookup_country(words[0].text):
        words = words[2:]  # "Serbia's Minister of Economy": the country is the person's, not the post's
    if not words:
        return None
    text = ""
    for i, token in enumerate(words):
        if i and token.start > words[i - 1].end:
            text += " "
        text += token.text
    return text


def find_persons_in_sentence(sentence: Sentence, entities: ArticleEntities) -> None:
    tokens = sentence.tokens
    blocked = _blocked(entities, sentence)
    runs: list[tuple[int, int]] = []
    i = 0
    while i < len(tokens):
        if i not in blocked and _is_name_token(tokens[i]) and not (
                tokens[i].text in TRANSLITERATED_INITIALS and _initials_end(tokens, i)):
            j = _name_run_end(tokens, i, blocked)
            runs.append((i, j))
            i = j
        elif i not in blocked and (after := _initials_end(tokens, i)) and after not in blocked \
                and _is_name_token(tokens[after]):
            j = _name_run_end(tokens, after, blocked)  # "R. Meredov", "E.B. Rajesh": initials, then the name
            runs.append((i, j))
            i = j
        else:
            i += 1
    found: list[PersonMention] = []
    for first, last in runs:
        if last - first < 2 and not _titled_surname(tokens, first, last, entities):
            continue
        if last < len(tokens) and (
                _is_org_word(tokens[last]) and not _is_post_token(tokens[last], entities.post_acronyms)
                or tokens[last].is_cap and last + 1 < len(tokens) and tokens[last + 1].lower in ORG_HEADS):
            continue  # "Access View Africa", "the Abu Dhabi Executive Council": the start of a longer proper name
        # In "Minister of Trade and Integration Arman Shakkaliyev" the run starts inside the portfolio.
        continues_phrase = first > 0 and (tokens[first - 1].lower in ("and", "of", "for") or tokens[first - 1].text == ","
                                          and not _post_before_comma(tokens, first - 1, entities, sentence.index))
        post, org, country, rank = None, None, None, 0
        if last - first >= 3 and first > 0 and tokens[first - 1].lower in ("in", "from"):
            first += 1  # "High Commissioner of Sri Lanka in Dhaka Sudharshan Seneviratne": a place, then the name
        if last - first >= 3 and continues_phrase:
            post, org, country, rank = _post_for(sentence, first + 1, last, entities)
            if post is not None and rank == 1:
                first += 1
            else:
                post, org, country, rank = None, None, None, 0
        if post is None:
            post, org, country, rank = _post_for(sentence, first, last, entities)
        if post is None and first >= 3 and tokens[first - 2].lower == "in" and tokens[first - 1].is_cap:
            # "Consul General in Lagos Wang Hua": a post, its city (no post word, no country), the name
            post, org, country, rank = _post_for(sentence, first - 2, last, entities)
        honorific = _honorific_before(tokens, first) < first
        if first > 1 and tokens[first - 1].lower == "of" and _is_post_token(tokens[first - 2], entities.post_acronyms) \
                and last - first == 2 and not honorific and not _known_person(entities, tokens[first:last]):
            continue  # "the Crown Prince of Abu Dhabi and Chairman of ...": the post's place, not a name
        coordinated = (first > 0 and tokens[first - 1].lower == "and" and
                       (last == len(tokens) or tokens[last].text in (",", ".")) and last - first <= 3)
        known = _known_person(entities, tokens[first:last])
        # "..., said A and B.": the second of two names, when the first is a person's (not "Camargo Correia,
        # Queiróz Galvão and Andrade Gutierrez", a list of companies)
        after_person = bool(found) and found[-1].last == first - 1 or _has_person_before(entities, sentence) and not (
            first >= 3 and tokens[first - 2].is_cap and any(t.text == "," for t in tokens[max(0, first - 6):first - 1]))
        if not (post or honorific or known or (coordinated and after_person)):
            continue
        name = _run_text(tokens[first:last])
        person = known or PersonCluster(name)
        if known is None:
            entities.add_person(person)
        if post and rank >= person.post_rank:
            person.post, person.organization, person.post_rank = post, org, rank
        person.country = person.country or country
        mention = PersonMention(sentence.index, first, last, person)
        person.mentions.append(mention)
        found.append(mention)
    entities.person_mentions[sentence.index] = found


def _titled_surname(tokens: tuple[Token, ...], first: int, last: int, entities: ArticleEntities) -> bool:
    """Is the one word a surname after a capitalised title: "President Biden", "Ambassador Martínez"?
    Not a first name of someone named in full ("President Xi" of "Xi Jinping")."""
    if last - first != 1 or first == 0 or last < len(tokens) and tokens[last].is_cap:
        return False
    title, word = tokens[first - 1], tokens[first].text
    if not (title.is_cap and title.lower in POST_WORDS) or len(word) < 3 or word.isupper():
        return False
    return word not in entities.first_names


def _fold_person(gone: PersonCluster, into: PersonCluster) -> None:
    """Two names of one person: the mentions of `gone` become `into`'s, and the better post is kept."""
    for mention in gone.mentions:
        mention.person = into
    into.mentions = sorted(into.mentions + gone.mentions, key=lambda m: (m.sentence, m.first))
    if gone.post_rank > into.post_rank:
        into.post, into.organization, into.post_rank = gone.post, gone.organization, gone.post_rank
    into.country = into.country or gone.country


def _merge_titled_surnames(entities: ArticleEntities) -> None:
    """"President Biden" named before "Joe Biden": one person, under the full name."""
    merged = []
    for alone in [p for p in entities.persons if " " not in p.name]:
        full = entities.person_by_tail.get(alone.name)  # the first person named in full with this surname
        if full is not None:
            _fold_person(alone, full)
            merged.append(alone)
    if merged:
        entities.remove_persons(merged)


def _merge_possessives_without_apostrophe(entities: ArticleEntities) -> None:
    """"During President Joko Widodos visit", then "President Joko Widodo arrived": a possessive written
    without its apostrophe is the same person."""
    by_name = {p.name: p for p in entities.persons}
    merged = []
    for person in entities.persons:
        plain = by_name.get(person.name[:-1]) if person.name.endswith("s") else None
        if plain is not None and plain is not person:
            _fold_person(person, plain)
            merged.append(person)
    if merged:
        entities.remove_persons(merged)


def _honorific_before(tokens: tuple[Token, ...], first: int) -> int:
    """Where honorifics before a name begin ("Dr.", "H.E. Dr"), or `first` when there are none."""
    k = first
    while k > 0:
        if tokens[k - 1].lower.rstrip(".") in HONORIFICS:
            k -= 1
        elif k > 1 and tokens[k - 1].text == "." and tokens[k - 2].lower in HONORIFICS:
            k -= 2
        else:
            break
    return k


def _has_person_before(entities: ArticleEntities, sentence: Sentence) -> bool:
    return any(entities.person_mentions.get(i) for i in range(sentence.index))


def _run_text(run: tuple[Token, ...]) -> str:
    """The words of a name as written: "Maria T. de Vries", one space wherever the text has any."""
    return "".join((" " if i and token.start > run[i - 1].end else "") + token.text for i, token in enumerate(run))


def _known_person(entities: ArticleEntities, run: tuple[Token, ...]) -> PersonCluster | None:
    """The person a name stands for: the same name, or the end of a longer one named before
    ("Dr Al Jaber" after "Dr Sultan Al Jaber")."""
    name = _run_text(run)
    return entities.person_by_name.get(name) or entities.person_by_tail.get(name)


def _plural_post(tokens: tuple[Token, ...], i: int) -> bool:
    """A post word in the plural ("Ministers", "Chairmen", "Businesswomen"), as written before two names;
    not a body's members ("the Board of Directors")."""
    word = tokens[i].lower
    return word in POST_WORDS and (word.endswith("men") or word.endswith("s") and word[:-1] in POST_WORDS) \
        and not (i > 0 and tokens[i - 1].lower == "of")


def _post_before_comma(tokens: tuple[Token, ...], comma: int, entities: ArticleEntities, sentence: int) -> bool:
    """Does a post end at this comma: "her counterpart,", "the Chairman of Amman Chamber of Industry,",
    "minister of ecology and natural resources,", "the Consul of the Embassy of Chile in Hanoi,"?"""
    if comma >= 3 and tokens[comma - 2].lower in ("in", "at") and tokens[comma - 1].is_cap:
        comma -= 2  # the post's place: "... of the Embassy of Chile in Hanoi,"
    ends_org = any(m.last == comma or m.last + (3 if m.acronym else 0) == comma
                   for m in entities.org_mentions.get(sentence, []))
    in_country = {i for m in entities.country_mentions.get(sentence, []) for i in range(m.first, m.last)}
    j = comma
    while j > 0 and comma - j < 16:  # "the chairman of the board of the National Chamber of ... Atameken,"
        token = tokens[j - 1]
        if _is_post_token(token, entities.post_acronyms):
            return True
        if not (token.text.islower() or ends_org or j - 1 in in_country  # "High Commissioner to Sri Lanka,"
                or token.is_cap and token.text not in POSSESSIVE and j >= 2 and (
                    tokens[j - 2].lower in ("of", "for", "and", "&") or tokens[j - 2].is_cap)):
            # "Deputy Chairman for International Relations,", "President of NACCIMA,": a portfolio or a body
            return False
        if token.text in (",", ".", ";"):
            return False
        j -= 1
    return False


def _names_next_person(tokens: tuple[Token, ...], k: int, acronyms: set[str]) -> bool:
    """Does the post starting at k title the next person of a list ("Rustam Azimov, Foreign Trade Minister
    Elyar Ganiyev and ..."), a name run following its post words, rather than the person before it?"""
    j = k
    while j < len(tokens) and (_is_post_token(tokens[j], acronyms) or tokens[j].lower in POST_MODIFIERS):
        j += 1
    return j + 1 < len(tokens) and _is_name_token(tokens[j]) and _is_name_token(tokens[j + 1])


# "X, who heads the Agency": the post a verb tells
_HEADING_VERBS = {"heads": "Head", "chairs": "Chair", "leads": "Head", "directs": "Director", "runs": "Head"}


def _post_for(sentence: Sentence, first: int, last: int, entities: ArticleEntities
              ) -> tuple[str | None, OrgCluster | None, str | None, int]:
    """The post of the name run [first, last): appositive after it, else a title before it."""
    tokens = sentence.tokens
    acronyms = entities.post_acronyms
    # "Wilfred Marube, who heads the Kenya Export Promotion Agency, ...": the post told by its verb
    if last + 3 < len(tokens) and tokens[last].text == "," and tokens[last + 1].lower == "who" \
            and tokens[last + 2].lower in _HEADING_VERBS:
        org = _org_at(entities, sentence.index, last + 3, min(len(tokens), last + 16))
        if org is not None and all(t.lower in ("the", "its") for t in tokens[last + 3:org.first]):
            return _HEADING_VERBS[tokens[last + 2].lower], org.cluster, None, 2
    # "Orkhan Mammadov, Board Chairman of ..."
    if last + 1 < len(tokens) and tokens[last].text == ",":
        k = last + 1
        while k < len(tokens) and not _is_post_token(tokens[k], acronyms):
            if k + 2 < len(tokens) and tokens[k].text.islower() and tokens[k + 1].text in POSSESSIVE \
                    and k > last + 1 and tokens[k - 1].lower == "the":
                k += 2  # "X, the board's executive director": the body's, named before
            elif tokens[k].lower in POST_MODIFIERS or tokens[k].lower in ("the", "a", "an"):
                k += 1  # "a board member of", "the Deputy Minister"
            elif lookup_country(tokens[k].text) and k + 1 < len(tokens) and (
                    tokens[k + 1].text in POSSESSIVE or _is_post_token(tokens[k + 1], acronyms)):
                k += 2 if tokens[k + 1].text in POSSESSIVE else 1  # "Serbia's Minister", "Serbian Minister"
            else:
                break
        if k < len(tokens) and _is_post_token(tokens[k], acronyms) and not _names_next_person(tokens, k, acronyms):
            end = _post_window_end(tokens, k)
            org = _org_at(entities, sentence.index, last + 1, end)
            country = None
            if end + 1 < len(tokens) and tokens[end].text == ",":
                after = lookup_country(tokens[end + 1].text)
                if after and (end + 2 >= len(tokens) or tokens[end + 2].text in (",", ".")):
                    country = after.code
            if org is not None:
                words = list(tokens[last + 1:org.first])
                tail = org.last + (3 if org.acronym else 0)
                if tail < end and tokens[tail].text in POSSESSIVE:
                    words += list(tokens[tail + 1:end])  # "Chairman of the Agency's Board"
                post = _clean_post(words)
                if post and any(_is_post_token(t, acronyms) for t in words):
                    return post, org.cluster, country, 2
            post = _clean_post(list(tokens[last + 1:end]))
            if post:
                # a country named in the post itself: "X, Ambassador of Norway to the UAE," is Norway's
                country = country or next((c.country.code for c in entities.country_mentions.get(sentence.index, [])
                                           if k <= c.first and c.last <= end and not c.in_compound), None)
                return post, None, country, 2
    # "US-Azerbaijan Chamber of Commerce Chairman Reza Vaziri", "Ambassador of Belarus Aleksandr ...",
    # "Minister of Trade and Integration Arman ...", "Chairman of the Board of the ... Agency (SMBDA) Orkhan ..."
    k = _honorific_before(tokens, first)  # "Ambassador Dr. Hazem ...": the post stands before the honorific
    if k >= 2 and tokens[k - 1].text == "," and _post_before_comma(tokens, k - 1, entities, sentence.index):
        k -= 1  # "her Kenyan counterpart, Uhuru Kenyatta", "minister of ecology, Huseyngulu Bagirov"
    if k >= 3 and _bracket_acronym(tokens, k - 3):
        k -= 3
    if k >= 3 and tokens[k].text == "," and tokens[k - 2].lower in ("in", "at") and tokens[k - 1].is_cap:
        k -= 2  # "the Consul of the Embassy of Chile in Hanoi, Rodrigo Fuentes": the post's place
    if k == 0:
        return None, None, None, 0
    mentions = entities.org_mentions.get(sentence.index, [])
    post_end = k
    org: OrgMention | None = None
    country = None
    shared_plural = False
    owner = next((m for m in mentions if m.last == k or m.last + (3 if m.acronym else 0) == k), None)
    if owner is not None and not _is_post_token(tokens[k - 1], acronyms):
        # the organisation stands between the post and the name: "<post> of the <org> <name>"
        j = owner.first
        while j > 0 and tokens[j - 1].lower == "the":
            j -= 1
        if j > 0 and _is_post_token(tokens[j - 1], acronyms):
            org, post_end = owner, j  # "President Rawalpindi Chamber of Commerce Manzar Khurshid Sheikh"
        elif j == 0 or tokens[j - 1].lower not in ("of", "at", "for", "from"):  # "her counterpart from the X,"
            return None, None, None, 0
        else:
            org, post_end = owner, j - 1
        anchor = post_end - 1
    else:
        # a portfolio may stand between the post word and the name: "Minister of Trade and Integration"
        j = k
        after_comma = tokens[k].text == ","
        while j > 0 and j > k - 10 and not _is_post_token(tokens[j - 1], acronyms) and (
                (tokens[j - 1].is_cap and tokens[j - 1].text not in POSSESSIVE) or tokens[j - 1].lower in
                ("of", "for", "and", "to", ",", "the", "on", "in", "at") or after_comma and tokens[j - 1].text.islower()
                or tokens[j - 1].lower in NAME_PARTICLES and j < k):  # "Ministers Alberto van Klaveren and"
            if any(m.first <= j - 1 < m.last for m in mentions):
                break
            j -= 1
        if j == 0 or not _is_post_token(tokens[j - 1], acronyms):
            return None, None, None, 0
        if j < k and tokens[k - 1].lower == "and" and _plural_post(tokens, j - 1) and all(
                _is_name_token(t) or t.lower in NAME_PARTICLES for t in tokens[j:k - 1]):
            k = j  # "Ministers A and B", "Businesswomen A and B": the plural post is the second name's too
            shared_plural = True
        elif j < k and all(t.lower in POST_MODIFIERS or _is_post_token(t, acronyms) for t in tokens[j:k]):
            pass  # "Director General Clare Kelly": the post goes on to the name
        elif j < k:
            if tokens[j].lower not in ("of", "for", "to", "on"):
                return None, None, None, 0
            # the first country the post names: the "Ambassador of Finland to the UAE" is Finland's
            country = next((c.country.code for c in entities.country_mentions.get(sentence.index, [])
                            if j <= c.first and c.last <= k and not c.in_compound), None)
        post_end, anchor = k, j - 1
    start = anchor
    in_names = {i for m in mentions for i in range(m.first, m.last)}
    while start > 0 and start - 1 not in in_names:  # "Chamber of Economy President": the name is not the post's
        previous = tokens[start - 1]
        if _is_post_token(previous, acronyms) or previous.lower in POST_MODIFIERS and previous.is_cap:
            start -= 1
        elif previous.lower in ("to", "of", "for", "the") and start >= 2 and (
                _is_post_token(tokens[start - 2], acronyms) or tokens[start - 2].lower in ("of", "board", "to")):
            start -= 1
        else:
            break
    if not any(_is_post_token(t, acronyms) for t in tokens[start:post_end]):
        return None, None, None, 0  # "a Meeting at the TOBB Reception Hall": no post, so no person
    post = _clean_post(list(tokens[start:post_end]))
    if post and (shared_plural or post_end == first and _plural_post(tokens, post_end - 1)
                 and any(t.lower == "and" for t in tokens[last:last + 1])):
        post = re.sub(r"men$", "man", post) if post.endswith("men") else post[:-1]  # one of them: "Minister"
    if org is None:
        for mention in mentions:
            if mention.last + (3 if mention.acronym else 0) == start or mention.last == start:
                org = mention
    if org is None and start >= 1 and tokens[start - 1].lower in ("its", "their"):
        # "a delegation of the Chamber led by its President ...": the organisation named before
        org = next((m for m in reversed(mentions) if m.last <= start), None)
    if org is None and start >= 2 and tokens[start - 1].text in POSSESSIVE:
        # "Kadin's Deputy Chairman": the organisation that owns the post
        org = next((m for m in mentions if m.last == start - 1 and m.cluster is not None), None)
    if org is None and start >= 2 and tokens[start - 1].text in POSSESSIVE:
        owner_country = lookup_country(tokens[start - 2].text)
        if owner_country:
            country = country or owner_country.code
    return post, (org.cluster if org else None), country, 1


def person_names(entities: ArticleEntities) -> tuple[dict[str, PersonCluster], dict[str, PersonCluster]]:
    """The article's persons by surname, and by first name where no two share it ("President Samia",
    "Khampheng said": naming that goes by first names)."""
    by_surname = {p.surname: p for p in entities.persons}
    first_names = Counter(p.name.split()[0] for p in entities.persons if len(p.name.split()) >= 2)
    by_first_name = {p.name.split()[0]: p for p in entities.persons if len(p.name.split()) >= 2
                     and first_names[p.name.split()[0]] == 1 and len(p.name.split()[0]) >= 4}
    return by_surname, by_first_name


def find_person_references(sentence: Sentence, entities: ArticleEntities, names=None) -> None:
    """Surnames used alone ("Mammadov said"), first names where naming goes by them, and full names repeated."""
    mentions = entities.person_mentions.setdefault(sentence.index, [])
    taken = {i for m in mentions for i in range(m.first, m.last)}
    blocked = _blocked(entities, sentence)
    by_surname, by_first_name = names or person_names(entities)
    for i, token in enumerate(sentence.tokens):
        if i in taken or i in blocked:
            continue
        person = by_surname.get(token.text)
        if person is None and token.text in by_first_name and not (
                i + 1 < len(sentence.tokens) and _is_name_token(sentence.tokens[i + 1])):
            person = by_first_name[token.text]
        if person is None:
            continue
        first = i
        if i > 0 and " ".join(t.text for t in sentence.tokens[i - 1:i + 1]) == " ".join(person.name.split()[-2:]):
            first = i - 1
        mention = PersonMention(sentence.index, first, i + 1, person)
        person.mentions.append(mention)
        mentions.append(mention)
        taken.update(range(first, i + 1))
    mentions.sort(key=lambda m: m.first)


def _drop_surnames_read_as_orgs(entities: ArticleEntities) -> None:
    """A one-word 'organisation' that is the surname of a person the article names ("Mwangi and Chala
    signed" after "Minister of Trade Gebremeskel Chala") is that person, told again: organisations are
    read before persons, and a surname in a list of signers reads like a brand. It is dropped, so that
    the surname is read as the person's."""
    surnames = {person.name.split()[-1] for person in entities.persons if " " in person.name}
    dropped = [org for org in entities.orgs if len(org.names) == 1 and not org.acronyms and " " not in org.names[0]
               and org.names[0] in surnames]
    if not dropped:
        return
    gone = set(map(id, dropped))
    entities.orgs = [org for org in entities.orgs if id(org) not in gone]
    for index, mentions in entities.org_mentions.items():
        entities.org_mentions[index] = [m for m in mentions if m.cluster is None or id(m.cluster) not in gone]
    for person in entities.persons:
        if person.organization is not None and id(person.organization) in gone:
            person.organization = None


def read_entities(sentences: list[Sentence]) -> ArticleEntities:
    entities = ArticleEntities(sentences=list(sentences))
    for sentence in sentences:
        countries = find_countries(sentence)
        entities.country_mentions[sentence.index] = countries
        entities.countries.extend(countries)
    # Bracketed definitions first, so that post acronyms are known before organisations are read.
    for sentence in sentences:
        for i in (k for k, token in enumerate(sentence.tokens) if token.text == "("):
            acronym = _bracket_acronym(sentence.tokens, i)
            if acronym:
                entities.bracketed.add(acronym)
                _define_term(sentence, i, acronym, entities)
    for sentence in sentences:
        find_orgs_in_sentence(sentence, entities.country_mentions[sentence.index], entities)
    cluster_orgs(entities)
    by_acronym = {a: o for o in entities.orgs for a in o.acronyms}
    for sentence in sentences:
        find_acronym_mentions(sentence, entities, by_acronym)
    by_first_word = _names_by_first_word(entities)
    for sentence in sentences:
        find_repeated_names(sentence, entities, by_first_word)
    for sentence in sentences:
        find_persons_in_sentence(sentence, entities)
    _merge_titled_surnames(entities)
    _merge_possessives_without_apostrophe(entities)
    _drop_surnames_read_as_orgs(entities)
    names = person_names(entities)
    for sentence in sentences:
        find_person_references(sentence, entities, names)
    return entities
