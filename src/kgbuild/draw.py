"""The actor graph: networkx from the store, drawn with pyvis as one self-contained HTML page.

The page opens with no network: vis-network's script and style sheet (shipped with pyvis) are
inlined, and article text reaches the page only as JSON data that vis-network shows as text.
"""

from __future__ import annotations

import json
import math
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from .query import compact, load_query

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


def _rows(store: ox.Store, name: str) -> list[dict[str, str | None]]:
    results = store.query(load_query(name).text)
    variables = [v.value for v in results.variables]
    return [dict(zip(variables, (term.value if term is not None else None for term in solution)))
            for solution in results]


DRAWING_QUERIES = ("actor-nodes", "actor-mentions", "actor-edges")


def actor_graph(store: ox.Store, selection: DrawFilter | None = None) -> nx.MultiGraph:
    """Actors as nodes (kind, name, country, posts, mentions) and their relations as edges."""
    # Oxigraph evaluates without holding the GIL: the three queries run side by side (2.2 s one after
    # the other at 10,000 articles, 1.3 s together on two cores).
    with ThreadPoolExecutor(len(DRAWING_QUERIES)) as pool:
        nodes, mentioned, relations = pool.map(lambda name: _rows(store, name), DRAWING_QUERIES)
    graph = nx.MultiGraph()
    mentions: dict[str, dict[str, set[int]]] = defaultdict(lambda: defaultdict(set))
    for row in nodes:
        actor = row["actor"]
        if actor not in graph:
            kind = row["type"].rsplit("#", 1)[-1]
            graph.add_node(actor, kind=kind, label=row["label"] or compact(ox.NamedNode(actor)),
                           country=row["countryLabel"] or (row["label"] if kind == "Country" else ""), posts="")
    # Mentions come from a query of their own: joined onto the node rows they made the query 7x slower.
    for row in mentioned:
        if row["mentioned"] in graph:
            mentions[row["mentioned"]][row["article"].rsplit("/", 1)[-1]].add(int(row["sentence"]))
    for actor, articles in mentions.items():
        graph.nodes[actor]["mentions"] = "; ".join(
            f"{article} (sentence {', '.join(str(s) for s in sorted(sentences))})"
            for article, sentences in sorted(articles.items()))
    for row in relations:
        source, target = row["source"], row["target"]
        if source not in graph or target not in graph:
            continue
        article = row["article"].rsplit("/", 1)[-1] if row["article"] else ""
        graph.add_edge(source, target, key=f"{row['kind']}|{row['date']}|{row['detail']}|{article}",
                       kind=row["kind"], date=row["date"] or "", detail=row["detail"] or "", article=article)
        if row["kind"] == "post":
            posts = graph.nodes[source]["posts"]
            entry = f"{row['detail']}, {graph.nodes[target]['label']}"
            graph.nodes[source]["posts"] = f"{posts}; {entry}" if posts else entry
    for node in graph.nodes:
        graph.nodes[node].setdefault("mentions", "")
    return _select(graph, selection) if selection else graph


def _select(graph: nx.MultiGraph, selection: DrawFilter) -> nx.MultiGraph:
    kept = nx.MultiGraph()
    kept.add_nodes_from(graph.nodes(data=True))
    for source, target, key, data in graph.edges(keys=True, data=True):
        date = data.get("date") or ""
        if data["kind"] in ("met", "signed") and (selection.since or selection.until):
            if not date or (selection.since and date < selection.since) or (
                    selection.until and date[:len(selection.until)] > selection.until):
                continue
        kept.add_edge(source, target, key=key, **data)
    if selection.country:
        wanted = selection.country.casefold()
        own = {n for n, d in kept.nodes(data=True)
               if d.get("country", "").casefold() == wanted or n.rsplit("/", 1)[-1].casefold() == wanted}
        partners = {m for n in own for m in kept.neighbors(n)}
        kept = kept.subgraph(own | partners).copy()
    if selection.since or selection.until or selection.country:
        kept.remove_nodes_from([n for n in list(kept.nodes) if kept.degree(n) == 0])
    return kept


