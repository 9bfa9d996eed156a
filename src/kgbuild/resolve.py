"""Entity resolution across articles: the same organisation or person, however an article spells it,
is one node of the graph.

Organisations are matched by a signature of their name: its content words in singular, without
country words, with the genre's synonyms folded ("Enterprises" and "Businesses", "SMB" and "Small
and Medium Business"), together with their kind and a compatible country; or by an acronym the
organisation is known by. Persons are matched by the same name, or by a name at most two letters
apart (a typo, "Okrhan" and "Orkhan") when they hold a post of the same kind in the same organisation.
Every decision keeps its reason, so `kgbuild actors --explain NAME` can show it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from .extract.entities import _content_words, normal_name_words
from .extract.gazetteer import lookup_country
from .extract.vocabulary import POST_WORDS
from .ontology import organization_iri, person_iri
from .records import Records

if TYPE_CHECKING:
    import pyoxigraph as ox

# Words that many organisations share: a name made only of them is not enough to tell one apart.
_GENERIC = {"chamber", "commerce", "industry", "agriculture", "ministry", "agency", "council", "association",
            "trade", "economy", "economic", "foreign", "affair", "development", "business", "national", "state",
            "committee", "commission", "cooperation", "department", "office", "union", "federation", "center",
            "government", "investment", "export", "promotion", "service", "administration", "bank", "fund"}


@lru_cache(maxsize=1 << 16)
def org_signature(name: str) -> tuple[frozenset[str], frozenset[str]]:
    """The content words of an organisation name, comparable across articles, and the countries it names.
    (Cached: a build resolves every stored article's names again, and the same names recur.)"""
    from .extract.text import _TOKEN

    words: list[str] = []
    countries: set[str] = set()
    for token in _TOKEN.findall(name):
        parts = [token] if lookup_country(token) else re.split(r"[-‐–]", token)
        for part in parts:
            country = lookup_country(part)
            if country:
                countries.add(country.code)
                continue
            for word in _content_words(part):
                words.extend(normal_name_words(word))
    return frozenset(words), frozenset(countries)


def _distinctive(words: frozenset[str]) -> bool:
    return len(words - _GENERIC) >= 2


def _edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count once), stopping early past limit."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=1 << 14)
def _post_kind(post: str | None) -> frozenset[str]:
    return frozenset(w for w in re.findall(r"[a-z-]+", (post or "").lower()) if w in POST_WORDS)


FIRST_SEEN = "the name it was first seen under"


@dataclass
class OrgEntry:
    iri: str
    label: str
    kind: str
    country: str | None
    signature: frozenset[str]
    aliases: set[str] = field(default_factory=set)
    countries: frozenset[str] = frozenset()  # named in the name, or stated by the text

    @classmethod
    def of(cls, iri: str, label: str, kind: str, country: str | None, aliases: set[str]) -> "OrgEntry":
        words, named = org_signature(label)
        return cls(iri, label, kind, country, words, aliases, named | ({country} if country else set()))


@dataclass
class PersonEntry:
    iri: str
    name: str
    organizations: set[str] = field(default_factory=set)  # IRIs
    post_kinds: set[frozenset[str]] = field(default_factory=set)
    aliases: set[str] = field(default_factory=set)


@dataclass
class Decision:
    """Why a name in an article became the node it did."""

    name: str
    iri: str
    reason: str


@dataclass
class Resolution:
    organizations: dict[str, tuple[str, str]] = field(default_factory=dict)  # name -> (IRI, canonical label)
    persons: dict[str, tuple[str, str]] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)

    def changes_nodes(self) -> bool:
        """Whether some name became another node, or another label, than its own name gives."""
        return any(iri != organization_iri(name).value or label != name
                   for name, (iri, label) in self.organizations.items()) \
            or any(iri != person_iri(name).value or label != name for name, (iri, label) in self.persons.items())


def _acronyms(names: set[str] | list[str]) -> set[str]:
    return {name for name in names if name.isupper()}


# Reasons given when the curation file decides (README, "Curation").
MERGED_BY_CURATION = "merged with '{other}' by the curation file"
APART_BY_CURATION = "kept apart from '{other}' by the curation file"


