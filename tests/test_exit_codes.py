"""Exit codes have one home (campaignlint.exit_codes), and the README's table is that home."""

import re

from campaignlint import exit_codes
from tests.helpers import REPO


def test_readme_table_lists_exactly_the_exit_codes_of_the_module() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Exit codes", 1)[1].split("\n\n", 2)[1]
    documented = {int(code) for code in re.findall(r"^\| (\d+) \|", table, re.MULTILINE)}
    defined = {value for name, value in vars(exit_codes).items() if name.startswith("EXIT_")}
    assert documented == defined == {0, 1, 2, 130, 143}


def test_a_signal_exits_with_128_plus_its_number() -> None:
    import signal

    assert exit_codes.exit_for_signal(signal.SIGINT) == exit_codes.EXIT_INTERRUPTED
    assert exit_codes.exit_for_signal(signal.SIGTERM) == exit_codes.EXIT_TERMINATED
