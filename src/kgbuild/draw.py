"""The actor graph: networkx from the store, drawn with pyvis as one self-contained HTML page.

The page opens with no network: vis-network's script and style sheet (shipped with pyvis) are
inlined, and article text reaches the page only as JSON data that the page shows as text. Beside
the nodes and edges the page holds, for its side panel, the meetings, agreements and trade figures
of each actor with the sentences they were read from.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .errors import InputError
from .query import compact, internal_query, load_query

NODE_KINDS = {
    "Country": ("country", "diamond", "#e4572e", "0"),
    "Organization": ("organisation", "square", "#4c78a8", "0"),
    "Person": ("person", "dot", "#54a24b", "50%"),
}
EDGE_KINDS = {
    "met": ("met with", "#f58518"),
    "signed": ("signed an agreement with", "#b279a2"),
    "post": ("holds a post in", "#54a24b"),
    "country": ("belongs to", "#9d9d9d"),
    "trade": ("trade with", "#e4572e"),
}


@dataclass
class DrawFilter:
    country: str | None = None  # a country's name or ISO code
    since: str | None = None
    until: str | None = None


# Node sizes in pixels: a log scale of connections between these bounds (stated in the page's legend).
NODE_SIZE_MIN, NODE_SIZE_MAX = 10, 30
# Pages past this many actors open on the most connected ones; the reader shows all or expands.
FIRST_VIEW_ACTORS = 600
TOOLTIP_ARTICLES = 3  # articles named in a tooltip; the rest are counted
PANEL_SENTENCES = 2  # evidence sentences kept for each fact
PANEL_FIRST_FACTS = 3  # facts of a kind the side panel shows before "show more"
LABEL_PX = 13  # height of an actor's name on the screen, at any zoom
LABELS_AT_ONCE = 60  # names drawn at once at most (the most connected in view): more appear as one zooms in
SENTENCE_CHARS = 300
TEXT_ATTRIBUTE_CHARS = 300  # GraphML/GEXF text attributes are cut to this


def country_code(name: str) -> str:
    """The ISO code of a country named or coded as a user writes it; InputError if there is none."""
    from .extract.gazetteer import country_by_code, lookup_country

    name = name.strip()
    found = country_by_code().get(name.upper()) or lookup_country(name) or lookup_country(name.title())
    if found is None:
        raise InputError(f"--country {name!r}: no such country (a name such as Azerbaijan, or a code such as AZ)")
    return found.code


def _rows(store: ox.Store, text: str) -> list[dict[str, str | None]]:
    results = store.query(text)
    variables = [v.value for v in results.variables]
    return [dict(zip(variables, (term.value if term is not None else None for term in solution)))
            for solution in results]


DRAWING_QUERIES = ("actor-nodes", "actor-edges")
INTERNAL_QUERIES = ("drawing-articles", "drawing-evidence", "drawing-aliases", "drawing-article-meta",
                    "drawing-occurrences")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def actor_graph(store: ox.Store, selection: DrawFilter | None = None) -> nx.MultiGraph:
    """Actors as nodes (kind, name, country, posts, mentions, aliases, facts) and their relations as
    edges (one per report), and the facts of the side panel as the graph's `facts`."""
    texts = [load_query(name).text for name in DRAWING_QUERIES] + [internal_query(n).text for n in INTERNAL_QUERIES]
    # Oxigraph evaluates without holding the GIL: the queries run side by side (2.2 s one after
    # the other at 10,000 articles, 1.3 s together on two cores).
    with ThreadPoolExecutor(3) as pool:
        nodes, relations, mentioned, evidence, aliases, article_rows, occurrence_rows = pool.map(
            lambda text: _rows(store, text), texts)
    occurrence_of = {row["report"]: row["occurrence"] for row in occurrence_rows}
    graph = nx.MultiGraph()
    mentions: dict[str, set[str]] = defaultdict(set)
    for row in nodes:
        actor = row["actor"]
        if actor not in graph:
            kind = row["type"].rsplit("#", 1)[-1]
            graph.add_node(actor, kind=kind, label=row["label"] or compact(ox.NamedNode(actor)),
                           country=row["countryLabel"] or (row["label"] if kind == "Country" else ""), posts="",
                           aliases=[], facts=[], articles=[])
    for row in aliases:
        if row["actor"] in graph:
            graph.nodes[row["actor"]]["aliases"].append(row["alias"])
    # Mentions come from a query of their own: joined onto the node rows they made the query 7x slower.
    for row in mentioned:
        if row["mentioned"] in graph:
            mentions[row["mentioned"]].add(row["article"].rsplit("/", 1)[-1])
    for actor, articles in mentions.items():
        graph.nodes[actor]["articles"] = sorted(articles)
        graph.nodes[actor]["mentions"] = f"{len(articles):,} article(s): " + ", ".join(sorted(articles))
    for row in relations:
        source, target = row["source"], row["target"]
        if source not in graph or target not in graph:
            continue
        article = row["article"].rsplit("/", 1)[-1] if row["article"] else ""
        graph.add_edge(source, target, key=f"{row['kind']}|{row['date']}|{row['detail']}|{article}",
                       kind=row["kind"], date=row["date"] or "", detail=row["detail"] or "", article=article,
                       event=occurrence_of.get(row.get("event") or "", row.get("event") or ""))
        if row["kind"] == "post":
            posts = graph.nodes[source]["posts"]
            entry = f"{row['detail']}, {graph.nodes[target]['label']}"
            graph.nodes[source]["posts"] = f"{posts}; {entry}" if posts else entry
    for node in graph.nodes:
        graph.nodes[node].setdefault("mentions", "")
    graph.graph["facts"] = _facts(graph, relations, evidence, occurrence_of)
    # what the side panel says of each article a sentence comes from: title, date, source
    cited = {e[0] for fact in graph.graph["facts"] for e in fact["evidence"]}
    graph.graph["articles"] = {row["id"]: [_cut(row["title"] or "", 200), row["date"] or "", row["source"] or ""]
                               for row in article_rows if row["id"] in cited}
    return _select(graph, selection) if selection else graph


