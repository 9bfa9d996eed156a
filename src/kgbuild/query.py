"""SPARQL from files: find bundled or given .rq files, read their header, bind parameters, run, format.

A query file starts with a header comment:

    # One line saying what the query answers.
    # More lines of description.
    # param: name  what the parameter is (bind it with --bind name=VALUE)
    # example: kgbuild query meetings --bind actor=person:okrhan-mammadov
"""

from __future__ import annotations

import difflib
import io
import itertools
import json
import re
import time
from collections.abc import Callable, Iterator
from typing import BinaryIO
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import pyoxigraph as ox

from .errors import InputError
from .files import visible
from .ontology import BICO_IRI, PREFIXES, ontology_terms

RESULT_FORMATS = {"csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV,
                  "json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
GRAPH_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                 "jsonld": ox.RdfFormat.JSON_LD, "trig": ox.RdfFormat.TRIG, "nq": ox.RdfFormat.N_QUADS}
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+\S*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*"
                     r"(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.IGNORECASE)


@dataclass
class QueryFile:
    name: str
    text: str
    path: str | None = None
    description: str = ""
    params: list[tuple[str, str]] = field(default_factory=list)
    example: str | None = None


@dataclass
class QueryRun:
    """A finished query: its kind, its output bytes and how long it took."""

    kind: str  # "select", "ask" or "graph"
    output: bytes
    parse_seconds: float
    eval_seconds: float
    rows: int
    warnings: list[str] = field(default_factory=list)


# SPARQL's lexical tokens, after the terminals of the SPARQL 1.1 grammar (section 19.8): an escaped
# '#' inside a prefixed name ("person:a\#b") is part of the name, not a comment, as it is for the
# engine; every check of a query's text reads it through these tokens, never through ad hoc patterns.
_LOCAL_CHAR = r"(?:[\w:]|%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%])"
_SPARQL_TOKEN = re.compile(
    r'(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""' r"|'''(?:[^'\\]|\\.|'(?!''))*'''"
    r'|"(?:[^"\\\n\r]|\\.)*"' r"|'(?:[^'\\\n\r]|\\.)*')"
    r'|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<name>(?:[^\W\d_](?:[\w.-]*[\w-])?|_)?:(?:" + _LOCAL_CHAR + r"(?:(?:" + _LOCAL_CHAR + r"|[.-])*"
    + _LOCAL_CHAR + r"|-)?)?)"
    r"|(?P<var>[?$]\w+)"
    r"|(?P<comment>#[^\n\r]*)"
    r"|(?P<word>[A-Za-z_]\w*)"
    r"|(?P<number>\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)"
    r"|(?P<sign>\S)")


def sparql_tokens(text: str) -> Iterator[re.Match]:
    """The query's tokens in order (whitespace skipped); each match's `lastgroup` says its kind:
    string, iri, name (prefixed or blank node), var, comment, word (keywords), number or sign."""
    return _SPARQL_TOKEN.finditer(text)


def _strip_comments(text: str) -> str:
    # Drop comments (not a '#' in an IRI, a string or an escaped prefixed name), so that words in
    # them are not read as keywords.
    return _SPARQL_TOKEN.sub(lambda m: "" if m.lastgroup == "comment" else m.group(0), text)


def parse_header(name: str, text: str, path: str | None = None) -> QueryFile:
    description: list[str] = []
    params: list[tuple[str, str]] = []
    example = None
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line.lstrip("#").strip()
        if match := re.match(r"param:\s*(\w+)\s*(.*)", body, re.IGNORECASE):
            params.append((match.group(1), match.group(2).strip()))
        elif match := re.match(r"example:\s*(.+)", body, re.IGNORECASE):
            example = match.group(1).strip()
        elif body:
            description.append(body)
    return QueryFile(name, text, path, " ".join(description), params, example)


def bundled_queries() -> list[QueryFile]:
    folder = resources.files("kgbuild").joinpath("queries")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".rq")), key=lambda f: f.name)
    return [parse_header(f.name[:-3], f.read_text(encoding="utf-8"), str(f)) for f in files]


def internal_query(name: str) -> QueryFile:
    """A query kgbuild itself runs (queries/internal), not listed among the bundled ones."""
    file = resources.files("kgbuild").joinpath("queries", "internal", f"{name}.rq")
    return parse_header(name, file.read_text(encoding="utf-8"), str(file))