@lru_cache(maxsize=8)
def _folded_groups(merge: tuple[tuple[str, ...], ...]) -> dict[str, tuple[str, ...]]:
    """Each folded name of the merge groups -> its group (the first group that names it)."""
    found: dict[str, tuple[str, ...]] = {}
    for group in merge:
        for name in group:
            found.setdefault(Curation.key(name), group)
    return found


@lru_cache(maxsize=8)
def _folded_pairs(apart: tuple[tuple[str, str], ...]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for a, b in apart:
        found.setdefault(Curation.key(a), set()).add(Curation.key(b))
        found.setdefault(Curation.key(b), set()).add(Curation.key(a))
    return found


@dataclass(frozen=True)
class Curation:
    """A person's corrections to resolution: an actor's label, names that are one actor, names that are
    two. Names are compared as written (spaces and case folded)."""

    labels: tuple[tuple[str, str], ...] = ()  # (a name or IRI of the actor, its label)
    merge: tuple[tuple[str, ...], ...] = ()  # each group: names of one actor
    apart: tuple[tuple[str, str], ...] = ()  # each pair: names of two actors

    @staticmethod
    def key(name: str) -> str:
        return " ".join(name.split()).casefold()

    @classmethod
    def from_json(cls, data: object, where: str = "the curation file") -> "Curation":
        """ValueError, saying what is wrong, for anything but {"labels": {NAME: LABEL}, "merge": [[NAME,
        NAME, ...]], "apart": [[NAME, NAME]]} (every key optional)."""
        if not isinstance(data, dict) or set(data) - {"labels", "merge", "apart"}:
            raise ValueError(f"{where}: a JSON object with the keys labels, merge and apart (each optional)")
        labels, merge, apart = data.get("labels", {}), data.get("merge", []), data.get("apart", [])
        if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) and k.strip()
                                                   and v.strip() for k, v in labels.items()):
            raise ValueError(f'{where}: "labels" maps a name (or IRI) to its label, both text')
        for name, groups, size in (("merge", merge, None), ("apart", apart, 2)):
            if not isinstance(groups, list) or not all(
                    isinstance(g, list) and len(g) >= 2 and (size is None or len(g) == size)
                    and all(isinstance(n, str) and n.strip() for n in g) for g in groups):
                raise ValueError(f'{where}: "{name}" is a list of lists of {"two " if size else ""}names'
                                 + ("" if size else " (two or more each)"))
        return cls(tuple(sorted((k, " ".join(v.split())) for k, v in labels.items())),
                   tuple(tuple(g) for g in merge), tuple((g[0], g[1]) for g in apart))

    def to_json(self) -> dict:
        return {"labels": dict(self.labels), "merge": [list(g) for g in self.merge], "apart": [list(p) for p in self.apart]}

    def group_of(self, name: str) -> tuple[str, ...] | None:
        if not self.merge:  # (asked for every name an article resolves: most stores have no curation)
            return None
        return self._groups().get(self.key(name))

    def apart_from(self, name: str) -> set[str]:
        """The names (folded) a name must not share an actor with."""
        if not self.apart:
            return set()
        return self._apart().get(self.key(name), set())

    def _groups(self) -> dict[str, tuple[str, ...]]:
        return _folded_groups(self.merge)

    def _apart(self) -> dict[str, set[str]]:
        return _folded_pairs(self.apart)


