"""`okrkit score` progress bar on stderr: forced on / off, automatic only on a terminal."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import okrkit
import pytest
from cli_support import find_cli as _cli

ROOT = Path(__file__).resolve().parents[2]


pytestmark = pytest.mark.skipif(_cli() is None, reason="okrkit CLI not found (set OKRKIT_CLI)")


def _score(examples: Path, *flags: str) -> subprocess.CompletedProcess[str]:
    cli = _cli()
    assert cli is not None
    r = subprocess.run(
        [
            cli,
            "score",
            str(examples / "acme.json"),
            "--data",
            str(examples / "acme-measurements.csv"),
            "--as-of",
            "2025-05-31",
            # --no-forecast: the bundled example's outlook has three documented
            # pace-forecast-disagree warnings, whose summary would share stderr
            # with the bar.
            "--format",
            "csv",
            "--no-forecast",
            *flags,
        ],
        capture_output=True,
        timeout=60,
    )
    # bytes, decoded here: text mode would turn the bar's \r into \n
    return subprocess.CompletedProcess(r.args, r.returncode, r.stdout.decode(), r.stderr.decode())


def _leaves(examples: Path) -> int:
    model = okrkit.load_model(str(examples / "acme.json"))
    return len(model.key_results) + len(model.kpis)


def test_forced_progress_draws_a_bar_on_stderr(examples: Path) -> None:
    r = _score(examples, "--progress")
    assert r.returncode == 0, r.stderr
    n = _leaves(examples)
    assert r.stderr.startswith("\rscore ") and r.stderr.count("\n") == 1
    last = r.stderr.split("\r")[-1]
    assert last.startswith("score 100% |" + "█" * 20 + "|")
    assert f" {n}/{n} [" in last and last.endswith("s]\n")
    # stdout is the scorecard, untouched by the bar
    assert r.stdout == _score(examples, "--no-progress").stdout


def test_no_bar_when_not_a_terminal_or_switched_off(examples: Path) -> None:
    for flags in ((), ("--no-progress",)):
        r = _score(examples, *flags)
        assert r.returncode == 0, r.stderr
        assert "score " not in r.stderr and "█" not in r.stderr


def test_progress_flags_exclude_each_other(examples: Path) -> None:
    r = _score(examples, "--progress", "--no-progress")
    assert r.returncode == 2 and "exclude each other" in r.stderr


def test_small_model_on_a_terminal_stays_quiet(examples: Path) -> None:
    # automatic mode: a terminal is needed *and* large work; the example is small
    pty = pytest.importorskip("pty")
    cli = _cli()
    assert cli is not None
    leader, follower = pty.openpty()
    try:
        r = subprocess.run(
            [
                cli,
                "score",
                str(examples / "acme.json"),
                "--data",
                str(examples / "acme-measurements.csv"),
                "--as-of",
                "2025-05-31",
                "--format",
                "csv",
            ],
            stdout=subprocess.PIPE,
            stderr=follower,
            timeout=60,
        )
        os.close(follower)
        follower = -1
        err = b""
        while True:
            try:
                chunk = os.read(leader, 4096)
            except OSError:  # EIO once the writer is gone
                break
            if not chunk:
                break
            err += chunk
    finally:
        if follower != -1:
            os.close(follower)
        os.close(leader)
    assert r.returncode == 0
    assert "█".encode() not in err