MAX_QUERY_BYTES = 1 << 20


def query_text(data: bytes, where: str) -> str:
    """Query bytes as text: UTF-8 with or without a byte-order mark, at most MAX_QUERY_BYTES."""
    if len(data) > MAX_QUERY_BYTES:
        raise InputError(f"{where}: a query of over {MAX_QUERY_BYTES:,} bytes is refused")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: the query is not UTF-8 text (byte {exc.start})") from None


def load_query(spec: str) -> QueryFile:
    """A query by path to a .rq file, or by the name of a bundled query."""
    path = Path(spec)
    if path.is_file():
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_QUERY_BYTES + 1)
        except OSError as exc:
            raise InputError(f"{spec}: cannot read the query ({exc.strerror})") from None
        return parse_header(path.stem, query_text(data, spec), str(path))
    if path.exists():
        raise InputError(f"{spec}: not a regular file")
    for query in bundled_queries():
        if query.name == spec or query.name == spec.removesuffix(".rq"):
            return query
    if path.suffix == ".rq" or "/" in spec:
        raise InputError(f"{spec}: no such query file")
    bundled = [q.name for q in bundled_queries()]
    close = difflib.get_close_matches(spec.removesuffix(".rq"), bundled, n=1, cutoff=0.6)
    if close:
        raise InputError(f"{spec}: no such query file or bundled query; did you mean '{close[0]}'? "
                         f"('kgbuild queries' lists them)")
    raise InputError(f"{spec}: no such query file or bundled query (bundled: {', '.join(bundled)})")


_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f", '"': '"', "'": "'", "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)


def unescape_literal(text: str) -> str:
    """The escapes SPARQL allows in a string (\\t, \\n, \\", \\uXXXX, ...); any other is an error."""
    def one(match: re.Match) -> str:
        code = match.group(1) or match.group(2)
        if code:
            try:
                if 0xD800 <= int(code, 16) <= 0xDFFF:
                    raise ValueError("a surrogate")
                return chr(int(code, 16))
            except (ValueError, OverflowError):
                raise InputError(f"--bind: \\{'u' if match.group(1) else 'U'}{code} is not a character") from None
        if match.group(3) in _ESCAPES:
            return _ESCAPES[match.group(3)]
        raise InputError(f"--bind: \\{match.group(3)} is not an escape SPARQL knows (\\t \\n \\r \\b \\f \\\" "
                         f"\\' \\\\ \\uXXXX \\UXXXXXXXX)")
    return _ESCAPE.sub(one, text)