@dataclass
class ActorIndex:
    """The organisations and persons already in the graph, for matching new articles against.

    Entries are found through lookups by name signature, acronym, name and organisation, so that a
    build does not compare each new name with every actor seen so far. Where several entries match,
    the one added first wins."""

    orgs: list[OrgEntry] = field(default_factory=list)
    persons: list[PersonEntry] = field(default_factory=list)
    by_iri: dict[str, OrgEntry] = field(default_factory=dict)
    _orgs_by_signature: dict[tuple[str, frozenset[str]], list[OrgEntry]] = field(default_factory=dict)
    _orgs_by_acronym: dict[str, dict[int, OrgEntry]] = field(default_factory=dict)  # rank -> entry
    _persons_by_name: dict[str, dict[int, PersonEntry]] = field(default_factory=dict)
    _persons_by_organization: dict[str, dict[int, PersonEntry]] = field(default_factory=dict)
    _person_iris: set[str] = field(default_factory=set)
    _rank: dict[int, int] = field(default_factory=dict)  # id(entry) -> order of addition
    curation: Curation = field(default_factory=Curation)
    _merged: dict[str, object] = field(default_factory=dict)  # a merge group's folded name -> its entry

    # ---- adding ----------------------------------------------------------------------------------
    def add_org(self, entry: OrgEntry) -> None:
        self._rank[id(entry)] = len(self.orgs)
        self.orgs.append(entry)
        self.by_iri[entry.iri] = entry
        self._orgs_by_signature.setdefault((entry.kind, entry.signature), []).append(entry)
        self._index_acronyms(entry, {entry.label, *entry.aliases})

    def add_org_aliases(self, entry: OrgEntry, aliases: set[str]) -> None:
        entry.aliases.update(aliases)
        self._index_acronyms(entry, aliases)

    def _index_acronyms(self, entry: OrgEntry, names: set[str]) -> None:
        for acronym in _acronyms(names):
            self._orgs_by_acronym.setdefault(acronym, {})[self._rank[id(entry)]] = entry

    def has_person_iri(self, iri: str) -> bool:
        return iri in self._person_iris

    def add_person(self, entry: PersonEntry) -> None:
        self._rank[id(entry)] = len(self.persons)
        self.persons.append(entry)
        self._person_iris.add(entry.iri)
        for name in {entry.name, *entry.aliases}:
            self.add_person_alias(entry, name)
        for organization in list(entry.organizations):
            self.add_person_organization(entry, organization)

    def add_person_alias(self, entry: PersonEntry, alias: str) -> None:
        if alias != entry.name:
            entry.aliases.add(alias)
        self._persons_by_name.setdefault(alias, {})[self._rank[id(entry)]] = entry

    def add_person_organization(self, entry: PersonEntry, organization: str) -> None:
        entry.organizations.add(organization)
        self._persons_by_organization.setdefault(organization, {})[self._rank[id(entry)]] = entry

    def fork(self, curation: Curation | None = None) -> "ActorIndex":
        """An index equal to this one that changes apart from it (entries copied, added in the same order),
        with this curation or another."""
        other = ActorIndex(curation=self.curation if curation is None else curation)
        copies: dict[int, object] = {}
        for org in self.orgs:
            copies[id(org)] = copy = OrgEntry(org.iri, org.label, org.kind, org.country, org.signature,
                                              set(org.aliases), org.countries)
            other.add_org(copy)
        for person in self.persons:
            copies[id(person)] = copy = PersonEntry(person.iri, person.name, set(person.organizations),
                                                    set(person.post_kinds), set(person.aliases))
            other.add_person(copy)
        other._merged = {name: copies[id(entry)] for name, entry in self._merged.items()}
        return other

    def merged(self, name: str, kind: type) -> tuple[Any, str] | None:
        """The entry (an OrgEntry or a PersonEntry: `kind`) the curation file makes this name one with, if
        one of its group was seen."""
        group = self.curation.group_of(name)
        if group is None:
            return None
        for other in group:
            entry = self._merged.get(Curation.key(other))
            if isinstance(entry, kind):
                return entry, MERGED_BY_CURATION.format(other=other)
        return None

    def remember_merge(self, name: str, entry: object) -> None:
        if (group := self.curation.group_of(name)) is not None:
            for other in group:
                self._merged.setdefault(Curation.key(other), entry)

    def kept_apart(self, name: str, names: set[str]) -> str | None:
        """The name of `names` (an entry's) the curation keeps apart from `name`, if any."""
        apart = self.curation.apart_from(name) if self.curation.apart else ()
        return next((other for other in sorted(names) if Curation.key(other) in apart), None) if apart else None

    # ---- matching --------------------------------------------------------------------------------
    def match_org(self, name: str, kind: str, country: str | None, aliases: list[str]) -> tuple[OrgEntry, str] | None:
        signature, named = org_signature(name)
        countries = named | ({country} if country else set())
        for entry in self._orgs_by_signature.get((kind, signature), []) if signature else []:
            if countries and entry.countries and countries != entry.countries:
                continue
            if countries != entry.countries and not _distinctive(signature):
                continue  # "Chamber of Commerce and Industry" alone could be any country's
            words = ", ".join(sorted(signature))
            return entry, f"same name words as '{entry.label}' ({words})"
        acronyms = _acronyms(aliases)
        candidates: dict[int, OrgEntry] = {}
        for key in acronyms | _acronyms([name]):
            candidates.update(self._orgs_by_acronym.get(key, {}))
        for _, entry in sorted(candidates.items()):
            if countries and entry.countries and countries != entry.countries:
                continue
            shared = acronyms & _acronyms(entry.aliases | {entry.label})
            if shared:
                return entry, f"known by the same acronym as '{entry.label}' ({', '.join(sorted(shared))})"
            if name.isupper() and name in entry.aliases:
                return entry, f"the acronym of '{entry.label}'"
        return None

    def match_person(self, name: str, organization: str | None, post: str | None) -> tuple[PersonEntry, str] | None:
        kind = _post_kind(post)
        for _, entry in sorted(self._persons_by_name.get(name, {}).items()):
            if organization and entry.organizations and organization not in entry.organizations \
                    and kind and kind not in entry.post_kinds:
                continue  # a namesake with another post elsewhere
            return entry, f"the same name as '{entry.name}'"
        if organization is None or not kind:
            return None
        for _, entry in sorted(self._persons_by_organization.get(organization, {}).items()):
            if kind in entry.post_kinds:
                distance = _edit_distance(name.lower(), entry.name.lower())
                if 0 < distance <= 2 and name.split()[-1][:1] == entry.name.split()[-1][:1]:
                    return entry, (f"'{name}' is {distance} edit{'s' if distance > 1 else ''} from "
                                   f"'{entry.name}', with the same post ({', '.join(sorted(kind))}) "
                                   f"in the same organisation")
        return None


