"""okrkit: Objective / Key Result / KPI / CSF scoring, trend and forecast.

The compiled engine is ``okrkit._core``; everything an analyst needs is
re-exported here with a pythonic surface.
"""

from __future__ import annotations

from ._core import (
    DomainError,
    Error,
    IoError,
    ParseError,
    ValidationError,
    __version__,
)

__all__ = [
    "DomainError",
    "Error",
    "IoError",
    "ParseError",
    "ValidationError",
    "__version__",
]