_FACT_KINDS = {"met": "meeting", "signed": "agreement", "trade": "trade"}


def _readable_amount(detail: str | None) -> str | None:
    """"260200000 USD 2021-H1" as a reader wants it: "260,200,000 USD 2021-H1"."""
    if not detail:
        return detail
    amount, _, rest = detail.partition(" ")
    try:
        number = float(amount)
    except ValueError:
        return detail
    return (f"{number:,.0f}" if number == int(number) else f"{number:,.2f}") + (f" {rest}" if rest else "")


_EVIDENCE_PLACE = re.compile(r"#s[0-9]+-([0-9]+)-([0-9]+)$")


# Reports of one event whose sentences the side panel shows (the rest are counted).
PANEL_REPORTS = 3


def _facts(graph: nx.MultiGraph, rows: list[dict], evidence: list[dict],
           occurrence_of: dict[str, str] | None = None) -> list[dict]:
    """Meetings, agreements and trade figures (the events the relations came from: one fact for all the
    reports of one event) with their actors, their number of reports and sentences; each actor's node
    lists the facts it takes part in (indices into this list)."""
    occurrence_of = occurrence_of or {}
    sentences: dict[str, list[list[str]]] = defaultdict(list)
    # the longest anchors first: the sentences, before the words of an amount inside one of them
    for row in sorted(evidence, key=lambda r: (r["evidence"], -len(r["sentence"]))):
        kept = sentences[row["fact"]]
        text = " ".join(row["sentence"].split())
        if len(kept) < PANEL_SENTENCES and not any(text in shown for _, shown, _ in kept):
            article = row["evidence"].rsplit("/", 1)[-1].split("#", 1)[0]
            place = _EVIDENCE_PLACE.search(row["evidence"])  # where the sentence stands: a review page opens there
            kept.append([article, _cut(text, SENTENCE_CHARS), f"{place[1]}-{place[2]}" if place else ""])
    by_fact: dict[str, dict] = {}
    for row in sorted((r for r in rows if r.get("event")), key=lambda r: (r["date"] or "", r["event"])):
        event = occurrence_of.get(row["event"], row["event"])
        fact = by_fact.get(event)
        if fact is None:
            fact = by_fact[event] = {"kind": _FACT_KINDS[row["kind"]], "date": row["date"] or "", "details": [],
                                     "members": [], "evidence": [], "reports": []}
        if row["event"] not in fact["reports"]:
            fact["reports"].append(row["event"])
            if len(fact["reports"]) <= PANEL_REPORTS:
                fact["evidence"] += sentences.get(row["event"], [])[:PANEL_SENTENCES if len(fact["reports"]) == 1 else 1]
            fact["date"] = max(fact["date"], row["date"] or "", key=len)  # the most precise of the reports' dates
        detail = _readable_amount(row["detail"]) if row["kind"] == "trade" else row["detail"]
        if detail and row["kind"] != "met" and detail not in fact["details"] and len(fact["details"]) < 5:
            fact["details"].append(_cut(detail, 160))
        for member in (row["source"], row["target"]):
            if member in graph and member not in fact["members"]:
                fact["members"].append(member)
    facts = [{**fact, "reports": len(fact["reports"])} for fact in by_fact.values() if fact["members"]]
    for number, fact in enumerate(facts):
        for member in fact["members"]:
            graph.nodes[member]["facts"].append(number)
    return facts