def _unused(candidate: Callable[[str], str], taken: Callable[[str], bool]) -> str:
    """The first of candidate(""), candidate("2"), candidate("3"), ... that is not taken."""
    number = 1
    while taken(iri := candidate("" if number == 1 else str(number))):
        number += 1
    return iri


@dataclass(frozen=True)
class ActorNames:
    """What resolution reads of an article: its organisations (name, kind, country, aliases) and persons
    (name, organisation, post) as the article names them; and what event identity reads (README, "Events,
    not reports"): its publication date, its meetings and agreements (id, kind, actors as named, date) and
    trade figures (id, the two countries' codes, indicator, amount, currency, period). Small, so that a
    store keeps it for every article and resolves them all again in id order, without extracting
    anything, when one changes."""

    article_id: str
    organizations: tuple[tuple[str, str, str | None, tuple[str, ...]], ...] = ()
    persons: tuple[tuple[str, str | None, str | None], ...] = ()
    published: str | None = None
    events: tuple[tuple[str, str, tuple[str, ...], str | None], ...] = ()
    figures: tuple[tuple[str, tuple[str, ...], str, float, str, str | None], ...] = ()

    @classmethod
    def of(cls, records: Records) -> "ActorNames":
        events = tuple((m.id, "meeting", tuple(m.participants), m.date) for m in records.meetings) + tuple(
            (a.id, a.kind, tuple(a.parties), a.date) for a in records.agreements)
        figures = []
        for number, figure in enumerate(records.trade_figures, start=1):  # numbered as the mapper numbers them
            codes = [found.code for name in figure.countries if (found := lookup_country(name)) is not None]
            if len(set(codes)) == 2:  # as mapped: a figure is between two countries
                figures.append((f"trade-{number}", tuple(sorted(codes)), figure.indicator, float(figure.amount),
                                figure.currency, figure.period))
        return cls(records.article.id,
                   tuple((o.name, o.type, o.country, tuple(o.aliases)) for o in records.organizations),
                   tuple((p.name, p.organization, p.post) for p in records.persons),
                   records.article.date, events, tuple(figures))

    def to_json(self) -> dict:
        return {"organizations": [[*o[:3], list(o[3])] for o in self.organizations],
                "persons": [list(p) for p in self.persons], "published": self.published,
                "events": [[e[0], e[1], list(e[2]), e[3]] for e in self.events],
                "figures": [[f[0], list(f[1]), *f[2:]] for f in self.figures]}

    @classmethod
    def from_json(cls, article_id: str, data: object) -> "ActorNames":
        """ValueError for anything but what to_json gives (names kept by an older kgbuild too: they are
        made again from the text)."""
        def text(value: object, optional: bool = False) -> bool:
            return isinstance(value, str) or optional and value is None

        def texts(value: object) -> bool:
            return isinstance(value, list) and all(text(v) for v in value)

        if not isinstance(data, dict) or set(data) != {"organizations", "persons", "published", "events", "figures"}:
            raise ValueError("not the names of an article's actors")
        organizations, persons, events, figures = data["organizations"], data["persons"], data["events"], data["figures"]
        if not (isinstance(organizations, list) and all(
                isinstance(o, list) and len(o) == 4 and text(o[0]) and text(o[1]) and text(o[2], True)
                and texts(o[3]) for o in organizations)
                and isinstance(persons, list) and all(
                isinstance(p, list) and len(p) == 3 and text(p[0]) and text(p[1], True) and text(p[2], True)
                for p in persons)
                and text(data["published"], True)
                and isinstance(events, list) and all(
                isinstance(e, list) and len(e) == 4 and text(e[0]) and text(e[1]) and texts(e[2]) and text(e[3], True)
                for e in events)
                and isinstance(figures, list) and all(
                isinstance(f, list) and len(f) == 6 and text(f[0]) and texts(f[1]) and len(f[1]) == 2 and text(f[2])
                and isinstance(f[3], (int, float)) and not isinstance(f[3], bool) and text(f[4]) and text(f[5], True)
                for f in figures)):
            raise ValueError("not the names of an article's actors")
        return cls(article_id, tuple((o[0], o[1], o[2], tuple(o[3])) for o in organizations),
                   tuple((p[0], p[1], p[2]) for p in persons), data["published"],
                   tuple((e[0], e[1], tuple(e[2]), e[3]) for e in events),
                   tuple((f[0], tuple(f[1]), f[2], float(f[3]), f[4], f[5]) for f in figures))


