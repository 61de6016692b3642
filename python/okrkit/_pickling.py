"""Versioned pickle state for okrkit's Python result classes.

Each class writes ``{"version": N, ...fields}``; reading checks the version,
so a result pickled by an older okrkit either loads or fails with a clear
error, never half-loads. The C++ objects inside (scorecards, fits, models)
version their own state in the bindings.
"""

from __future__ import annotations

from typing import Any


def versioned_state(version: int, **fields: Any) -> dict[str, Any]:
    """The state dict a ``__getstate__`` returns: the version plus ``fields``."""
    return {"version": version, **fields}


def checked_state(state: dict[str, Any], cls_name: str, version: int) -> dict[str, Any]:
    """``state`` itself if it carries ``version``; otherwise a ValueError naming
    the class and both versions."""
    got = state.get("version")
    if got != version:
        raise ValueError(
            f"unsupported okrkit.{cls_name} pickle state version {got!r} "
            f"(this okrkit reads version {version})"
        )
    return state