def _select(graph: nx.MultiGraph, selection: DrawFilter) -> nx.MultiGraph:
    kept = nx.MultiGraph(**graph.graph)
    kept.add_nodes_from(graph.nodes(data=True))
    for source, target, key, data in graph.edges(keys=True, data=True):
        date = data.get("date") or ""
        if data["kind"] in ("met", "signed") and (selection.since or selection.until):
            if not date or (selection.since and date < selection.since) or (
                    selection.until and date[:len(selection.until)] > selection.until):
                continue
        kept.add_edge(source, target, key=key, **data)
    if selection.country:
        code = country_code(selection.country)
        country = next((n for n in graph.nodes if n.endswith(f"/country/{code}")), None)
        name = graph.nodes[country]["label"].casefold() if country else None
        own = {n for n, d in kept.nodes(data=True) if n == country or d.get("country", "").casefold() == name}
        partners = {m for n in own for m in kept.neighbors(n)}
        kept = kept.subgraph(own | partners).copy()
    if selection.since or selection.until or selection.country:
        kept.remove_nodes_from([n for n in list(kept.nodes) if kept.degree(n) == 0])
    return kept


def relations(graph: nx.MultiGraph) -> dict[tuple[str, str, str], list[dict]]:
    """The reports of each relation: one entry per pair of actors and kind of relation."""
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        first, second = sorted((source, target))
        grouped[(first, second, data["kind"])].append(data)
    return grouped


def _connections(grouped: dict[tuple[str, str, str], list[dict]]) -> dict[str, int]:
    """How many relations (pairs and kinds, not reports) each actor has."""
    connections: dict[str, int] = defaultdict(int)
    for source, target, _ in grouped:
        connections[source] += 1
        connections[target] += 1
    return connections


def _tooltip_node(data: dict) -> str:
    lines = [f"{data['label']}", f"Kind: {NODE_KINDS[data['kind']][0]}"]
    if data.get("country"):
        lines.append(f"Country: {data['country']}")
    if data.get("posts"):
        posts = data["posts"].split("; ")
        lines.append(f"Posts: {'; '.join(posts[:3])}" + (f" (and {len(posts) - 3} more)" if len(posts) > 3 else ""))
    articles = data.get("articles") or []
    if articles:
        shown = ", ".join(_cut(a, 40) for a in articles[:TOOLTIP_ARTICLES])
        more = f" and {len(articles) - TOOLTIP_ARTICLES:,} more" if len(articles) > TOOLTIP_ARTICLES else ""
        lines.append(f"Appears in {len(articles):,} article{'s' if len(articles) != 1 else ''}: {shown}{more}")
    lines.append("Click for its facts and sources.")
    return "\n".join(_cut(line, 200) for line in lines)


