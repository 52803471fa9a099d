"""The one place campaignlint learns today's date, so runs and tests are reproducible.

``CAMPAIGNLINT_TODAY=2026-02-25`` (ISO date) fixes it; the API takes ``today=`` too.
"""

from __future__ import annotations

import datetime as dt
import os

from campaignlint.errors import ConfigError
from campaignlint.i18n import Plain, _


def today() -> dt.date:
    fixed = os.environ.get("CAMPAIGNLINT_TODAY")
    if fixed:
        try:
            return dt.date.fromisoformat(fixed.strip())
        except ValueError as error:
            raise ConfigError(
                _(
                    "CAMPAIGNLINT_TODAY must be a date YYYY-MM-DD, got {value}",
                    value=Plain(repr(fixed)),
                )
            ) from error
    return dt.date.today()