def _unless_apart(index: ActorIndex, name: str, found: tuple[Any, str] | None) -> tuple[tuple[Any, str] | None, str | None]:
    """The entry a name matched, unless the curation file keeps the name apart from one of the entry's
    names: then no match, and that reason."""
    if found is not None:
        entry = found[0]
        names = {entry.label, *entry.aliases} if isinstance(entry, OrgEntry) else {entry.name, *entry.aliases}
        if (other := index.kept_apart(name, names)) is not None:
            return None, APART_BY_CURATION.format(other=other)
    return found, None


def resolve(names: ActorNames, index: ActorIndex) -> Resolution:
    """Decide the node of every organisation and person of one article, and add new ones to the index."""
    resolution = Resolution()
    for org_name, org_type, org_country, org_aliases in names.organizations:
        known = lookup_country(org_country) if org_country else None
        country = known.code if known else None
        found, reason_apart = _unless_apart(index, org_name, index.merged(org_name, OrgEntry) or index.match_org(
            org_name, org_type, country, list(org_aliases)))
        if found and found[0].label == org_name:
            found = (found[0], FIRST_SEEN)  # the same words whether the article is built once or again
        if found:
            entry, reason = found
            index.add_org_aliases(entry, {org_name, *org_aliases} - {entry.label})
            entry.country = entry.country or country
            if country and not entry.countries:
                entry.countries = frozenset({country})
        else:
            entry = OrgEntry.of(organization_iri(org_name).value, org_name, org_type, country, set(org_aliases))
            if entry.iri in index.by_iri:  # same slug, another kind or country: keep them apart
                entry.iri = _unused(lambda n: organization_iri(f"{org_name} {org_type} {country or ''} {n}").value,
                                    lambda iri: iri in index.by_iri)
            index.add_org(entry)
            reason = reason_apart or FIRST_SEEN
        index.remember_merge(org_name, entry)
        resolution.organizations[org_name] = (entry.iri, entry.label)
        resolution.decisions.append(Decision(org_name, entry.iri, reason))
    for person_name, person_organization, person_post in names.persons:
        org_iri = resolution.organizations[person_organization][0] if person_organization else None
        found, reason_apart = _unless_apart(index, person_name, index.merged(person_name, PersonEntry)
                                            or index.match_person(person_name, org_iri, person_post))
        if found and found[0].name == person_name:
            found = (found[0], FIRST_SEEN)
        if found:
            entry, reason = found
            index.add_person_alias(entry, person_name)
        else:
            entry = PersonEntry(person_iri(person_name).value, person_name)
            if index.has_person_iri(entry.iri):  # a namesake: keep them apart
                entry.iri = _unused(lambda n: person_iri(f"{person_name} {person_organization or names.article_id} "
                                                         f"{n}").value, index.has_person_iri)
            index.add_person(entry)
            reason = reason_apart or FIRST_SEEN
        index.remember_merge(person_name, entry)
        if org_iri:
            index.add_person_organization(entry, org_iri)
        if person_post:
            entry.post_kinds.add(_post_kind(person_post))
        resolution.persons[person_name] = (entry.iri, entry.name)
        resolution.decisions.append(Decision(person_name, entry.iri, reason))
    return resolution


