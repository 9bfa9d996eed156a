"""Run one query on rdflib's memory store in a process of its own, and print the seconds it took.

    python -m benchmarks.rdflib_query GRAPH.nt QUERY_NAME

rdflib's engine can take minutes or all the memory on a query Oxigraph answers in milliseconds, so
the runner starts this with a time and a memory limit."""

import sys
import time

from rdflib import Graph

from kgbuild.query import load_query, with_prefixes

graph = Graph().parse(sys.argv[1], format="nt")
text = with_prefixes(load_query(sys.argv[2]).text)
started = time.perf_counter()
list(graph.query(text))
print(time.perf_counter() - started)
