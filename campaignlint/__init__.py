"""campaignlint: a linter for TikTok influencer-marketing campaign briefs.

Python API (no printing, no ``sys.exit``)::

    from campaignlint import lint_text, lint_paths
    findings = lint_text(open("brief.yaml").read(), path="brief.yaml")
    results = lint_paths(["briefs/"])
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from campaignlint.engine import FileResult
    from campaignlint.model import Finding


def lint_text(
    text: str, *, path: str | None = None, config: Any = None, **kwargs: Any
) -> list[Finding]:
    """Lint one brief given as text; see :func:`campaignlint.engine.lint_text`."""
    from campaignlint.engine import lint_text as engine_lint_text

    return engine_lint_text(text, path=path, config=config, **kwargs)


def lint_paths(paths: list[str], **kwargs: Any) -> list[FileResult]:
    """Lint files and folders; see :func:`campaignlint.run.lint_paths`."""
    from campaignlint.run import lint_paths as engine_lint_paths

    return engine_lint_paths(paths, **kwargs)


__all__ = ["__version__", "lint_paths", "lint_text"]
