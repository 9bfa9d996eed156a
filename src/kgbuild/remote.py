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
import http.client
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass

import pyoxigraph as ox

from .errors import InputError
from .ontology import graph_iri
from .store import LABELS_GRAPH, ONTOLOGY_GRAPH, KnowledgeStore

USER_VARIABLE = "KGBUILD_ENDPOINT_USER"
PASSWORD_VARIABLE = "KGBUILD_ENDPOINT_PASSWORD"
TIMEOUT_SECONDS = 60  # for a whole request and its reply, not for each read
MAX_REPLY_BYTES = 1 << 30

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
        check_url(self.query_url, "--endpoint")
        if self.graph_store_url is not None:
            check_url(self.graph_store_url, "--graph-store")
        if self.graph_store_url is None:
            for pattern, replacement in _GRAPH_STORE_BESIDE:
                if pattern.search(self.query_url):
                    self.graph_store_url = pattern.sub(replacement, self.query_url)
                    break

    def graph_store(self) -> str:
        if self.graph_store_url is None:
            raise InputError(f"--endpoint {printable_url(self.query_url)}: give the Graph Store URL with --graph-store")
        return self.graph_store_url


def check_url(url: str, option: str) -> None:
    """An http(s) URL with a host and a valid port, and no spaces or control characters."""
    if re.search(r"[\x00-\x20\x7f]", url):
        raise InputError(f"{option}: the URL holds spaces or control characters")
    if not re.match(r"^https?://", url, re.IGNORECASE):
        raise InputError(f"{option} {printable_url(url)}: expected an http:// or https:// URL")
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port out of range or not a number
    except ValueError as exc:
        raise InputError(f"{option} {printable_url(url)}: not a usable URL ({exc})") from None
    if not parts.hostname:
        raise InputError(f"{option} {printable_url(url)}: no host in the URL")


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urllib.parse.urlsplit(url)
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), parts.port or default


class _SameOriginCredentials(urllib.request.HTTPRedirectHandler):
    """Follows redirects, sending the credentials again only to the origin they were given for."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 - urllib's signature
        if code in (307, 308) and req.get_method() not in ("GET", "HEAD"):
            # These codes say: the same request again, there; urllib only does it for GET.
            new = urllib.request.Request(newurl, data=req.data, method=req.get_method(), origin_req_host=
                                         req.origin_req_host, headers=dict(req.header_items()))
            new.headers.pop("Authorization", None)
        else:
            new = super().redirect_request(req, fp, code, msg, headers, newurl)
        credentials = req.unredirected_hdrs.get("Authorization")
        if new is not None and credentials and _origin(newurl) == _origin(req.full_url):
            new.add_unredirected_header("Authorization", credentials)
        return new


# The deadline of a whole request. A socket's timeout only bounds each read, and a server that sends
# its status line and headers a byte every few seconds never trips it; so the sockets a request opens
# (its redirects' too) are noted, and shut when the deadline passes, which ends any read at once.
_WATCHED = threading.local()


def _watch(sock: socket.socket) -> None:
    sockets = getattr(_WATCHED, "sockets", None)
    if sockets is not None:
        sockets.append(sock)


class _WatchedHTTPConnection(http.client.HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)


class _WatchedHTTPSConnection(http.client.HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch(self.sock)


class _WatchedHTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):  # noqa: ANN001, ANN201 - urllib's signature
        return self.do_open(_WatchedHTTPConnection, req)


class _WatchedHTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):  # noqa: ANN001, ANN201 - urllib's signature
        return self.do_open(_WatchedHTTPSConnection, req, context=self._context, check_hostname=self._check_hostname)


_OPENER = urllib.request.build_opener(_SameOriginCredentials, _WatchedHTTPHandler, _WatchedHTTPSHandler)


def _shut(sockets: list[socket.socket]) -> None:
    for sock in sockets:
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass  # closed already


def _authorization() -> dict[str, str]:
    user = os.environ.get(USER_VARIABLE)
    if not user:
        return {}
    token = base64.b64encode(f"{user}:{os.environ.get(PASSWORD_VARIABLE, '')}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


def printable_url(url: str) -> str:
    """The URL without any credentials in it, for messages (and printable on one line)."""
    url = re.sub(r"[\x00-\x1f\x7f]", "?", url)
    try:
        parts = urllib.parse.urlsplit(url)
        port = parts.port
    except ValueError:
        return re.sub(r"//[^/@]*@", "//", url)
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"  # an IPv6 literal
    netloc = host + (f":{port}" if port else "") if parts.hostname else parts.netloc.rpartition("@")[2]
    return urllib.parse.urlunsplit((parts.scheme, netloc, parts.path, "", ""))


def request(method: str, url: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            credentials: bool = True, limit: int | None = None) -> tuple[bytes, str]:
    """One HTTP request; returns the body and content type, or raises EndpointError with one line.
    Credentials from the environment go only to endpoints (`credentials`), never to a page fetched;
    a reply over `limit` bytes (MAX_REPLY_BYTES unless given) is refused."""
    message = urllib.request.Request(url, data=body, method=method, headers=headers or {})
    for name, value in (_authorization() if credentials else {}).items():
        message.add_unredirected_header(name, value)  # not copied to a redirect's request by urllib
    deadline = time.monotonic() + TIMEOUT_SECONDS
    sockets: list[socket.socket] = []
    _WATCHED.sockets = sockets
    watchdog = threading.Timer(TIMEOUT_SECONDS, _shut, [sockets])
    watchdog.daemon = True
    watchdog.start()
    try:
        with _OPENER.open(message, timeout=TIMEOUT_SECONDS) as response:
            return _read_reply(response, url, deadline, limit or MAX_REPLY_BYTES), response.headers.get("Content-Type", "")
    except EndpointError:
        raise
    except urllib.error.HTTPError as exc:
        detail = exc.read()[:300].decode("utf-8", "replace").strip().splitlines()
        reason = detail[0] if detail else exc.reason
        raise EndpointError(f"{printable_url(url)} answered {exc.code} {exc.reason}: {reason}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        if time.monotonic() >= deadline:  # the watchdog shut the socket, whatever the read made of it
            raise EndpointError(f"{printable_url(url)} did not finish its reply within {TIMEOUT_SECONDS} s") from None
        if isinstance(exc, urllib.error.URLError):
            reason = getattr(exc.reason, "strerror", None) or exc.reason
            raise EndpointError(f"cannot reach {printable_url(url)} ({reason})") from None
        raise EndpointError(f"cannot reach {printable_url(url)} ({exc.__class__.__name__}: {exc})") from None
    finally:
        watchdog.cancel()
        _WATCHED.sockets = None


def _read_reply(response, url: str, deadline: float, limit: int) -> bytes:  # noqa: ANN001 - http.client's
    """The reply's body, refused past `limit` bytes or past the deadline of the whole request."""
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(1 << 16):
        size += len(chunk)
        if size > limit:
            raise EndpointError(f"{printable_url(url)} sent more than {limit:,} bytes; stopped reading")
        if time.monotonic() > deadline:
            raise EndpointError(f"{printable_url(url)} did not finish its reply within {TIMEOUT_SECONDS} s")
        chunks.append(chunk)
    if time.monotonic() >= deadline:  # the watchdog shut the socket: the reply ended early, not whole
        raise EndpointError(f"{printable_url(url)} did not finish its reply within {TIMEOUT_SECONDS} s")
    return b"".join(chunks)


