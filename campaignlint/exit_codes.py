"""campaignlint's exit codes, the contract CI and pre-commit read: the one place they are set.

- ``EXIT_OK`` (0): nothing at or above ``--fail-on`` (or ``--exit-zero``).
- ``EXIT_FINDINGS`` (1): findings at or above ``--fail-on``; ``docs --check`` found the file stale.
- ``EXIT_USAGE`` (2): a file could not be read or checked, a rule crashed, or the command line or
  configuration is wrong (one line on stderr says which).
- ``EXIT_INTERRUPTED`` (130) and ``EXIT_TERMINATED`` (143): stopped by Ctrl-C or SIGTERM
  (128 + the signal's number, as shells report it).
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT
EXIT_TERMINATED = 143  # 128 + SIGTERM, what CI sends on cancel


def exit_for_signal(signum: int) -> int:
    """The exit code of a run a signal stopped."""
    return 128 + signum
