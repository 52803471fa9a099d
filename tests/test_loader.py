"""The loader: positions, YAML 1.1 quirks, duplicate keys, and hostile input."""

from __future__ import annotations

import codecs

import pytest

from campaignlint.errors import InputError
from campaignlint.loader import decode, load_text


def test_positions_of_values_and_keys_are_one_based() -> None:
    document = load_text("campaign:\n  name: Glow\n  budget: {amount: 5, currency: TRY}\n")
    assert document.positions["/campaign/name"] == (2, 9, 2, 13)
    assert document.key_positions["/campaign/budget"][:2] == (3, 3)
    assert document.positions["/campaign/budget/amount"][:2] == (3, 20)


def test_unquoted_dates_and_times_stay_as_written() -> None:
    data = load_text("start: 2027-03-01\nfrom: 19:00\nto: '22:00'\nat: 2027-03-01 10:00:00\n").data
    assert data == {
        "start": "2027-03-01",
        "from": "19:00",
        "to": "22:00",
        "at": "2027-03-01 10:00:00",
    }


def test_scalars_follow_yaml_1_1_types() -> None:
    data = load_text("a: 1_000\nb: 0x1f\nc: 2.5\nd: .inf\ne: yes\nf: ~\ng: '12'\n").data
    assert data == {
        "a": 1000,
        "b": 31,
        "c": 2.5,
        "d": ".inf",  # kept as written, and reported (see test_numbers_that_lie)
        "e": True,
        "f": None,
        "g": "12",
    }


def test_digits_read_as_yaml_1_1_reads_them() -> None:
    # plain digits take a short cut past the float pattern: the same values as without it
    text = "a: 2416774\nb: 089\nc: \u0663\nd: 0\ne: 1_000\nf: 7\n"
    assert load_text(text).data == {
        "a": 2416774,
        "b": "089",
        "c": "\u0663",
        "d": 0,
        "e": 1000,
        "f": 7,
    }


def test_duplicate_keys_are_reported_not_silently_overwritten() -> None:
    document = load_text("campaign:\n  budget: 1\n  budget: 2\n")
    assert document.data == {"campaign": {"budget": 2}}
    [problem] = document.problems
    assert problem.pointer == "/campaign/budget"
    assert problem.position is not None and problem.position[0] == 3
    assert "first at line 2" in str(problem.message)


def test_merge_keys_and_anchors_work() -> None:
    document = load_text("x-base: &base {currency: TRY}\nbudget:\n  <<: *base\n  amount: 5\n")
    assert document.data["budget"] == {"amount": 5, "currency": "TRY"}
    assert document.positions["/budget/currency"][0] == 3


def test_second_document_is_a_problem() -> None:
    document = load_text("a: 1\n---\nb: 2\n")
    assert document.data == {"a": 1}
    assert document.problems[0].position is not None
    assert document.problems[0].position[0] == 2


@pytest.mark.parametrize(
    ("text", "message", "line"),
    [
        ("a: [1\n", "invalid YAML", 2),
        ("a: b: c\n", "invalid YAML", 1),
        ("a: !!python/object:os.system x\n", "unsupported YAML tag !!python/object", 1),
        ("a: !custom x\n", "unsupported YAML tag !custom", 1),
        ("a: !!set {x}\n", "unsupported YAML tag !!set", 1),
        ("a: *nothing\n", "unknown alias *nothing", 1),
        ("---\n", "the brief is empty", 1),
        ("\n# only a comment\n", "holds no YAML document", None),
        ("", "the file is empty", None),
        ("a: '\x01'\n", "invalid YAML", 1),
    ],
)
def test_bad_yaml_is_a_one_line_input_error(text: str, message: str, line: int | None) -> None:
    with pytest.raises(InputError) as raised:
        load_text(text)
    assert message in raised.value.message
    assert raised.value.line == line
    assert "\n" not in raised.value.describe("f.yaml")


def test_billion_laughs_stops_early() -> None:
    lines = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for index in range(1, 10):
        previous, name = chr(ord("a") + index - 1), chr(ord("a") + index)
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    with pytest.raises(InputError, match="YAML bomb"):
        load_text("\n".join(lines) + "\n")


def test_deep_nesting_is_refused_without_crashing() -> None:
    with pytest.raises(InputError, match="nesting deeper than"):
        load_text("[" * 100_000 + "]" * 100_000)


