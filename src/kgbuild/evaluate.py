"""Scoring extraction against hand-made gold annotations (README, "Evaluation").

A gold annotation is `NAME.gold.json` beside the article `NAME.txt`. Matching is lenient about how a
name is written and strict about facts; the rules are the README's, one function each below. Each kind
is matched one to one, greedily: every gold item, in order, takes the first predicted item that
matches it and is not taken yet.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from .errors import InputError

KINDS = ("countries", "organizations", "persons", "meetings", "agreements", "trade_figures")
EVENT_KINDS = ("meetings", "agreements")  # the kinds whose dates are judged
GOLD_SUFFIX = ".gold.json"

# Words that say nothing about which organisation a name means.
_FILLER_WORDS = frozenset({"of", "the", "and", "for", "in", "on", "to", "a", "an", "de", "s"})
# An amount within this share of the gold amount is the same figure (rounding in the text).
AMOUNT_TOLERANCE = 0.005


@dataclass
class Tally:
    """Counts of one kind: predicted items, gold items, and the pairs matched between them."""

    predicted: int = 0
    gold: int = 0
    matched: int = 0

    def add(self, other: "Tally") -> None:
        self.predicted += other.predicted
        self.gold += other.gold
        self.matched += other.matched

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def cell(self) -> str:
        """matched/gold +extra, as the table of articles shows it."""
        return f"{self.matched}/{self.gold} +{self.predicted - self.matched}"

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "predicted": self.predicted, "matched": self.matched,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DateTally:
    """Dates of matched meetings and agreements that have a gold date: how many the extraction got right."""

    right: int = 0
    judged: int = 0

    @property
    def accuracy(self) -> float:
        return self.right / self.judged if self.judged else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "judged": self.judged, "accuracy": round(self.accuracy, 4)}


@dataclass
class Difference:
    """A gold item nothing matched (missed), a predicted item matching no gold item (extra), or a matched
    event whose date is wrong (wrong date)."""

    kind: str
    outcome: str  # "missed", "extra" or "wrong date"
    item: dict[str, Any]
    gold_date: str | None = None

    def describe(self) -> str:
        text = describe_item(self.kind, self.item)
        if self.outcome == "wrong date":
            text += f" (gold date {self.gold_date or '-'})"
        return text


@dataclass
class ArticleScore:
    id: str
    tallies: dict[str, Tally]
    dates: DateTally
    differences: list[Difference] = field(default_factory=list)
    # kind -> (predicted index, gold index) of each matched pair, and the predicted items counted (those
    # not neutral), by their place in the records: for pages that mark facts right or wrong
    pairs: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    judged: dict[str, list[int]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kinds": {kind: tally.to_dict() for kind, tally in self.tallies.items()},
                "dates": self.dates.to_dict(),
                "missed": [{"kind": d.kind, "item": d.item} for d in self.differences if d.outcome == "missed"],
                "extra": [{"kind": d.kind, "item": d.item} for d in self.differences if d.outcome == "extra"],
                "wrong_dates": [{"kind": d.kind, "item": d.item, "gold_date": d.gold_date}
                                for d in self.differences if d.outcome == "wrong date"]}


@dataclass
class Evaluation:
    articles: list[ArticleScore]

    @property
    def kinds(self) -> dict[str, Tally]:
        totals = {kind: Tally() for kind in KINDS}
        for article in self.articles:
            for kind, tally in article.tallies.items():
                totals[kind].add(tally)
        return totals

    @property
    def micro(self) -> Tally:
        total = Tally()
        for tally in self.kinds.values():
            total.add(tally)
        return total

    @property
    def dates(self) -> DateTally:
        total = DateTally()
        for article in self.articles:
            total.right += article.dates.right
            total.judged += article.dates.judged
        return total

    def to_dict(self) -> dict[str, Any]:
        micro = self.micro.to_dict()
        return {"micro": {key: micro[key] for key in ("precision", "recall", "f1")},
                "kinds": {kind: tally.to_dict() for kind, tally in self.kinds.items()},
                "dates": self.dates.to_dict(), "articles": [article.to_dict() for article in self.articles]}


# --- how names are compared ---------------------------------------------------------------------------

def plain(text: object) -> str:
    """A name as compared: no accents, lower case, no possessive 's, words of letters and digits only,
    no leading 'the'."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("`", "'").lower()
    text = re.sub(r"'s\b", "", text)
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def country_key(name: object) -> str:
    """The country a name stands for, by the gazetteer's names, codes and demonyms ("US", "U.S.",
    "Türkiye"); a name it does not know is compared as written."""
    from .extract.gazetteer import lookup_country

    if isinstance(name, dict):
        name = name.get("name")
    text = " ".join(str(name or "").split())
    for surface in (text, text.replace(".", ""), text.removeprefix("the ").removeprefix("The ")):
        found = lookup_country(surface)
        if found is not None:
            return found.code
    return plain(text)


def _content_words(name: str) -> set[str]:
    return {word for word in plain(name).split() if word not in _FILLER_WORDS}


def _initials(name: str) -> str:
    return "".join(word[0] for word in plain(name).split() if word not in _FILLER_WORDS)


def names_of(item: object) -> list[str]:
    """A name and its aliases, whether the item is a bare name or a record with "name" and "aliases"."""
    if isinstance(item, str):
        return [item] if item else []
    if not isinstance(item, dict):
        return []
    found = [item.get("name") or item.get("label") or ""]
    found += [alias for alias in item.get("aliases") or [] if isinstance(alias, str)]
    return [name for name in found if name]


def same_organization(predicted: str, gold: str) -> bool:
    """Equal names, one the acronym of the other (three letters or more), or content words mostly shared
    (Jaccard index at least 0.6)."""
    p, g = plain(predicted), plain(gold)
    if not p or not g:
        return False
    if p == g:
        return True
    p_compact, g_compact = p.replace(" ", ""), g.replace(" ", "")
    if len(p_compact) >= 3 and p_compact == _initials(gold) or len(g_compact) >= 3 and g_compact == _initials(predicted):
        return True
    p_words, g_words = _content_words(predicted), _content_words(gold)
    return bool(p_words and g_words) and len(p_words & g_words) / len(p_words | g_words) >= 0.6


def one_typo_apart(a: str, b: str) -> bool:
    """Equal, or (both four letters or longer) one letter changed, added or dropped, or two neighbours swapped."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1 or min(len(a), len(b)) < 4:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
        return len(differ) == 1 or (len(differ) == 2 and differ[1] == differ[0] + 1
                                    and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]])
    shorter, longer = sorted((a, b), key=len)
    return any(longer[:i] + longer[i + 1:] == shorter for i in range(len(longer)))


def same_person(predicted: str, gold: str) -> bool:
    """The same surname (last word), and first names one typo apart or an initial of each other; a name
    of one word matches on the surname alone."""
    p, g = plain(predicted).split(), plain(gold).split()
    if not p or not g or p[-1] != g[-1]:
        return False
    if len(p) == 1 or len(g) == 1:
        return True
    return one_typo_apart(p[0], g[0]) or (p[0][0] == g[0][0] and (len(p[0]) == 1 or len(g[0]) == 1))


def same_actor(predicted: str, gold: str) -> bool:
    """A participant or party: a person, an organisation or a country, by the rules of each."""
    key = country_key(predicted)
    return same_person(predicted, gold) or same_organization(predicted, gold) or (key != "" and key == country_key(gold))


def _shares_actors(predicted: list, gold: list) -> bool:
    """At least two of the gold actors (all of them when fewer) are among the predicted ones."""
    names = [name for item in predicted for name in names_of(item)]
    found = sum(1 for actor in gold if any(same_actor(name, actor) for name in names))
    return bool(gold) and found >= min(2, len(gold))


def _period(value: object) -> str:
    return re.sub(r"\s+", "", str(value or "").strip().lower().replace("/", ".."))


def _close(a: object, b: object) -> bool:
    try:
        x, y = float(a), float(b)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False
    return abs(x - y) <= AMOUNT_TOLERANCE * max(abs(y), 1.0)


def same_figure(predicted: dict, gold: dict) -> bool:
    """The same pair of countries and the same period, and the amount within 0.5 % in the same currency,
    or equal to one of the gold's equivalents (the figure as the text also gives it in another currency)."""
    if {country_key(c) for c in predicted.get("countries") or []} != {country_key(c) for c in gold.get("countries") or []}:
        return False
    if _period(predicted.get("period")) != _period(gold.get("period")):
        return False
    for stated in (gold, *(gold.get("equivalents") or [])):
        currencies = {str(x.get("currency") or "").upper() for x in (predicted, stated)} - {""}
        if _close(predicted.get("amount"), stated.get("amount")) and len(currencies) <= 1:
            return True
    return False


def same(kind: str, predicted: Any, gold: Any) -> bool:
    """Whether a predicted item states the gold item, by the rules of its kind."""
    if kind == "countries":
        return country_key(predicted) == country_key(gold)
    if kind == "organizations":
        return any(same_organization(p, g) for p in names_of(predicted) for g in names_of(gold))
    if kind == "persons":
        return any(same_person(p, g) for p in names_of(predicted) for g in names_of(gold))
    if kind == "meetings":
        return _shares_actors(predicted.get("participants") or [], gold.get("participants") or [])
    if kind == "agreements":
        return _shares_actors(predicted.get("parties") or [], gold.get("parties") or [])
    if kind == "trade_figures":
        return same_figure(predicted, gold)
    raise ValueError(kind)


def match(kind: str, predicted: list, gold: list) -> list[tuple[int, int]]:
    """One-to-one greedy pairs (predicted index, gold index)."""
    pairs, taken = [], set()
    for gi, wanted in enumerate(gold):
        for pi, item in enumerate(predicted):
            if pi not in taken and same(kind, item, wanted):
                pairs.append((pi, gi))
                taken.add(pi)
                break
    return pairs


def describe_item(kind: str, item: Any) -> str:
    """One line naming an item of a kind, for lists of misses and extras."""
    if isinstance(item, str):
        return item
    if kind == "meetings":
        return f"{'; '.join(names_of_each(item.get('participants')))} ({item.get('date') or 'undated'})"
    if kind == "agreements":
        return (f"{item.get('kind') or 'agreement'}: {'; '.join(names_of_each(item.get('parties')))} "
                f"({item.get('date') or 'undated'})")
    if kind == "trade_figures":
        amount = item.get("amount")
        amount = f"{amount:,.0f}" if isinstance(amount, (int, float)) else str(amount)
        return f"{' - '.join(names_of_each(item.get('countries')))} {item.get('period') or 'no period'}: " \
               f"{amount} {item.get('currency') or ''}".rstrip()
    return (names_of(item) or ["?"])[0]


def names_of_each(items: object) -> list[str]:
    return [(names_of(item) or ["?"])[0] for item in items or []] if isinstance(items, list) else []


# --- scoring ------------------------------------------------------------------------------------------

def score_article(article_id: str, predicted: dict[str, Any], gold: dict[str, Any]) -> ArticleScore:
    """Compare one article's records (their JSON form) with its gold annotation. Organisations and
    persons that match a name of the gold's "neutral" list are neither right nor wrong: not counted."""
    neutral = [name for name in gold.get("neutral") or [] if isinstance(name, str)]
    tallies: dict[str, Tally] = {}
    differences: list[Difference] = []
    dates = DateTally()
    all_pairs: dict[str, list[tuple[int, int]]] = {}
    judged: dict[str, list[int]] = {}
    for kind in KINDS:
        every = list(predicted.get(kind) or [])
        wanted = list(gold.get(kind) or [])
        counted = [number for number, item in enumerate(every)
                   if kind not in ("organizations", "persons")
                   or not any(same_organization(name, n) for name in names_of(item) for n in neutral)]
        found = [every[number] for number in counted]
        found_items = [_item_as_gold(kind, item) for item in found]
        pairs = match(kind, found_items, wanted)
        all_pairs[kind] = [(counted[pi], gi) for pi, gi in pairs]
        judged[kind] = counted
        tallies[kind] = Tally(predicted=len(found), gold=len(wanted), matched=len(pairs))
        matched_gold = {gi for _, gi in pairs}
        matched_predicted = {pi for pi, _ in pairs}
        differences += [Difference(kind, "missed", wanted[gi]) for gi in range(len(wanted)) if gi not in matched_gold]
        differences += [Difference(kind, "extra", found_items[pi])
                        for pi in range(len(found)) if pi not in matched_predicted]
        if kind in EVENT_KINDS:
            for pi, gi in pairs:
                gold_date = wanted[gi].get("date")
                if gold_date:
                    dates.judged += 1
                    if str(found_items[pi].get("date") or "") == str(gold_date):
                        dates.right += 1
                    else:
                        differences.append(Difference(kind, "wrong date", found_items[pi], str(gold_date)))
    return ArticleScore(article_id, tallies, dates, differences, all_pairs, judged)


def _item_as_gold(kind: str, item: Any) -> Any:
    """A predicted item with only what gold annotations state (records carry ids, evidence and mentions)."""
    if kind == "countries":
        return item.get("name") if isinstance(item, dict) else item
    if not isinstance(item, dict):
        return item
    keep = {"organizations": ("name", "aliases", "country"), "persons": ("name", "post", "organization"),
            "meetings": ("participants", "date"), "agreements": ("kind", "parties", "signatories", "date"),
            "trade_figures": ("countries", "amount", "currency", "period")}[kind]
    return {key: item[key] for key in keep if key in item}


def gold_path_of(article: Path) -> Path:
    """Where an article's gold annotation lies: NAME.gold.json beside NAME.txt."""
    return article.with_name(article.stem + GOLD_SUFFIX)


def annotated_articles(folder: Path) -> list[tuple[Path, Path]]:
    """The (article, gold) pairs of a folder, in name order: every NAME.gold.json with NAME.txt beside it."""
    if not folder.is_dir():
        raise InputError(f"{folder}: not a folder (evaluate needs a folder of NAME.txt articles with "
                         f"NAME{GOLD_SUFFIX} beside each)")
    pairs = []
    for gold in sorted(folder.glob("*" + GOLD_SUFFIX)):
        article = gold.with_name(gold.name[: -len(GOLD_SUFFIX)] + ".txt")
        if article.is_file():
            pairs.append((article, gold))
    if not pairs:
        raise InputError(f"{folder}: no article has a gold annotation beside it (NAME.txt with NAME{GOLD_SUFFIX})")
    return pairs


def read_gold(path: Path) -> dict[str, Any]:
    """A gold annotation, checked enough that scoring cannot stumble on it."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"{path}: cannot read the gold annotation ({error})") from None
    except json.JSONDecodeError as error:
        raise InputError(f"{path}: not JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    if not isinstance(data, dict):
        raise InputError(f"{path}: a gold annotation is a JSON object with the keys {', '.join(KINDS)}")
    for kind in KINDS:
        items = data.get(kind, [])
        if not isinstance(items, list):
            raise InputError(f"{path}: '{kind}' must be a list")
        wanted = str if kind == "countries" else dict
        for number, item in enumerate(items, 1):
            if not isinstance(item, (wanted, str) if kind in ("organizations", "persons") else wanted):
                raise InputError(f"{path}: item {number} of '{kind}' must be "
                                 f"{'a name' if wanted is str else 'an object'}")
    return data


def evaluate(folder: Path, progress: Callable[[str], None] | None = None) -> Evaluation:
    """Extract every annotated article of a folder and score it against its gold annotation."""
    from .article import read_article
    from .extract import extract

    scores = []
    for article_path, gold_path in annotated_articles(folder):
        gold = read_gold(gold_path)
        article = read_article(article_path)
        records = extract(article).to_dict()
        scores.append(score_article(article_path.stem, records, gold))
        if progress:
            progress(article_path.stem)
    return Evaluation(scores)