def _tooltip_edge(kind: str, reports: list[dict]) -> str:
    dates = sorted({r["date"] for r in reports if r.get("date")})
    count = f"{len(reports):,} report{'s' if len(reports) != 1 else ''}"
    events = {r["event"] for r in reports if r.get("event")}
    if kind in _FACT_KINDS and events:  # one meeting told by five outlets is one meeting
        times = "figure" if kind == "trade" else "time"
        count = f"{len(events):,} {times}{'s' if len(events) != 1 else ''} ({count})"
    lines = [f"{EDGE_KINDS[kind][0]}: {count}"]
    if dates:
        lines.append("Dates: " + ", ".join(dates[:5]) + (f" and {len(dates) - 5} more" if len(dates) > 5 else ""))
    details = sorted({(_readable_amount(r["detail"]) if kind == "trade" else r["detail"])
                      for r in reports if r.get("detail") and kind != "met"})
    if details:
        lines.append(_cut("; ".join(details[:3]), 200) + (f" and {len(details) - 3} more" if len(details) > 3 else ""))
    articles = sorted({r["article"] for r in reports if r.get("article")})
    if articles:
        lines.append("In: " + ", ".join(articles[:TOOLTIP_ARTICLES])
                     + (f" and {len(articles) - TOOLTIP_ARTICLES} more" if len(articles) > TOOLTIP_ARTICLES else ""))
    return "\n".join(lines)


def node_size(degree: int, most: int) -> float:
    """A log scale of connections within NODE_SIZE_MIN..NODE_SIZE_MAX pixels."""
    if most <= 0:
        return float(NODE_SIZE_MIN)
    return round(NODE_SIZE_MIN + (NODE_SIZE_MAX - NODE_SIZE_MIN) * math.log1p(degree) / math.log1p(most), 1)


