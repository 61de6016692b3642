"""okrkit.progress: off when not interactive, a bar when forced."""

from __future__ import annotations

import io

from okrkit import progressbar as progress


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_off_by_default_when_not_a_terminal() -> None:
    s = io.StringIO()
    assert list(progress.track(range(5), stream=s)) == [0, 1, 2, 3, 4]
    assert s.getvalue() == ""
    assert not progress.interactive(s)


def test_on_when_interactive_or_forced() -> None:
    s = _Tty()
    assert list(progress.track(range(3), stream=s, desc="x")) == [0, 1, 2]
    assert s.getvalue().endswith(
        "x 100% |████████████████████| 3/3 [" + s.getvalue().split("[")[-1]
    )
    assert "3/3" in s.getvalue()
    s2 = io.StringIO()
    assert list(progress.track(iter([1, 2]), stream=s2, progress=True)) == [1, 2]
    assert "2 [" in s2.getvalue()
    s3 = _Tty()
    assert list(progress.track([1], stream=s3, progress=False)) == [1]
    assert s3.getvalue() == ""