def test_decode_handles_boms_and_rejects_binary_and_latin1() -> None:
    assert decode(codecs.BOM_UTF8 + "a: ş".encode()) == "a: ş"
    assert decode(codecs.BOM_UTF16_LE + "a: ş".encode("utf-16-le")) == "a: ş"
    assert decode(codecs.BOM_UTF16_BE + "a: ş".encode("utf-16-be")) == "a: ş"
    with pytest.raises(InputError, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(InputError, match="not UTF-8") as raised:
        decode("a: 1\nb: é\n".encode("latin-1"))
    assert raised.value.line == 2


def test_flow_nesting_is_refused_by_campaignlint_before_the_yaml_parser_runs(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import campaignlint.loader as loader

    def no_parser(_text: str) -> None:
        raise AssertionError("the YAML parser must not decide the nesting limit")

    monkeypatch.setattr(loader, "_PARSER", no_parser)
    with pytest.raises(InputError, match="nesting deeper than 200 levels") as caught:
        load_text("campaign:\n  name: " + "[" * 1500 + "]" * 1500 + "\n")
    assert (caught.value.line, caught.value.column) == (2, 209)


def test_brackets_in_quotes_comments_and_plain_text_are_not_nesting() -> None:
    many = "[" * 300 + "{" * 300
    text = (
        f"a: '{many} it''s'\n"
        f'b: "{many} \\" still quoted"\n'
        f"c: plain{many}\n"
        f"# {many}\n"
        f"d: [ok, 'x{many}']  # {many}\n"
    )
    assert load_text(text).data["d"] == ["ok", f"x{many}"]


def test_a_large_brief_is_kept_out_of_the_cycle_collector(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from campaignlint import loader

    monkeypatch.setattr(loader, "LARGE_TEXT", 100)
    text = "influencers:\n" + "".join(f"- {{handle: '@c{i}', followers: {i}}}\n" for i in range(50))
    frozen = gc.get_freeze_count()
    document = load_text(text)
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen + 50  # the creators' mappings, at least
    young = {id(item) for item in gc.get_objects()}
    assert id(document.data["influencers"]) not in young
    assert document.data["influencers"][49] == {"handle": "@c49", "followers": 49}


def test_a_large_brief_stays_collectable_unless_the_process_asked(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc

    from campaignlint import loader

    monkeypatch.setattr(loader, "LARGE_TEXT", None)  # a library user, the language server
    text = "influencers:\n" + "".join(f"- {{handle: '@c{i}'}}\n" for i in range(50))
    frozen = gc.get_freeze_count()
    load_text(text)
    assert gc.get_freeze_count() == frozen


def test_a_small_brief_stays_with_the_cycle_collector() -> None:
    import gc

    frozen = gc.get_freeze_count()
    document = load_text("influencers:\n- {handle: '@c1', followers: 10}\n")
    assert gc.get_freeze_count() == frozen
    assert any(item is document.data["influencers"] for item in gc.get_objects())


def test_lookups_by_pointer_agree_with_the_full_tables() -> None:
    text = (
        "influencers:\n"
        "- {handle: '@a', audience: {age: {18-24: 60}, 'x/y': 1, 'a~b': 2}}\n"
        "- handle: '@b'\n  tags: [one, two]\n"
    )
    tables = load_text(text)
    values, keys = dict(tables.positions), dict(tables.key_positions)  # built in one walk
    looked_up = load_text(text)
    probes = [*values, *keys, "/influencers/2", "/influencers/01", "/influencers/0/x~1z"]
    for pointer in probes * 2:  # the second time, from the collections kept
        assert looked_up.positions.get(pointer) == values.get(pointer), pointer
        assert looked_up.key_positions.get(pointer) == keys.get(pointer), pointer
    assert values["/influencers/0/audience/x~1y"][:2] == (2, 54)
    assert "/influencers/1/tags/0" not in keys  # a list item has no key


@pytest.mark.parametrize(
    ("text", "positions"),
    [
        (
            "a: 1\r\nb:\r\n  - x\r\n",
            {"/a": (1, 4, 1, 5), "/b/0": (3, 5, 3, 6), "/b": (3, 3, 4, 1), "": (1, 1, 4, 1)},
        ),
        (
            "a: 1\x85b: x\u2028c: y\u2029d: z\n",
            {"/a": (1, 4, 1, 5), "/b": (2, 4, 2, 5), "/c": (3, 4, 3, 5), "/d": (4, 4, 4, 5)},
        ),
        ("\ufeffa: 1\nb: ğüş\n", {"/a": (1, 4, 1, 5), "/b": (2, 4, 2, 7), "": (1, 1, 3, 1)}),
        # no line break at the end: what stands after the text is on a line of its own
        (
            "a:\n  b: [1, 2]\n  c:",
            {"/a/b": (2, 6, 2, 12), "/a/c": (3, 5, 3, 5), "/a": (2, 3, 4, 1)},
        ),
    ],
)
def test_positions_count_lines_and_columns_as_yaml_does(
    text: str, positions: dict[str, tuple[int, int, int, int]]
) -> None:
    document = load_text(text)
    for pointer, position in positions.items():
        assert document.positions[pointer] == position
        assert dict(document.positions.items())[pointer] == position