def network_data(graph: nx.MultiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges: one edge per pair and kind of relation, its width and tooltip giving
    the count and the dates; node sizes on a bounded log scale."""
    grouped = relations(graph)
    connections = _connections(grouped)
    most = max(connections.values(), default=0)
    nodes = []
    for node, data in graph.nodes(data=True):
        _, shape, color, _ = NODE_KINDS[data["kind"]]
        degree = connections.get(node, 0)
        size = node_size(degree, most)
        nodes.append({"id": node, "label": data["label"], "title": _tooltip_node(data), "shape": shape,
                      "color": color, "size": size, "group": data["kind"], "degree": degree,
                      "country": data.get("country", ""), "aliases": data.get("aliases", [])[:20],
                      "posts": data.get("posts", "").split("; ")[:10] if data.get("posts") else [],
                      "facts": data.get("facts", []),
                      # vis-network scales `value` linearly into the size and label bounds of the options:
                      # a logarithm makes it a log scale, and labels drawn smaller than the threshold wait
                      # for the reader to zoom in instead of all of them shrinking into a blur
                      "value": round(math.log1p(degree), 4)})
    edges = []
    for (source, target, kind), reports in grouped.items():
        dates = sorted({r["date"] for r in reports if r.get("date")})
        edges.append({"from": source, "to": target, "title": _tooltip_edge(kind, reports), "kind": kind,
                      "dates": [dates[0], dates[-1]] if dates else [], "count": len(reports),
                      "color": EDGE_KINDS[kind][1], "width": round(1 + 1.5 * math.log2(len(reports)), 1)})
    return nodes, edges


def _vis_options(node_count: int) -> dict:
    return {
        # ForceAtlas2 (Gephi's layout): repulsion grows with an actor's connections, so the core of a
        # corpus spreads instead of knotting while lone pairs drift outwards. On 2,000 real-genre
        # articles, 21 of the 30 most connected actors are named at the opening scale (5 with the
        # Barnes-Hut layout used before); on the 84 development articles 23 (16).
        "physics": {"enabled": True, "solver": "forceAtlas2Based",
                    "forceAtlas2Based": {"gravitationalConstant": -200, "centralGravity": 0.05, "springLength": 150,
                                         "springConstant": 0.04, "avoidOverlap": 1},
                    "stabilization": {"enabled": True, "iterations": 300 if node_count < 500 else 120,
                                      "updateInterval": 25}},
        "layout": {"improvedLayout": node_count < 150, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "dragNodes": True, "hideEdgesOnDrag": node_count > 500},
        "edges": {"smooth": False},
        # each kind's colour and shape as groups too: vis-network re-reads a node's group on every update
        # (a highlight, a search) and would otherwise paint it in its own default colours
        "groups": {kind: {"shape": shape, "color": {"background": color, "border": color,
                                                    "highlight": {"background": color, "border": "#222"},
                                                    "hover": {"background": color, "border": "#222"}}}
                   for kind, (_, shape, color, _) in NODE_KINDS.items()},
        # The page names the actors itself (placeLabels): the most connected in view, LABEL_PX high on the
        # screen, none over another. Every other label is too small to be drawn (under 9 px).
        "nodes": {"font": {"size": 1, "face": "system-ui, sans-serif"},
                  "scaling": {"min": NODE_SIZE_MIN, "max": NODE_SIZE_MAX,
                              "label": {"enabled": False, "drawThreshold": 9, "maxVisible": LABEL_PX + 2}}},
    }


def script_safe_json(value: object) -> str:
    # Inside <script>, "</script>" or "<!--" in article text must not end the block: escape <, > and &.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_html(graph: nx.MultiGraph, title: str = "kgbuild actor graph", selection: DrawFilter | None = None,
                reviews: str | None = None) -> str:
    """One self-contained HTML page: vis-network inlined, no request leaves the page. With `reviews` (a
    folder beside the page holding ID.html review pages), each article named in the side panel links to
    its review page at the sentence."""
    from jinja2 import Environment, select_autoescape
    from pyvis.network import Network

    nodes, edges = network_data(graph)
    # pyvis holds the network and its options; its own template links scripts from the web, so the
    # page is rendered from kgbuild's template with vis-network (shipped in pyvis) inlined.
    net = Network(directed=False, cdn_resources="in_line")
    net.nodes, net.edges = nodes, edges
    net.set_options(json.dumps(_vis_options(len(nodes))))
    nodes, edges, _, _, _, options = net.get_network_data()
    vis_dir = resources.files("pyvis").joinpath("lib", "vis-9.1.2")
    environment = Environment(autoescape=select_autoescape(default=True))
    template = environment.from_string(resources.files("kgbuild").joinpath("templates", "actors.html.j2")
                                       .read_text(encoding="utf-8"))
    selection = selection or DrawFilter()
    # a fact names its actors by their place in the node list: a number instead of an IRI each
    place = {node["id"]: number for number, node in enumerate(nodes)}
    facts = [{**fact, "members": [place[m] for m in fact["members"] if m in place]}
             for fact in graph.graph.get("facts", [])]
    data = {"nodes": nodes, "edges": edges, "facts": facts, "options": json.loads(options),
            "firstView": FIRST_VIEW_ACTORS, "reviews": reviews, "panelFirst": PANEL_FIRST_FACTS,
            "labelPx": LABEL_PX, "labelsAtOnce": LABELS_AT_ONCE,
            "articles": graph.graph.get("articles", {}),
            "initial": {"country": selection.country or "", "since": selection.since or "",
                        "until": selection.until or ""}}
    return template.render(
        title=title,
        vis_js=vis_dir.joinpath("vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        vis_css=vis_dir.joinpath("vis-network.css").read_text(encoding="utf-8"),
        data_json=script_safe_json(data),
        node_kinds=[{"name": k, "label": v[0], "shape": v[1], "color": v[2], "radius": v[3]}
                    for k, v in NODE_KINDS.items()],
        edge_kinds=[{"name": k, "label": v[0], "color": v[1]} for k, v in EDGE_KINDS.items()],
        node_count=len(nodes), edge_count=len(edges), size_min=NODE_SIZE_MIN, size_max=NODE_SIZE_MAX)


_GEXF_SHAPES = {"Country": "diamond", "Organization": "square", "Person": "disc"}


def export_graph(graph: nx.MultiGraph) -> nx.MultiGraph:
    """The graph for Gephi, Cytoscape and others: one edge per pair and kind of relation with its
    weight (the reports) and first and last dates; text attributes cut short; colour, size and shape."""
    grouped = relations(graph)
    connections = _connections(grouped)
    most = max(connections.values(), default=0)
    exported = nx.MultiGraph()
    for node, data in graph.nodes(data=True):
        color = NODE_KINDS[data["kind"]][2].lstrip("#")
        articles = data.get("articles") or []
        exported.add_node(node, label=data["label"], kind=data["kind"], country=data.get("country", ""),
                          posts=_cut(data.get("posts", ""), TEXT_ATTRIBUTE_CHARS),
                          aliases=_cut("; ".join(data.get("aliases", [])), TEXT_ATTRIBUTE_CHARS),
                          articles=len(articles), connections=connections.get(node, 0),
                          mentions=_cut(data.get("mentions", ""), TEXT_ATTRIBUTE_CHARS),
                          viz={"color": {"r": int(color[0:2], 16), "g": int(color[2:4], 16), "b": int(color[4:6], 16),
                                         "a": 1.0},
                               "size": node_size(connections.get(node, 0), most),
                               "shape": _GEXF_SHAPES[data["kind"]]})
    for (source, target, kind), reports in grouped.items():
        dates = sorted({r["date"] for r in reports if r.get("date")})
        attributes = {"kind": kind, "label": EDGE_KINDS[kind][0], "weight": len(reports),
                      "details": _cut("; ".join(sorted({r["detail"] for r in reports if r.get("detail")})),
                                      TEXT_ATTRIBUTE_CHARS)}
        if dates:
            attributes["first_date"], attributes["last_date"] = _full_date(dates[0]), _full_date(dates[-1], end=True)
        exported.add_edge(source, target, key=kind, **attributes)
    return exported


def _full_date(value: str, end: bool = False) -> str:
    """A year or month (2021, 2021-07) as the day that starts or ends it, for a timeline."""
    import calendar

    parts = value.split("-")
    if len(parts) == 1:
        return f"{parts[0]}-12-31" if end else f"{parts[0]}-01-01"
    if len(parts) == 2:
        last = calendar.monthrange(int(parts[0]), int(parts[1]))[1]
        return f"{parts[0]}-{parts[1]}-{last:02d}" if end else f"{parts[0]}-{parts[1]}-01"
    return value


def write_graph_file(graph: nx.MultiGraph, path: Path, fmt: str) -> None:
    """GraphML or GEXF of the drawing, for Gephi, Cytoscape and other tools. GEXF carries dates as
    `start`/`end` of each edge (Gephi's timeline) and `viz` colour, size and shape; GraphML, which has
    no date type, carries them as ISO dates in attributes of their own."""
    import io

    from .files import atomic_write_bytes

    exported = export_graph(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        for _, data in exported.nodes(data=True):
            viz = data.pop("viz")
            data["color"] = "#{:02x}{:02x}{:02x}".format(viz["color"]["r"], viz["color"]["g"], viz["color"]["b"])
            data["size"] = viz["size"]
        nx.write_graphml(exported, buffer)
    else:
        for _, _, data in exported.edges(data=True):
            if "first_date" in data:
                data["start"], data["end"] = data.pop("first_date"), data.pop("last_date")
        nx.write_gexf(exported, buffer)
    atomic_write_bytes(path, buffer.getvalue())