@dataclass
class Explanation:
    iri: str
    label: str
    decisions: list[tuple[str, str, str]]  # (article id, name as written, reason)
    label_reason: str = ""


def label_reason(explanation: Explanation, curation: Curation) -> str:
    """Why the actor has its label: the curation file gives it, or most of its articles write it."""
    given = {Curation.key(name) for name, _ in curation.labels}
    names = {Curation.key(explanation.iri)} | {Curation.key(surface) for _, surface, _ in explanation.decisions}
    if names & given:
        return "label from the curation file"
    articles = {article for article, _, _ in explanation.decisions}
    using: dict[str, set[str]] = {}
    for article, surface, _ in explanation.decisions:
        using.setdefault(surface, set()).add(article)
    own = len(using.get(explanation.label, ()))
    if sum(1 for users in using.values() if len(users) == own) > 1:
        return f"label: the spelling of its earliest article; no spelling is used by more than {own:,} of its " \
               f"{len(articles):,} article(s)"
    return f"label: the spelling {own:,} of its {len(articles):,} article(s) use"


def actors_containing(store: "ox.Store", part: str) -> list[str]:
    """The labels of the organisations and persons one of whose names contains `part` (without case)."""
    import pyoxigraph as ox

    from .query import internal_query, with_values

    text = with_values(internal_query("actors-containing").text, {ox.Variable("wanted"): ox.Literal(" ".join(part.split()))})
    return [row["label"].value for row in store.query(text)]


def explain(store: "ox.Store", name: str) -> list[Explanation]:
    """The actors a name denotes (by label, alias or acronym) and every merge decision behind them."""
    import pyoxigraph as ox

    from .ontology import article_id_of_article
    from .query import internal_query, with_values

    named = with_values(internal_query("actors-named").text, {ox.Variable("wanted"): ox.Literal(" ".join(name.split()))})
    found = {row["actor"].value: Explanation(row["actor"].value, row["label"].value, []) for row in store.query(named)}
    first = {row["actor"].value: row["first"].value for row in store.query(named) if row["first"] is not None}
    for row in store.query(internal_query("resolutions").text):
        if (explanation := found.get(row["actor"].value)) is not None:
            explanation.decisions.append((article_id_of_article(row["article"].value), row["surface"].value,
                                          row["reason"].value))
    # The articles that wrote the actor's label: decisions of that kind are not stored.
    for iri, explanation in found.items():
        by_label = with_values(internal_query("named-by-label").text, {ox.Variable("actor"): ox.NamedNode(iri)})
        explanation.decisions.extend((article_id_of_article(row["article"].value), first.get(iri, explanation.label),
                                      FIRST_SEEN)
                                     for row in store.query(by_label))
        explanation.decisions.sort(key=lambda decision: decision[:2])
    return sorted(found.values(), key=lambda e: e.label)
