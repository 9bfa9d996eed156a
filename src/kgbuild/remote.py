"""Other triple stores: push the store to a SPARQL server and query it, through the W3C protocols only.

- Pushing uses the SPARQL 1.1 Graph Store HTTP Protocol: each article's named graph is sent with POST
  (added to what the server holds: pushing again changes nothing) or PUT (`--replace`: the graph is
  replaced), and the merged graph is PUT into the server's default graph, so that the same queries
  give the same rows there as on the local store.
- Querying uses the SPARQL 1.1 Protocol (POST application/sparql-query), asking for SPARQL JSON
  results or N-Triples.
- Credentials for HTTP basic authentication come from KGBUILD_ENDPOINT_USER and
  KGBUILD_ENDPOINT_PASSWORD only; they are never taken from the command line nor printed.
"""

from __future__ import annotations

import base64
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import InputError
from .ontology import graph_iri
from .store import ONTOLOGY_GRAPH, KnowledgeStore

USER_VARIABLE = "KGBUILD_ENDPOINT_USER"
PASSWORD_VARIABLE = "KGBUILD_ENDPOINT_PASSWORD"
TIMEOUT_SECONDS = 60

# Where common servers put the Graph Store endpoint beside the query endpoint.
_GRAPH_STORE_BESIDE = [
    (re.compile(r"/query$"), "/store"),         # Oxigraph server
    (re.compile(r"/sparql$"), "/data"),         # Apache Jena Fuseki (/dataset/sparql -> /dataset/data)
    (re.compile(r"(/repositories/[^/]+)$"), r"\1/rdf-graphs/service"),  # GraphDB, RDF4J
]


class EndpointError(InputError):
    """The server is unreachable or answered with an error."""


@dataclass
class Endpoint:
    query_url: str
    graph_store_url: str | None = None

    def __post_init__(self) -> None:
        if not re.match(r"^https?://", self.query_url):
            raise InputError(f"--endpoint {self.query_url!r}: expected an http:// or https:// URL")
        if self.graph_store_url is None:
            for pattern, replacement in _GRAPH_STORE_BESIDE:
                if pattern.search(self.query_url):
                    self.graph_store_url = pattern.sub(replacement, self.query_url)
                    break

    def graph_store(self) -> str:
        if self.graph_store_url is None:
            raise InputError(f"--endpoint {self.query_url}: give the Graph Store URL with --graph-store")
        return self.graph_store_url


def _authorization() -> dict[str, str]:
    user = os.environ.get(USER_VARIABLE)
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{os.environ.get(PASSWORD_VARIABLE, '')}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def _safe(url: str) -> str:
    """The URL without any credentials in it, for messages."""
    parts = urllib.parse.urlsplit(url)
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "") if parts.hostname else parts.netloc
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None
            ) -> tuple[bytes, str]:
    """One HTTP request; returns the body and content type, or raises EndpointError with one line."""
    message = urllib.request.Request(url, data=body, method=method, headers={**(headers or {}), **_authorization()})
    try:
        with urllib.request.urlopen(message, timeout=TIMEOUT_SECONDS) as response:
            return response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else exc.reason
        raise EndpointError(f"{_safe(url)} answered {exc.code} {exc.reason}: {reason}") from None
    except urllib.error.URLError as exc:
        raise EndpointError(f"cannot reach {_safe(url)} ({getattr(exc.reason, 'strerror', None) or exc.reason})") \
            from None
    except (TimeoutError, ConnectionError, OSError) as exc:
        raise EndpointError(f"cannot reach {_safe(url)} ({exc.__class__.__name__}: {exc})") from None


def _graph_url(endpoint: Endpoint, graph: str | None) -> str:
    base = endpoint.graph_store()
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{base}{'&' if '?' in base else '?'}{query}"


def push(store: KnowledgeStore, endpoint: Endpoint, replace: bool = False, articles: list[str] | None = None,
         progress: Callable[[str], None] | None = None) -> int:
    """Send the store's article graphs, the ontology and the merged graph to a server; returns graphs sent."""
    ids = store.articles() if articles is None else articles
    graphs = [graph_iri(a).value for a in ids] + [ONTOLOGY_GRAPH]
    method = "PUT" if replace else "POST"
    sent = 0
    for graph in graphs:
        data = store.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        request(method, _graph_url(endpoint, graph), data, {"Content-Type": "application/n-triples"})
        sent += 1
        if progress:
            progress(graph)
    # The merged graph, as the local store answers queries from it.
    merged = store.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    request("PUT", _graph_url(endpoint, None), merged, {"Content-Type": "application/n-triples"})
    return sent


def load_file(endpoint: Endpoint, data: bytes, content_type: str, graph: str | None = None) -> None:
    """Add an RDF document (Turtle into a graph, or TriG/N-Quads as a dataset) to a server."""
    url = _graph_url(endpoint, graph) if content_type in ("text/turtle", "application/n-triples") else \
        endpoint.graph_store()
    request("POST", url, data, {"Content-Type": content_type})


def remote_query(endpoint: Endpoint, text: str) -> object:
    """Run a query on the server; returns pyoxigraph results (solutions, a boolean, or a Store of triples)."""
    body, content_type = request(
        "POST", endpoint.query_url, text.encode("utf-8"),
        {"Content-Type": "application/sparql-query; charset=utf-8",
         "Accept": "application/sparql-results+json, application/n-triples;q=0.9, text/turtle;q=0.8"})
    kind = content_type.split(";")[0].strip().lower()
    try:
        if kind in ("application/sparql-results+json", "application/json"):
            results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            if isinstance(results, ox.QuerySolutions):
                list(results)  # read to the end now: a server may fail in the middle of its answer
                results = ox.parse_query_results(body, ox.QueryResultsFormat.JSON)
            return results
        if kind in ("application/n-triples", "text/plain", "text/turtle"):
            graph = ox.Store()
            graph.load(body, format=ox.RdfFormat.TURTLE if kind == "text/turtle" else ox.RdfFormat.N_TRIPLES)
            return graph
    except SyntaxError as exc:
        raise EndpointError(f"{_safe(endpoint.query_url)} sent results kgbuild cannot read ({exc})") from None
    raise EndpointError(f"{_safe(endpoint.query_url)} answered with {kind or 'no content type'}, not SPARQL results")
