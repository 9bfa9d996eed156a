"""Plain-text rendering of records, for `kgbuild extract --format table`."""

from __future__ import annotations

from .files import visible
from .records import Records


def _rows(title: str, header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return [f"{title}: none", ""]
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(header)]
    lines = [f"{title} ({len(rows)})", "  " + "  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines += ["  " + "  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    return lines + [""]


def _text(value: object) -> str:
    if value is None:
        return "-"
    if isinstance(value, list):
        return visible("; ".join(" ".join(str(v).split()) for v in value)) or "-"
    if isinstance(value, float):
        return f"{value:,.0f}"
    return visible(" ".join(str(value).split()))  # control characters and newlines never break a row


def records_table(records: Records) -> str:
    meta = records.article
    lines = [f"article    {meta.id}", f"date       {_text(meta.date)}", f"publisher  {_text(meta.publisher)}",
             f"authors    {_text(meta.authors)}", f"source     {_text(meta.source)}", f"title      {_text(meta.title)}",
             ""]
    lines += _rows("Countries", ["name", "code", "mentions"],
                   [[c.name, c.code, str(len(c.mentions))] for c in records.countries])
    lines += _rows("Organizations", ["name", "type", "country", "aliases"],
                   [[_text(o.name), o.type, _text(o.country), _text(o.aliases)] for o in records.organizations])
    lines += _rows("Persons", ["name", "post", "organization"],
                   [[_text(p.name), _text(p.post), _text(p.organization)] for p in records.persons])
    lines += _rows("Meetings", ["id", "date", "place", "participants"],
                   [[m.id, _text(m.date), _text(m.place), _text(m.participants)] for m in records.meetings])
    lines += _rows("Agreements", ["id", "kind", "date", "parties", "signatories"],
                   [[a.id, _text(a.kind), _text(a.date), _text(a.parties), _text(a.signatories)] for a in records.agreements])
    lines += _rows("Trade figures", ["countries", "period", "amount", "currency"],
                   [[" - ".join(t.countries), _text(t.period), _text(t.amount), t.currency]
                    for t in records.trade_figures])
    lines += _rows("Topics", ["topic"], [[_text(t)] for t in records.topics])
    return "\n".join(lines).rstrip() + "\n"