def _tooltip_node(data: dict) -> str:
    lines = [f"{data['label']}", f"Kind: {NODE_KINDS[data['kind']][0]}"]
    if data.get("country"):
        lines.append(f"Country: {data['country']}")
    if data.get("posts"):
        lines.append(f"Posts: {data['posts']}")
    if data.get("mentions"):
        lines.append(f"Appears in: {data['mentions']}")
    return "\n".join(lines)


def _tooltip_edge(kind: str, relations: list[dict]) -> str:
    lines = [EDGE_KINDS[kind][0]]
    for rel in relations:
        parts = [p for p in (rel.get("detail") if kind != "met" else "", rel.get("date"), rel.get("article")) if p]
        if parts:
            lines.append(" · ".join(parts))
    return "\n".join(lines)


def network_data(graph: nx.MultiGraph) -> tuple[list[dict], list[dict]]:
    """vis-network nodes and edges: one edge per pair and kind of relation, with every report in its tooltip."""
    nodes = []
    for node, data in graph.nodes(data=True):
        _, shape, color, _ = NODE_KINDS[data["kind"]]
        degree = graph.degree(node)
        nodes.append({"id": node, "label": data["label"], "title": _tooltip_node(data), "shape": shape,
                      "color": color, "size": round(8 + 6 * math.sqrt(degree), 1), "group": data["kind"]})
    grouped: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
    for source, target, data in graph.edges(data=True):
        grouped[(source, target, data["kind"])].append(data)
    edges = []
    for (source, target, kind), relations in grouped.items():
        label = EDGE_KINDS[kind][0]
        dates = sorted({r["date"] for r in relations if r.get("date")})
        edges.append({"from": source, "to": target, "title": _tooltip_edge(kind, relations), "kind": kind,
                      "label": f"{label} {dates[0]}" if kind in ("met", "signed") and dates else "",
                      "color": EDGE_KINDS[kind][1], "width": 1 + min(len(relations), 5)})
    return nodes, edges


def _vis_options(node_count: int) -> dict:
    return {
        "physics": {"enabled": True, "solver": "barnesHut",
                    "barnesHut": {"gravitationalConstant": -3000, "springLength": 140, "avoidOverlap": 0.2},
                    "stabilization": {"enabled": True, "iterations": 300 if node_count < 500 else 120,
                                      "updateInterval": 25}},
        "layout": {"improvedLayout": node_count < 150, "randomSeed": 7},
        "interaction": {"hover": True, "tooltipDelay": 120, "dragNodes": True, "hideEdgesOnDrag": node_count > 500},
        "edges": {"smooth": False, "font": {"size": 10, "align": "middle"}},
        "nodes": {"font": {"size": 14}},
    }


def _script_safe_json(value: object) -> str:
    # Inside <script>, "</script>" or "<!--" in article text must not end the block: escape <, > and &.
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") \
        .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_html(graph: nx.MultiGraph, title: str = "kgbuild actor graph") -> str:
    """One self-contained HTML page: vis-network inlined, no request leaves the page."""
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
    return template.render(
        title=title,
        vis_js=vis_dir.joinpath("vis-network.min.js").read_text(encoding="utf-8").replace("</script", "<\\/script"),
        vis_css=vis_dir.joinpath("vis-network.css").read_text(encoding="utf-8"),
        data_json=_script_safe_json({"nodes": nodes, "edges": edges, "options": json.loads(options)}),
        node_kinds=[{"name": k, "label": v[0], "shape": v[1], "color": v[2], "radius": v[3]}
                    for k, v in NODE_KINDS.items()],
        edge_kinds=[{"name": k, "label": v[0], "color": v[1]} for k, v in EDGE_KINDS.items()],
        node_count=len(nodes), edge_count=len(edges))


def write_graph_file(graph: nx.MultiGraph, path: Path, fmt: str) -> None:
    """GraphML or GEXF of the same networkx graph, for Gephi, Cytoscape and other tools."""
    from .store import atomic_write_bytes
    import io

    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(graph, buffer)
    else:
        nx.write_gexf(graph, buffer)
    atomic_write_bytes(path, buffer.getvalue())