def _named_node(iri: str, written: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError as exc:
        raise InputError(f"--bind: {written} is not a valid IRI ({exc})") from None


def parse_term(value: str) -> ox.NamedNode | ox.Literal:
    """A --bind value: <IRI>, prefix:local, "literal"@lang, "literal"^^datatype, or a plain string."""
    value = value.strip()
    if match := re.fullmatch(r"<([^<>\"{}|^`\\\s]*)>", value):
        return _named_node(match.group(1), value)
    if match := re.fullmatch(r"\"((?:[^\"\\]|\\.)*)\"(?:@([A-Za-z]+(?:-[A-Za-z0-9]+)*)|\^\^(.+))?", value, re.DOTALL):
        text = unescape_literal(match.group(1))
        if match.group(2):
            return ox.Literal(text, language=match.group(2))
        if match.group(3):
            datatype = parse_term(match.group(3))
            if not isinstance(datatype, ox.NamedNode):
                raise InputError(f"--bind: datatype {match.group(3)!r} is not an IRI")
            return ox.Literal(text, datatype=datatype)
        return ox.Literal(text)
    if match := re.fullmatch(r"([A-Za-z][\w.-]*)?:([^\s<>\"]*)", value):
        prefix = match.group(1) or ""
        if prefix in PREFIXES:
            return _named_node(PREFIXES[prefix] + match.group(2), value)
        if prefix not in ("http", "https", "urn", "mailto", "file"):
            raise InputError(f"--bind: unknown prefix '{prefix}:' (known: {', '.join(PREFIXES)})")
    return ox.Literal(value)


def parse_bindings(pairs: list[str], query_text: str) -> dict[ox.Variable, ox.NamedNode | ox.Literal]:
    bindings: dict[ox.Variable, ox.NamedNode | ox.Literal] = {}
    body = _strip_comments(query_text)
    for pair in pairs:
        if "=" not in pair:
            raise InputError(f"--bind {pair!r}: expected NAME=VALUE")
        name, value = pair.split("=", 1)
        name = name.strip().lstrip("?$")
        if not re.fullmatch(r"\w+", name):
            raise InputError(f"--bind {pair!r}: {name!r} is not a variable name")
        if not re.search(r"[?$]" + re.escape(name) + r"\b", body):
            raise InputError(f"--bind {name}: the query has no variable ?{name}")
        bindings[ox.Variable(name)] = parse_term(value)
    return bindings


_BOUND_LINE = re.compile(r"#\+([A-Za-z_][A-Za-z0-9_]*)[ \t]")


def _enable_bound_lines(text: str, names: set[str]) -> str:
    """Comment lines `#+NAME pattern` become the pattern when NAME is bound.

    A query file uses them to start from a bound parameter: `FILTER(!BOUND(?actor) || ...)` alone
    keeps a query correct either way, but Oxigraph then reads every row before filtering (32 s
    instead of 0.03 s for one actor's meetings at 100,000 articles)."""
    pieces = []
    last = 0
    for match in sparql_tokens(text):
        directive = match.lastgroup == "comment" and _BOUND_LINE.match(match.group(0))
        if directive and directive.group(1) in names:
            pieces.append(text[last:match.start()])
            pieces.append(match.group(0)[directive.end():])
            last = match.end()
    pieces.append(text[last:])
    return "".join(pieces)


def with_values(text: str, bindings: dict[ox.Variable, ox.NamedNode | ox.Literal]) -> str:
    """The query with a VALUES block opening its WHERE clause, binding each parameter.

    Values are RDF terms serialised by Oxigraph (quotes and backslashes escaped), so a value can
    never become query syntax; the same text runs on the local store and on a SPARQL endpoint."""
    if not bindings:
        return text
    depth = 0
    construct_template = False
    after_where = False
    for match in sparql_tokens(text):
        if match.lastgroup not in ("word", "sign"):
            continue
        lexeme = match.group(0)
        upper = lexeme.upper()
        if upper == "CONSTRUCT" and depth == 0:
            construct_template = True
        elif upper == "WHERE" and depth == 0:
            after_where = True
        elif lexeme == "{":
            if depth == 0 and (after_where or not construct_template):
                names = " ".join(f"?{v.value}" for v in bindings)
                values = " ".join(str(t) for t in bindings.values())
                block = f"\n  VALUES ({names}) {{ ({values}) }}\n"
                return _enable_bound_lines(text[:match.end()] + block + text[match.end():],
                                           {v.value for v in bindings})
            depth += 1
        elif lexeme == "}":
            depth -= 1
            if depth == 0 and construct_template and not after_where:
                construct_template = False  # the template ended; a WHERE-less CONSTRUCT has no bindings
    raise InputError("--bind: cannot find the query's WHERE clause to bind parameters in")


MAX_NESTING = 100


def check_read_only(text: str, local: bool = True,
                    service_refusal: str = "kgbuild queries the local store only (use --endpoint to query a server)") -> None:
    """Refuse what a query must not do here: update the store, or (on the local store) send itself to
    another server with SERVICE; and nesting too deep for the query engine, which overflows its stack
    (a crash, not an error) at a few thousand levels."""
    if match := _UPDATE.match(_strip_comments(text)):
        raise InputError(f"refused: {match.group(1).upper()} is a SPARQL update; 'kgbuild query' only reads")
    depth = 0
    for token in sparql_tokens(text):
        lexeme = token.group(0)
        if token.lastgroup == "sign" and lexeme in "{([":
            depth += 1
            if depth > MAX_NESTING:
                line, column = _position_of(text, token.start())
                raise InputError(f"refused: line {line}, column {column}: brackets nested over {MAX_NESTING} deep")
        elif token.lastgroup == "sign" and lexeme in "})]":
            depth -= 1
        elif token.lastgroup == "word" and lexeme.upper() == "SERVICE" and local:
            line, column = _position_of(text, token.start())
            raise InputError(f"refused: line {line}, column {column}: SERVICE would send the query to another "
                             f"server; {service_refusal}")


def without_services(text: str) -> str:
    """The query with each `SERVICE [SILENT]` written as `GRAPH`, padded to the same length: the same
    grammar, so a syntax check of it on an empty store finds the same errors at the same columns and
    never calls another server."""
    tokens = list(sparql_tokens(text))
    pieces: list[str] = []
    last = 0
    for i, token in enumerate(tokens):
        if token.lastgroup != "word" or token.group(0).upper() != "SERVICE" or token.start() < last:
            continue
        end = token.end()
        if i + 1 < len(tokens) and tokens[i + 1].lastgroup == "word" and tokens[i + 1].group(0).upper() == "SILENT":
            end = tokens[i + 1].end()
        pieces.append(text[last:token.start()] + "GRAPH".ljust(end - token.start()))
        last = end
    pieces.append(text[last:])
    return "".join(pieces)


_QUERY_FORMS = ("SELECT", "CONSTRUCT", "ASK", "DESCRIBE")
_PROLOGUE = re.compile(r"\s*(?:(?:PREFIX\s+[\w.-]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*", re.IGNORECASE)


def query_form(text: str) -> str | None:
    """SELECT, CONSTRUCT, ASK or DESCRIBE: the form of a query, read past its comments and prologue."""
    body = _strip_comments(text)
    form = re.compile(r"\s*([A-Za-z]+)").match(body, _PROLOGUE.match(body).end())
    word = form.group(1).upper() if form else None
    return word if word in _QUERY_FORMS else None


def _pointing_at(text: str, line: int, column: int) -> str:
    """The query's line and a caret under the column, indented, for the lines after an error."""
    lines = text.split("\n")
    source = lines[line - 1].expandtabs(1) if 0 < line <= len(lines) else ""
    start = max(0, column - 60)
    shown = ("..." if start else "") + source[start:start + 120]
    caret = (3 if start else 0) + column - 1 - start
    return f"\n  {shown.rstrip()}\n  {' ' * max(0, caret)}^"


def _position_of(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def syntax_error(error: Exception, text: str, where: str) -> InputError:
    """A SPARQL syntax error as a line saying where and what, with the query's line and a caret under
    the column as its detail."""
    message = syntax_message(error, text, where)
    first, _, detail = message.partition("\n")
    return InputError(first, detail)


def syntax_message(error: Exception, text: str, where: str) -> str:
    """A SPARQL syntax error as a line saying where and what, then the query's line with a caret."""
    body = _strip_comments(text)
    form = re.compile(r"\s*([A-Za-z]+)").match(body, _PROLOGUE.match(body).end())
    if form and form.group(1).upper() not in _QUERY_FORMS and form.group(1).upper() not in ("PREFIX", "BASE"):
        line, column = _position_of(text, form.start(1))
        return (f"{where}: line {line}, column {column}: a query starts with SELECT, CONSTRUCT, ASK or DESCRIBE, "
                f"not {form.group(1)!r}" + _pointing_at(text, line, column))
    message = str(error)
    position = re.match(r"error at (\d+):(\d+): (.*)", message, re.DOTALL)
    if not position:
        return f"{where}: {message.splitlines()[0] if message else 'invalid SPARQL'}"
    line, column, expected = int(position.group(1)), int(position.group(2)), position.group(3)
    if "Prefix not found" in expected:
        source = text.splitlines()[line - 1] if line - 1 < len(text.splitlines()) else ""
        word = re.match(r"[\w.-]*:?", source[max(0, column - 1):]) if source else None
        before = re.findall(r"([A-Za-z][\w.-]*):\w*$", source[:column - 1])
        prefix = (before[-1] + ":") if before else (word.group(0) if word else "")
        if prefix and (start := source.rfind(prefix, 0, column - 1 + len(prefix))) >= 0:
            column = start + 1  # the parser reports the end of the name; point at its start
        return (f"{where}: line {line}, column {column}: unknown prefix '{prefix}' (declare it with PREFIX)"
                + _pointing_at(text, line, column))
    expected = " ".join(expected.split())
    if len(expected) > 120:
        expected = expected[:117] + "..."
    unknown = next((m for m in sparql_tokens(text) if m.lastgroup == "word" and m.group(0).upper() not in _SPARQL_WORDS
                    and text[m.start() - 1:m.start()] not in ("@", "-")  # a language tag: "chat"@en-GB
                    and _position_of(text, m.start()) <= (line, column)), None)
    if unknown is not None:  # "LIMT 5": the parser stops further on; the word it could not place is the error
        line, column = _position_of(text, unknown.start())
        return (f"{where}: line {line}, column {column}: SPARQL syntax error, {unknown.group(0)!r} is no SPARQL "
                f"keyword or function" + _pointing_at(text, line, column))
    source = text.splitlines()[line - 1] if 0 < line <= len(text.splitlines()) else ""
    found = re.match(r"\w+|\S", source[column - 1:]) if column >= 1 else None
    where_found = f"found {found.group(0)!r}, " if found else "found the end of the query, "
    return (f"{where}: line {line}, column {column}: SPARQL syntax error, {where_found}{expected}"
            + _pointing_at(text, line, column))


# The words SPARQL 1.1 knows (keywords and built-in functions, any case): another bare word is a typo.
_SPARQL_WORDS = frozenset("""
    SELECT CONSTRUCT DESCRIBE ASK WHERE FROM NAMED PREFIX BASE DISTINCT REDUCED AS GROUP BY HAVING ORDER ASC DESC
    LIMIT OFFSET VALUES UNDEF OPTIONAL UNION MINUS FILTER BIND SERVICE SILENT GRAPH EXISTS NOT IN A TRUE FALSE
    COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS
    CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR
    MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG
    STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE TRIPLE SUBJECT PREDICATE OBJECT
    ISTRIPLE LATERAL ADJUST INSERT DELETE DATA LOAD CLEAR DROP CREATE ADD MOVE COPY TO INTO WITH USING DEFAULT ALL
""".split())


_PREFIXES_LONGEST_FIRST = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
_LOCAL_NAME = re.compile(r"[\w.#-]*")


@lru_cache(maxsize=1 << 16)
def _compact_iri(iri: str) -> str:
    # Cached: a table of 85,000 mentions names a few thousand actors and articles over and over.
    for prefix, namespace in _PREFIXES_LONGEST_FIRST:
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            if _LOCAL_NAME.fullmatch(local) and not local.endswith("."):
                return f"{prefix}:{local}"
            break
    return f"<{iri}>"


def compact(term: object) -> str:
    """A term as a person reads it in a table: prefixed names and plain literal values."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return _compact_iri(term.value)
    if isinstance(term, ox.Literal):
        return " ".join(term.value.split())
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return str(term)


# A table is for a person to read; past this many rows it stops and says how to get them all.
TABLE_ROWS = 10_000
_NUMERIC_DATATYPES = {"http://www.w3.org/2001/XMLSchema#" + name for name in (
    "integer", "decimal", "int", "long", "short", "nonNegativeInteger", "positiveInteger", "unsignedInt",
    "unsignedLong")}
_GROUPABLE = re.compile(r"([+-]?)(\d{5,})(\.\d+)?")


def table_cell(term: object) -> str:
    """A term as a table shows it: compact, and numbers of five digits or more with thousands
    separators (260,200,000), so that years and sentence numbers stay as they are written."""
    if isinstance(term, ox.Literal) and term.datatype.value in _NUMERIC_DATATYPES:
        if match := _GROUPABLE.fullmatch(term.value):
            return f"{match.group(1)}{int(match.group(2)):,}{match.group(3) or ''}"
    return compact(term)


_IRI_CELL = re.compile(r"<[^>\s]*>|[A-Za-z][\w.-]*:\S*")
# A cell a table never shortens: empty, a number (260,200,000.5, -3%, 2023-06-14) or an identifier (no spaces).
_KEPT_WHOLE = re.compile(r"|[+-]?[\d.,:%/-]+|\S{1,120}")
MIN_COLUMN = 8


def shorten(text: str, width: int) -> str:
    """Text cut to width with an ellipsis. A name (prefixed or <IRI>) keeps its prefix and its end,
    the part that tells rows apart (article:0002_…#meeting-3); other text keeps its beginning."""
    if len(text) <= width:
        return text
    if width < 2:
        return text[:width]
    if _IRI_CELL.fullmatch(text):
        head = "<" if text.startswith("<") else text[:text.index(":") + 1]
        if len(head) > width // 3:
            head = ""  # a narrow column: the end alone
        return head + "…" + text[len(text) - (width - len(head) - 1):]
    return text[:width - 1] + "…"


def fitted_widths(natural: list[int], headers: list[int], width: int | None,
                  whole: list[bool] | None = None) -> list[int]:
    """Column widths that fit `width` characters with two spaces between columns: the widest
    columns are narrowed first, all to the same cap, never below a header or MIN_COLUMN; a column
    to keep `whole` (numbers, identifiers) is never narrowed, even if the table is then wider."""
    if width is None:
        return natural
    room = width - 2 * (len(natural) - 1)
    if sum(natural) <= room:
        return natural
    floors = [n if keep else min(n, max(h, MIN_COLUMN))
              for n, h, keep in zip(natural, headers, whole or [False] * len(natural))]
    low, high = 0, max(natural)
    while low < high:  # the largest cap at which the columns fit
        cap = (low + high + 1) // 2
        if sum(max(f, min(n, cap)) for n, f in zip(natural, floors)) <= room:
            low = cap
        else:
            high = cap - 1
    widths = [max(f, min(n, low)) for n, f in zip(natural, floors)]
    spare = room - sum(widths)
    for index in sorted(range(len(widths)), key=lambda i: -natural[i]):  # hand out what rounding left
        if spare <= 0:
            break
        extra = min(spare, natural[index] - widths[index])
        widths[index] += extra
        spare -= extra
    return widths


def render_table(variables: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Rows as aligned columns. Given a width (a terminal's), the longest columns are shortened until
    the table fits; without one, every value is shown whole."""
    if not variables:
        return "(no variables)\n"
    natural = [max(len(v), *(len(r[i]) for r in rows)) if rows else len(v) for i, v in enumerate(variables)]
    # numbers and identifiers are what a reader copies or compares: free text is shortened instead
    whole = [bool(rows) and all(_KEPT_WHOLE.fullmatch(r[i]) for r in rows) for i in range(len(variables))]
    widths = fitted_widths(natural, [len(v) for v in variables], width, whole)
    lines = ["  ".join(shorten(v, w).ljust(w) for v, w in zip(variables, widths)).rstrip(),
             "  ".join("-" * w for w in widths)]
    shortened = widths != natural
    count = f"({len(rows)} row{'s' if len(rows) != 1 else ''}" + (
        "; text shortened to fit, --full shows it whole)" if shortened else ")")
    if rows and not any(any(row) for row in rows):  # nothing bound: N blank lines would say nothing
        return "\n".join(lines + [f"{count[:-1]}, no variable bound in any)"]) + "\n"
    lines += ["  ".join(shorten(c, w).ljust(w) for c, w in zip(r, widths)).rstrip() for r in rows]
    lines.append(count)
    return "\n".join(lines) + "\n"


def unbindable_variables(text: str, selected: list[str]) -> list[str]:
    """Selected variables that the query binds nowhere (a misspelt ?partcipant): unbound in every row."""
    body = re.sub(r"<[^<>\s]*>|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", " ", _strip_comments(text))
    projection = re.search(r"\bSELECT\b.*?(?:\bWHERE\b|\{)", body, re.IGNORECASE | re.DOTALL)
    if projection is None:
        return []
    rest = body[projection.end():]
    return [name for name in selected
            if not re.search(r"[?$]" + re.escape(name) + r"\b", rest)
            and not re.search(r"\bAS\s+[?$]" + re.escape(name) + r"\b", body, re.IGNORECASE)]


_TERM_LEXEME = re.compile(
    r"(<[^<>\s]*>)"                                      # an IRI
    r"|\"\"\"[\s\S]*?\"\"\"|'{3}[\s\S]*?'{3}|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'"  # strings
    r"|#[^\n]*"                                          # comments
    r"|PREFIX\s+([\w.-]*):\s*<([^<>\s]*)>"               # a prefix declaration
    r"|(?<![\w?$])([A-Za-z][\w-]*(?:\.[\w-]+)*)?:([\w-]+(?:\.[\w-]+)*)",  # a prefixed name
    re.IGNORECASE)


def unknown_ontology_terms(text: str) -> list[str]:
    """The ontology's namespace terms a query uses that the ontology does not define (bico:dat for
    bico:date), each with the nearest defined term if there is one: such a term matches nothing."""
    import difflib

    terms = ontology_terms()
    prefixes = dict(PREFIXES)
    found: list[str] = []
    for match in _TERM_LEXEME.finditer(text):
        iri, declared, namespace, prefix, local = match.groups()
        if declared is not None:
            prefixes[declared] = namespace
            continue
        if iri is not None:
            written, full = iri, iri[1:-1]
        elif local is not None and (prefix or "") in prefixes:
            written, full = f"{prefix or ''}:{local}", prefixes[prefix or ""] + local
        else:
            continue
        if full.startswith(BICO_IRI) and full[len(BICO_IRI):] not in terms and written not in found:
            found.append(written)
    messages = []
    for written in found:
        local = written.rsplit("#", 1)[-1].rstrip(">").rsplit(":", 1)[-1]
        nearest = difflib.get_close_matches(local, sorted(terms), n=1)
        hint = f" (did you mean bico:{nearest[0]}?)" if nearest else ""
        messages.append(f"{written} is not a term of the ontology{hint}; it matches nothing in kgbuild's graph")
    return messages


def with_prefixes(text: str) -> str:
    """The query with a PREFIX declaration for each of kgbuild's prefixes it does not declare itself,
    all on its first line, so that any SPARQL engine reads it and line numbers stay as written."""
    declared = {m.group(1) for m in re.finditer(r"PREFIX\s+([\w.-]*):", _strip_comments(text), re.IGNORECASE)}
    prologue = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items() if name not in declared)
    return f"{prologue} {text}" if prologue else text


def run_query(store: ox.Store | None, query: QueryFile, bindings: dict | None = None, fmt: str = "table",
              execute: Callable[[str], object] | None = None, table_width: int | None = None,
              sink: BinaryIO | None = None) -> QueryRun:
    """Run a query on an Oxigraph store (or through `execute`, e.g. on a SPARQL endpoint) and format its results.
    The query text is the same whichever runs it. A table is fitted to `table_width` characters if given.
    Given a sink, SELECT results in csv, tsv, json or xml are written to it row by row as they come
    (the run's output is then empty), so that a large result neither waits nor fills memory."""
    check_read_only(query.text, local=execute is None)
    where = query.path or query.name
    started = time.perf_counter()
    try:
        # parsed on an empty store, SERVICE read as GRAPH: nothing is evaluated and no server is called
        ox.Store().query(without_services(query.text), prefixes=PREFIXES)
    except SyntaxError as exc:
        raise syntax_error(exc, query.text, where) from None
    parsed = time.perf_counter()
    text = with_prefixes(with_values(query.text, bindings or {}))
    try:
        results = execute(text) if execute is not None else store.query(text)
    except SyntaxError as exc:
        raise syntax_error(exc, query.text, where) from None
    except OSError as exc:
        raise InputError(f"{where}: query failed ({exc})") from None
    warnings = unknown_ontology_terms(query.text)
    if isinstance(results, ox.QuerySolutions):
        warnings += [f"?{name} is selected but not used in the query, so it is unbound in every row"
                     for name in unbindable_variables(query.text, [v.value for v in results.variables])]
    run = _format(results, fmt, parse_seconds=parsed - started, started=parsed, table_width=table_width, sink=sink)
    run.warnings[:0] = warnings
    return run


def _format(results: object, fmt: str, parse_seconds: float, started: float,
            table_width: int | None = None, sink: BinaryIO | None = None) -> QueryRun:
    buffer = io.BytesIO()
    rows = 0
    if isinstance(results, ox.QueryBoolean):
        if fmt in RESULT_FORMATS:
            results.serialize(buffer, RESULT_FORMATS[fmt])
        elif fmt == "table":
            buffer.write(("true\n" if bool(results) else "false\n").encode())
        else:
            raise InputError(f"--format {fmt}: an ASK query gives a boolean; use table, csv, tsv, json or xml")
        return QueryRun("ask", buffer.getvalue(), parse_seconds, time.perf_counter() - started, 1)
    if isinstance(results, ox.QuerySolutions):
        if fmt in RESULT_FORMATS:
            results.serialize(sink if sink is not None else buffer, RESULT_FORMATS[fmt])
            rows = -1
        elif fmt == "table":
            variables = [v.value for v in results.variables]
            table = [[visible(table_cell(solution[v])) for v in variables]
                     for solution in itertools.islice(results, TABLE_ROWS + 1)]
            more = len(table) > TABLE_ROWS
            del table[TABLE_ROWS:]
            rows = len(table)
            buffer.write(render_table(variables, table, table_width).encode())
            if more:
                buffer.write(f"(the first {TABLE_ROWS:,} rows; more follow: --format csv, tsv or json streams every "
                             f"row)\n".encode())
        else:
            raise InputError(f"--format {fmt}: a SELECT query gives a table; use table, csv, tsv, json or xml")
        return QueryRun("select", buffer.getvalue(), parse_seconds, time.perf_counter() - started, rows)
    graph_format = "turtle" if fmt == "table" else fmt
    if graph_format not in GRAPH_FORMATS:
        raise InputError(f"--format {fmt}: a CONSTRUCT or DESCRIBE query gives a graph; "
                         f"use turtle, nt, xml, jsonld, trig or nq")
    if not isinstance(results, ox.Store):
        # triples as the engine finds them, written as they come (to the sink, else to the buffer): a
        # large result is never held twice, nor whole before its first triple is out. A triple the
        # engine finds twice may be written twice; a reader of the graph keeps it once.
        ox.serialize(results, sink if sink is not None else buffer, GRAPH_FORMATS[graph_format], prefixes=PREFIXES)
        return QueryRun("graph", buffer.getvalue(), parse_seconds, time.perf_counter() - started, -1)
    merged = results
    rows = len(merged)
    if graph_format in ("trig", "nq", "jsonld"):
        merged.dump(buffer, GRAPH_FORMATS[graph_format], prefixes=PREFIXES)
    else:
        merged.dump(buffer, GRAPH_FORMATS[graph_format], from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
    return QueryRun("graph", buffer.getvalue(), parse_seconds, time.perf_counter() - started, rows)


# ---- for notebooks and scripts ---------------------------------------------------------------------

def select_rows(store: object, query: str, **bindings: str) -> list[dict[str, object]]:
    """The rows of a SELECT query, each a dict of variable -> value, for notebooks and scripts.

    `query` is a bundled query's name ("meetings"), a .rq file or SPARQL text, with kgbuild's prefixes
    declared for it (`bico:`, `country:`, `person:` ...); `bindings` pre-bind its parameters as
    `--bind` does (`country="country:AZ"`). Values: IRIs as their full string, numbers as int or float,
    booleans as bool, other literals as their text; an unbound variable as None. `store` is an opened
    KnowledgeStore (or an Oxigraph store)."""
    return _selected(store, query, bindings)[1]


def dataframe(store: object, query: str, **bindings: str):  # -> pandas.DataFrame
    """select_rows as a pandas DataFrame, one column a variable (pandas is not a dependency of kgbuild:
    install it to use this)."""
    try:
        import pandas
    except ImportError:
        raise InputError("dataframe() needs pandas: pip install pandas (select_rows gives the rows without it)") \
            from None
    variables, rows = _selected(store, query, bindings)
    return pandas.DataFrame(rows, columns=variables)


def _selected(store: object, query: str, bindings: dict[str, str]) -> tuple[list[str], list[dict[str, object]]]:
    """The variables and rows of a SELECT query (see select_rows)."""
    spec = _query_given(query)
    values = parse_bindings([f"{name}={value}" for name, value in bindings.items()], spec.text)
    answer = json.loads(run_query(getattr(store, "inner", store), spec, values, "json").output)
    if "boolean" in answer or "results" not in answer:
        raise InputError(f"{spec.path or spec.name}: rows come from a SELECT query")
    variables = answer["head"]["vars"]
    return variables, [{name: _python_value(row.get(name)) for name in variables}
                       for row in answer["results"]["bindings"]]


def _query_given(query: str) -> QueryFile:
    """A bundled query's name or a .rq file (as `kgbuild query` takes them), else SPARQL text."""
    if query.endswith(".rq") or re.fullmatch(r"[\w.-]+", query):
        return load_query(query)
    return parse_header("query", query)


_XSD = "http://www.w3.org/2001/XMLSchema#"


def _python_value(term: dict | None) -> object:
    """A value of the SPARQL JSON results as Python has it."""
    if term is None:
        return None
    value, datatype = term["value"], term.get("datatype", "")
    if term["type"] == "literal" and datatype.startswith(_XSD):
        kind = datatype[len(_XSD):]
        try:
            if kind in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger",
                        "negativeInteger", "nonPositiveInteger", "unsignedInt", "unsignedLong"):
                return int(value)
            if kind in ("decimal", "double", "float"):
                return float(value)
        except ValueError:
            return value
        if kind == "boolean":
            return value in ("true", "1")
    return value
