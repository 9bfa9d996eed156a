"""Progress of long work on stderr, truthful at any width and without a terminal.

On a terminal: one line, redrawn at most ten times a second and cut to the terminal's width, with
the count, the rate since the work began and the time left. Elsewhere (a log, a pipe): a line every
few seconds. Steps that take time without counting anything (writing, merging) are named.
"""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO


def duration(seconds: float) -> str:
    """A duration as people say it: 42 s, 3 min 5 s, 1 h 2 min."""
    seconds = max(0, round(seconds))
    if seconds < 60:
        return f"{seconds} s"
    if seconds < 3600:
        return f"{seconds // 60} min {seconds % 60} s"
    return f"{seconds // 3600} h {seconds % 3600 // 60} min"


# Without a terminal, a line this often (seconds).
LOG_EVERY = 5.0


class Progress:
    def __init__(self, total: int, what: str = "articles", stream: TextIO | None = None, quiet: bool = False,
                 every: float | None = None):
        self.total, self.what, self.quiet = total, what, quiet
        self.every = LOG_EVERY if every is None else every
        self.stream = stream or sys.stderr
        self.terminal = self.stream.isatty()
        self.done = 0
        self.started = time.monotonic()
        self._shown = self.started  # when a line was last drawn or printed
        self._line_open = False

    def line(self, note: str = "") -> str:
        elapsed = time.monotonic() - self.started
        text = f"{self.done:,}/{self.total:,} {self.what}"
        if self.done and elapsed > 0:
            rate = self.done / elapsed
            text += f", {rate:,.0f}/s, {duration((self.total - self.done) / rate)} left"
        return f"{text}  {note}".rstrip()

    def advance(self, count: int = 1, note: str = "") -> None:
        self.done += count
        now = time.monotonic()
        if self.quiet:
            return
        if self.terminal and (now - self._shown >= 0.1 or self.done == self.total):
            self._draw(self.line(note))
            self._shown = now
        elif not self.terminal and (now - self._shown >= self.every):
            print(self.line(), file=self.stream, flush=True)
            self._shown = now

    def step(self, words: str) -> None:
        """Name a step that takes time: 'Writing the last articles ...'."""
        if self.quiet:
            return
        if self.terminal:
            self._draw(words)
        else:
            print(words, file=self.stream, flush=True)
            self._shown = time.monotonic()

    def finish(self) -> None:
        if self._line_open:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._line_open = False

    def _draw(self, text: str) -> None:
        width = shutil.get_terminal_size((80, 24)).columns - 1
        if len(text) > width:
            text = text[:max(0, width - 1)] + "…"
        self.stream.write("\r" + text + "\x1b[K")
        self.stream.flush()
        self._line_open = True
