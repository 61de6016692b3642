"""Progress bars for long bulk runs (tqdm when installed, else a tiny one).

Bars are *off by default in non-interactive runs* (scripts piped to a file,
CI, workers): ``progress=None`` means "on only when stderr is a terminal".
Pass ``progress=True`` / ``False`` to force it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import IO, TypeVar

__all__ = ["interactive", "track"]

T = TypeVar("T")


def interactive(stream: IO[str] | None = None) -> bool:
    """True when ``stream`` (default: stderr) is a terminal."""
    s = sys.stderr if stream is None else stream
    isatty = getattr(s, "isatty", None)
    try:
        return bool(isatty()) if isatty is not None else False
    except ValueError:  # closed stream
        return False


class _Bar:
    """A minimal text bar: ``desc  42% |████      | 420/1000 [3.1s]``."""

    def __init__(self, total: int | None, desc: str, stream: IO[str]) -> None:
        self.total, self.desc, self.stream = total, desc, stream
        self.n = 0
        self.t0 = time.monotonic()
        self._last = 0.0

    def update(self, k: int = 1) -> None:
        self.n += k
        now = time.monotonic()
        if now - self._last >= 0.1 or (self.total is not None and self.n >= self.total):
            self._last = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        el = now - self.t0
        if self.total:
            f = min(self.n / self.total, 1.0)
            fill = int(round(20 * f))
            line = (
                f"\r{self.desc} {f:4.0%} |{'█' * fill}{' ' * (20 - fill)}| "
                f"{self.n}/{self.total} [{el:.1f}s]"
            )
        else:
            line = f"\r{self.desc} {self.n} [{el:.1f}s]"
        self.stream.write(line)
        self.stream.flush()

    def close(self) -> None:
        self._draw(time.monotonic())
        self.stream.write("\n")
        self.stream.flush()


def track(
    items: Iterable[T],
    *,
    total: int | None = None,
    desc: str = "okrkit",
    progress: bool | None = None,
    stream: IO[str] | None = None,
) -> Iterator[T]:
    """Iterate over ``items``, showing a progress bar when asked or interactive.

    Parameters
    ----------
    items : iterable
    total : int, optional
        Number of items (default: ``len(items)`` when it has one).
    desc : str
        Label in front of the bar.
    progress : bool, optional
        True / False force the bar on / off; None (default) shows it only when
        ``stream`` is a terminal.
    stream : text stream, optional
        Where the bar goes (default: stderr). A custom stream uses the built-in
        bar, not tqdm.

    Yields
    ------
    The items, unchanged.
    """
    out = sys.stderr if stream is None else stream
    show = interactive(out) if progress is None else progress
    if not show:
        yield from items
        return
    if total is None:
        try:
            total = len(items)  # type: ignore[arg-type]
        except TypeError:
            total = None
    if stream is None:
        try:
            from tqdm.auto import tqdm  # type: ignore[import-untyped,unused-ignore]
        except ImportError:
            pass
        else:
            yield from tqdm(items, total=total, desc=desc)
            return
    bar = _Bar(total, desc, out)
    try:
        for x in items:
            yield x
            bar.update()
    finally:
        bar.close()