def _graph_url(endpoint: Endpoint, graph: str | None) -> str:
    base = endpoint.graph_store()
    query = "default" if graph is None else "graph=" + urllib.parse.quote(graph, safe="")
    return f"{base}{'&' if '?' in base else '?'}{query}"


def push(store: KnowledgeStore, endpoint: Endpoint, replace: bool = False, articles: list[str] | None = None,
         progress: Callable[[str], None] | None = None) -> int:
    """Send the store's article graphs, the ontology, the labels and the merged graph to a server; returns
    graphs sent."""
    ids = store.articles() if articles is None else articles
    graphs = [(graph_iri(a).value, a) for a in ids] + [(ONTOLOGY_GRAPH, None), (LABELS_GRAPH, None)]
    method = "PUT" if replace else "POST"
    sent = 0
    for graph, article_id in graphs:
        if article_id is None:
            data = store.inner.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph))
        else:  # the article's whole graph, with its evidence nodes (kept in the merged graph only)
            data = ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in store.article_quads(article_id)),
                                format=ox.RdfFormat.N_TRIPLES)
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
    from .query import query_form

    # Asked for the results of its form: a server told it may answer a CONSTRUCT in JSON sends triples as
    # rows (Virtuoso does). Sent as a form: every SPARQL server takes that (Virtuoso 7 waits for ever on a
    # query sent as the request's body itself).
    graph = query_form(text) in ("CONSTRUCT", "DESCRIBE")
    body, content_type = request(
        "POST", endpoint.query_url, urllib.parse.urlencode({"query": text}).encode("utf-8"),
        {"Content-Type": "application/x-www-form-urlencoded",
         "Accept": "application/n-triples, text/turtle;q=0.9" if graph else "application/sparql-results+json"})
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
        raise EndpointError(f"{printable_url(endpoint.query_url)} sent results kgbuild cannot read ({exc})") from None
    raise EndpointError(f"{printable_url(endpoint.query_url)} answered with {kind or 'no content type'}, not SPARQL results")
