"""The brief as rules see it: plain data, typed accessors and a position lookup by JSON pointer.

Every accessor returns None (or an empty list) when the field is absent or of the wrong type, so
a rule skips what it cannot read without crashing, even when the schema reports the brief broken.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple

from campaignlint import campaign
from campaignlint.domain import REJECTED, is_number, parse_date
from campaignlint.frozen import FrozenValue, replace
from campaignlint.i18n import Message
from campaignlint.loader import LoadedDocument, nearest_position
from campaignlint.model import Edit, Position, Problem, Related, Severity
from campaignlint.pointers import escape_pointer_token, join_pointer, unescape_pointer_token

if TYPE_CHECKING:
    from campaignlint.validation import Violation

_MISSING = object()
_UNSEEN = object()
_CONTAINERS = (dict, list)  # isinstance(value, dict | list) builds the union at every call


class Brief:
    """A parsed brief. ``data`` is plain JSON-like Python data (dicts, lists, str, numbers).

    A value the schema rejects (a wrong type, an unknown enum value or code) is not part of
    ``data``: rules never read it, so a market written ``GERMANY`` gives the schema finding and
    no disclosure finding built on a misread market. In its place stands ``REJECTED``, which
    the typed accessors (``text``, ``number``, ``strings`` ...) never return and no type check
    accepts: a rule skips it as it skips any value it cannot read, ``keyword()`` reads it as an
    unknown value (not an absent one), and the other items of a list keep their places and
    pointers.
    ``document.data`` keeps everything as written.
    """

    def __init__(
        self,
        document: LoadedDocument,
        *,
        path: str = "<string>",
        today: dt.date | None = None,
    ) -> None:
        self.document = document
        self.path = path
        if today is None:
            from campaignlint.clock import today as clock_today

            today = clock_today()
        self.today = today
        # Influencer index -> the creator-roster entry merged into it (campaignlint.roster).
        self.roster_matches: dict[int, Any] = {}

    # --- what the schema rejects -----------------------------------------------------------

    def replace_data(self, data: Any) -> None:
        """Read ``data`` from now on (the brief merged with the creator roster): everything
        derived from the data (schema violations, masking, kind) is computed again."""
        self.document.data = data
        for name, member in vars(type(self)).items():
            if isinstance(member, cached_property):
                self.__dict__.pop(name, None)

    @cached_property
    def violations(self) -> list[Violation]:
        """The schema violations of the brief as written (computed once per brief)."""
        from campaignlint.validation import violations

        try:
            return list(violations(self.document.data))
        except ValueError:  # data not from the loader (a date object): nothing to mask
            return []

    @cached_property
    def rejected(self) -> frozenset[str]:
        """Pointers of the values the schema rejects; rules do not read them."""
        try:
            found = self.violations
        except Exception:  # the schema rule reports a validator crash; reading goes on unmasked
            return frozenset()
        return frozenset(v.pointer for v in found if v.rejects_value)

    @cached_property
    def data(self) -> Any:
        """The brief without the values the schema rejects."""
        return _without(self.document.data, self.rejected) if self.rejected else self.document.data

    @cached_property
    def _lists_with_rejected_items(self) -> frozenset[str]:
        parents = {pointer.rsplit("/", 1)[0] for pointer in self.rejected}
        return frozenset(parent for parent in parents if isinstance(self._raw(parent), list))

    def _raw(self, pointer: str) -> Any:
        node: Any = self.document.data
        for raw in pointer.lstrip("/").split("/") if pointer else ():
            key = _key(node, unescape_pointer_token(raw))
            if key is None:
                return None
            node = node[key]
        return node

    def hides(self, pointer: str) -> bool:
        """True when a finding at ``pointer`` would be about a value the schema rejected: the
        value itself, something under it, or a list holding it (a finding on the whole list,
        "no attributable tracking method", may rest on the item it could not read)."""
        if not self.rejected:
            return False
        if pointer in self._lists_with_rejected_items:
            return True
        current = pointer
        while current:
            if current in self.rejected:
                return True
            current = current.rsplit("/", 1)[0]
        return False

    # --- reading ---------------------------------------------------------------------------

    @cached_property
    def _containers(self) -> dict[str, Any]:
        """Lists and mappings looked up before, by pointer (without its leading ``/``): rules
        read several fields of each creator, so ``/influencers/7/audience`` is found once."""
        return {}

    @cached_property
    def _values(self) -> dict[str, Any]:
        """Values looked up before, by pointer (``_MISSING`` for an absent one): rules read
        the same fields (``/campaign/markets``, ``/influencers``) again and again."""
        return {}

    def get(self, pointer: str, default: Any = None) -> Any:
        """The value at ``pointer`` (``/campaign/budget/amount``), or ``default``."""
        values = self._values
        value = values.get(pointer, _UNSEEN)
        if value is _UNSEEN:
            value = values[pointer] = self._lookup(pointer)
        return default if value is _MISSING else value

    def _lookup(self, pointer: str) -> Any:
        """The value at ``pointer``, or ``_MISSING``."""
        if pointer in ("", "/"):
            return self.data
        parent, slash, last = pointer.lstrip("/").rpartition("/")
        node: Any = self.data
        if slash:
            node = self._containers.get(parent, _MISSING)
            if node is _MISSING:
                node = _walk(self.data, parent.split("/"))
                if not isinstance(node, _CONTAINERS):
                    return _MISSING
                self._containers[parent] = node
        if "~" in last:
            last = unescape_pointer_token(last)
        if isinstance(node, dict):
            return node.get(last, _MISSING)
        if isinstance(node, list) and last.isdecimal() and int(last) < len(node):
            return node[int(last)]
        return _MISSING

    def has(self, pointer: str) -> bool:
        return self.get(pointer, _MISSING) is not _MISSING

    def mapping(self, pointer: str) -> dict[str, Any] | None:
        value = self.get(pointer)
        return value if isinstance(value, dict) else None

    def sequence(self, pointer: str) -> list[Any]:
        value = self.get(pointer)
        return value if isinstance(value, list) else []

    def text(self, pointer: str) -> str | None:
        value = self.get(pointer)
        return value if isinstance(value, str) else None

    def number(self, pointer: str) -> float | None:
        value = self.get(pointer)
        return value if is_number(value) else None

    def boolean(self, pointer: str) -> bool | None:
        value = self.get(pointer)
        return value if isinstance(value, bool) else None

    def date(self, pointer: str) -> dt.date | None:
        return parse_date(self.get(pointer))

    @cached_property
    def _listings(self) -> dict[tuple[str, str], list[tuple[str, Any]]]:
        """What :meth:`items`, :meth:`mappings` and :meth:`strings` gave before, by (method,
        pointer): several rules list the creators, the deliverables and the hashtags."""
        return {}

    def items(self, pointer: str) -> Iterator[tuple[str, Any]]:
        """(pointer, item) for each item of the list at ``pointer``."""
        found = self._listings.get(("items", pointer))
        if found is None:
            found = [
                (f"{pointer}/{index}", item) for index, item in enumerate(self.sequence(pointer))
            ]
            self._listings["items", pointer] = found
        return iter(found)

    def mappings(self, pointer: str) -> Iterator[tuple[str, dict[str, Any]]]:
        """(pointer, item) for each mapping item of the list at ``pointer``; others skipped."""
        found = self._listings.get(("mappings", pointer))
        if found is None:
            found = [(place, item) for place, item in self.items(pointer) if isinstance(item, dict)]
            self._listings["mappings", pointer] = found
        return iter(found)

    def strings(self, pointer: str) -> Iterator[tuple[str, str]]:
        """(pointer, text) for each string in the list at ``pointer``; a lone string counts too."""
        found = self._listings.get(("strings", pointer))
        if found is None:
            found = self._listings["strings", pointer] = self.strings_of(pointer, self.get(pointer))
        return iter(found)

    @staticmethod
    def strings_of(pointer: str, value: Any) -> list[tuple[str, str]]:
        """What :meth:`strings` gives for ``value`` found at ``pointer``: a rule that holds a
        creator's mapping reads ``Brief.strings_of(f"{pointer}/handle", creator.get("handle"))``
        without looking the pointer up again."""
        if isinstance(value, str):
            return [(pointer, value)]
        if not isinstance(value, list):
            return []
        return [
            (f"{pointer}/{index}", item)
            for index, item in enumerate(value)
            if isinstance(item, str)
        ]

    def markets(self) -> list[str] | None:
        """The campaign's markets as upper-case ISO codes (``tr`` -> ``TR``), each once; None
        when the brief names no market (an empty list when it names only rejected ones)."""
        codes = self._market_codes
        return None if codes is None else list(codes)

    @cached_property
    def _market_codes(self) -> tuple[str, ...] | None:
        """What :meth:`markets` gives, worked out once: several rules read the markets."""
        from campaignlint.codes import country_code

        if not self.sequence("/campaign/markets"):
            return None
        codes = (country_code(text) for _pointer, text in self.strings("/campaign/markets"))
        return tuple(dict.fromkeys(code for code in codes if code))

    def languages(self) -> list[str]:
        """The target languages as ISO 639-1 codes (``en-GB`` -> ``en``), each once."""
        from campaignlint.codes import language_code

        codes = (
            language_code(text) for _pointer, text in self.strings("/target_audience/languages")
        )
        return list(dict.fromkeys(code for code in codes if code))

    def walk_strings(self, pointer: str = "") -> Iterator[tuple[str, str]]:
        """(pointer, text) for every string value under ``pointer``, depth first, in order."""
        value = self.get(pointer)
        if isinstance(value, str):
            yield pointer, value
        if not isinstance(value, dict | list):
            return
        seen = {id(value)}  # aliases share objects: visit each once
        stack = [(pointer, _children(value))]
        while stack:
            parent, children = stack[-1]
            for key, child in children:
                if isinstance(child, str):
                    yield f"{parent}/{escape_pointer_token(str(key))}", child
                elif isinstance(child, dict | list) and id(child) not in seen:
                    seen.add(id(child))
                    child_pointer = f"{parent}/{escape_pointer_token(str(key))}"
                    stack.append((child_pointer, _children(child)))
                    break
            else:
                stack.pop()

    @cached_property
    def string_values(self) -> list[StringValue]:
        """Every string value outside team notes (``x-`` fields), depth first, in order: one
        pass over the brief shared by the rules that scan all of its text. Pointers are joined
        only on demand (:attr:`StringValue.pointer`). An object aliased into several places is
        visited once, at its first place outside ``x-`` fields; ``walked`` is False where
        :meth:`walk_strings` does not reach it (first met inside an ``x-`` field)."""
        return _string_values(self.data)

    def string_texts(self, walked_only: bool = False) -> list[str]:
        """The texts of :attr:`string_values` (only the ``walked`` ones with ``walked_only``),
        index for index: what the rules that scan all of a brief's text search. Do not change
        the list."""
        texts = self._unshared_texts
        if texts is None:
            return [value.text for value in self.string_values if value.walked or not walked_only]
        return texts

    @cached_property
    def _unshared_texts(self) -> list[str] | None:
        """The texts of :attr:`string_values` by a walk that builds no :class:`StringValue`,
        when no object stands at two places of the brief (every value is then ``walked``); None
        when one does (YAML aliases), or the brief is a lone string. None for a large brief too:
        it nearly always has something to report, and reporting takes the full walk (one walk
        of a 10,000-creator brief, not two)."""
        if len(self.document.text) >= _ONE_WALK_FROM:
            return None
        return _unshared_texts(self.data)

    # --- campaign kind and platforms (campaignlint.campaign hides v1's aliases) ---------------

    @cached_property
    def kind(self) -> str:
        """``paid`` (also for v1 briefs), ``gifted``, ``affiliate`` or ``non_commercial``."""
        return campaign.campaign_kind(self.data)

    @property
    def is_paid(self) -> bool:
        """Whether this is a paid campaign (fees, budget and paid labels apply as in v1)."""
        return self.kind == campaign.PAID

    @cached_property
    def platforms(self) -> tuple[str, ...]:
        """The campaign's platforms (``campaign.platforms``, or v1's ``platform``; ``tiktok``)."""
        return campaign.campaign_platforms(self.data)

    def deliverable_platform(self, index: int) -> str | None:
        """The platform ``deliverables[index]`` is published on; None when it cannot be known."""
        return campaign.deliverable_platform(self.data, index)

    def platforms_with_deliverables(self) -> tuple[str, ...]:
        """The campaign's platforms that at least one deliverable is published on."""
        return campaign.platforms_with_deliverables(self.data)

    def is_paid_creator(self, index: int) -> bool:
        """Whether ``influencers[index]`` is paid: a compensation model other than
        none/product_only, or a fee above 0 (absent compensation: unpaid)."""
        influencers = self.sequence("/influencers")
        return 0 <= index < len(influencers) and campaign.is_paid_creator(influencers[index])

    def any_paid_creator(self) -> bool:
        return any(campaign.is_paid_creator(item) for item in self.sequence("/influencers"))

    @property
    def platform_label(self) -> Any:
        """``content.disclosure.platform_label`` (or v1's ``branded_content_toggle``) as written."""
        return campaign.platform_label(self.data)

    @property
    def platform_label_pointer(self) -> str:
        """Where the platform setting is (or would be) written: the alias when only it is used."""
        return "/content/disclosure/" + campaign.platform_label_field(self.data)

    # --- positions -------------------------------------------------------------------------

    def position(self, pointer: str) -> Position:
        """Where the value at ``pointer`` stands; the nearest existing ancestor when absent."""
        return nearest_position(self.document.positions, pointer)

    def key_position(self, pointer: str) -> Position:
        """Where the key of ``pointer`` stands (the value's position for list items)."""
        return self.document.key_positions.get(pointer) or self.position(pointer)

    # --- reporting -------------------------------------------------------------------------

    def problem(
        self,
        pointer: str,
        message: Message,
        fix: Message | None = None,
        *,
        severity: Severity | str | None = None,
        at_key: bool = False,
        edits: tuple[Edit, ...] = (),
        related: Iterable[str | Related] = (),
        check: str | None = None,
    ) -> Problem:
        """A problem at ``pointer``; ``at_key`` points at the key rather than the value.
        ``related`` names the other places of a grouped problem (pointers in this brief);
        ``check`` the rule's declared check that found it (see ``CHECKS``)."""
        return Problem(
            pointer=pointer,
            message=message,
            fix=fix,
            severity=Severity(severity) if severity is not None else None,
            position=self.key_position(pointer) if at_key else self.position(pointer),
            edits=edits,
            related=tuple(self._related(place) for place in related) if related else (),
            check=check,
        )

    def merge_by_item(
        self,
        problems: Iterable[Problem],
        item: str = "handle",
        plurals: Mapping[str, Message] | None = None,
    ) -> list[Problem]:
        """Problems that would read the same except for the ``item`` they name (a handle) as
        one problem: the first, naming every item, with the others as related locations.
        ``plurals`` maps a message or fix template to the one that reads right with several
        items ("{handle} is paid" -> "{handle} are paid"). Order is kept; different numbers or
        different checks stay apart."""
        problems = list(problems)
        # Only problems with the same templates and severity can read the same: the others
        # stay alone without comparing their arguments.
        templates = Counter(_templates(problem) for problem in problems)
        groups: dict[Any, list[Problem]] = {}
        for problem in problems:
            if templates[_templates(problem)] == 1:
                key: Any = ("alone", id(problem))
            else:
                key = _reading_apart_from(problem, item)
            groups.setdefault(key, []).append(problem)
        merged = []
        for found in groups.values():
            first = found[0]
            if len(found) == 1:
                merged.append(first)
                continue
            items = [dict(p.message.args).get(item) for p in found]
            template = first.message.template
            if plurals and template in plurals:
                template = plurals[template].template
            fix = first.fix
            if fix is not None:
                fix_template = fix.template
                if plurals and fix_template in plurals:
                    fix_template = plurals[fix_template].template
                fix = Message(fix_template, _with_items(fix.args, item, items))
            merged.append(
                replace(
                    first,
                    message=Message(template, _with_items(first.message.args, item, items)),
                    fix=fix,
                    related=first.related
                    + tuple(
                        place for p in found[1:] for place in (self._related(p.pointer), *p.related)
                    ),
                )
            )
        return merged

    def _related(self, place: str | Related) -> Related:
        if isinstance(place, Related):
            return place
        line, column, _end_line, _end_column = self.position(place)
        return Related(place, line, column)

    def missing(
        self,
        pointer: str,
        message: Message,
        fix: Message | None = None,
        *,
        severity: Severity | str | None = None,
        check: str | None = None,
    ) -> Problem:
        """A problem about an absent or empty field: at its key when present, else at the key
        of its nearest present ancestor (``content:`` for a missing ``/content/topics``)."""
        present = pointer
        while present and not self.has(present):
            present = present.rsplit("/", 1)[0]
        return Problem(
            pointer=pointer,
            message=message,
            fix=fix,
            severity=Severity(severity) if severity is not None else None,
            position=self.key_position(present) if present else (1, 1, 1, 1),
            check=check,
        )


def _children(value: dict[str, Any] | list[Any]) -> Iterator[tuple[Any, Any]]:
    return iter(value.items()) if isinstance(value, dict) else enumerate(value)


def _walk(node: Any, tokens: list[str]) -> Any:
    """The value the pointer ``tokens`` (still escaped) lead to in ``node``, or _MISSING."""
    for token in tokens:
        if "~" in token:
            token = unescape_pointer_token(token)
        if isinstance(node, dict):
            node = node.get(token, _MISSING)
            if node is _MISSING:
                return _MISSING
        elif isinstance(node, list) and token.isdecimal() and int(token) < len(node):
            node = node[int(token)]  # an index as written, also 03 (isdecimal: what int reads)
        else:
            return _MISSING
    return node


def _key(node: Any, token: str) -> str | int | None:
    """The key of ``token`` in a mapping or list ``node``, or None when it has none."""
    if isinstance(node, dict):
        return token if token in node else None
    if isinstance(node, list) and token.isdigit() and int(token) < len(node):
        return int(token)
    return None


def _without(data: Any, pointers: Iterable[str]) -> Any:
    """``data`` with :data:`REJECTED` in place of the values at ``pointers``. Only the
    containers on the way are copied; the rest is shared with ``data``."""
    if not isinstance(data, dict | list):
        return data
    root: Any = data.copy()
    copies = {id(root)}
    for pointer in sorted(pointers):
        tokens = [unescape_pointer_token(raw) for raw in pointer.lstrip("/").split("/")]
        node = root
        for token in tokens[:-1]:
            key = _key(node, token)
            child = node[key] if key is not None else None
            if not isinstance(child, dict | list):
                break
            if id(child) not in copies:
                child = child.copy()
                copies.add(id(child))
                node[key] = child
            node = child
        else:
            key = _key(node, tokens[-1])
            if key is not None:
                node[key] = REJECTED
    return root


def _templates(problem: Problem) -> tuple[str, str | None, Severity | None]:
    """What two problems that read the same share at least (see :func:`_reading_apart_from`)."""
    fix = problem.fix.template if problem.fix is not None else None
    return (problem.message.template, fix, problem.severity)


def _reading_apart_from(problem: Problem, item: str) -> Any:
    """What a problem says apart from the ``item`` it names: equal keys read the same."""
    if item not in dict(problem.message.args):
        return id(problem)  # names no item: never merged

    def without(message: Message | None) -> Any:
        if message is None:
            return None
        return (message.template, tuple((k, _exact(v)) for k, v in message.args if k != item))

    return (without(problem.message), without(problem.fix), problem.severity)


_FIELDS_REPR: Any = FrozenValue.__repr__  # shows a value by its _fields, as _exact reads it


def _exact(value: Any) -> Any:
    """A key equal for two values exactly when their ``repr`` is (so ``1`` and ``1.0``, or
    ``0.0`` and ``-0.0``, read apart), without building the text of every argument."""
    kind = type(value)
    if kind is str or kind is int or kind is bool or value is None:
        return (kind, value)
    if kind is float:
        return (kind, repr(value))
    if isinstance(value, FrozenValue) and kind.__repr__ is _FIELDS_REPR:
        return (kind, tuple([_exact(getattr(value, name)) for name in value._fields]))
    if kind is list or kind is tuple:
        return (kind, tuple([_exact(item) for item in value]))
    return (kind, repr(value))


def _with_items(args: tuple[tuple[str, Any], ...], item: str, items: list[Any]) -> Any:
    return tuple((name, items if name == item else value) for name, value in args)


# Where a value stands, as a chain of (parent place, key) pairs: its pointer is joined only
# when asked for (most strings are never reported).
_Place = tuple[Any, str | int] | None


# NamedTuple's functional form: its types are objects, not the strings of annotations, so
# typing compiles nothing (a run's first compile() builds the AST types: ~9M instructions).
class StringValue(
    NamedTuple(
        "StringValue",
        [("text", str), ("walked", bool), ("parent", _Place), ("key", str | int | None)],
    )
):
    """A string of the brief: the text, whether :meth:`Brief.walk_strings` reaches it, and
    where it stands (:attr:`pointer`): its ``key`` in the list or mapping at ``parent``."""

    __slots__ = ()

    @property
    def pointer(self) -> str:
        if self.key is None:  # the brief is this one string
            return ""
        keys = [self.key]
        place = self.parent
        while place is not None:
            place, key = place
            keys.append(key)
        pointer = ""
        for key in reversed(keys):
            pointer = join_pointer(pointer, key)
        return pointer


def _string_values(data: Any) -> list[StringValue]:
    # One depth-first walk with both visiting orders: walk_strings's (each object once,
    # wherever it is met first, x- fields included) and the one outside x- fields (each object
    # once outside them).
    if isinstance(data, str):
        return [StringValue(data, True, None, None)]
    found: list[StringValue] = []
    seen: set[int] = {id(data)}  # objects walk_strings has visited
    seen_outside: set[int] = {id(data)}

    new = tuple.__new__  # StringValue(...) without its Python-level __new__
    add = found.append

    def visit(value: Any, place: _Place, in_notes: bool, walked: bool) -> None:
        is_mapping = isinstance(value, dict)
        for key, child in value.items() if is_mapping else enumerate(value):
            if isinstance(child, str):
                if not (in_notes or (is_mapping and str(key).startswith("x-"))):
                    add(new(StringValue, (child, walked, place, key)))
                continue
            if not isinstance(child, dict | list):
                continue  # a number, a boolean or nothing: no text, no notes
            notes = in_notes or (is_mapping and str(key).startswith("x-"))
            identity = id(child)
            child_walked = walked
            if notes:
                if identity in seen:
                    continue
            else:
                if identity in seen_outside:
                    continue
                seen_outside.add(identity)
                child_walked = walked and identity not in seen
            seen.add(identity)
            visit(child, (place, key), notes, child_walked)

    if isinstance(data, dict | list):
        visit(data, None, False, True)
    return found


class _Shared(Exception):
    """An object met at a second place: :func:`_unshared_texts` leaves it to the full walk."""


# Characters of a brief from which its texts are read from string_values (see _unshared_texts).
_ONE_WALK_FROM = 256 * 1024


def _unshared_texts(data: Any) -> list[str] | None:
    # _string_values's walk for a brief without aliases: the same texts in the same order.
    if not isinstance(data, dict | list):
        return None if isinstance(data, str) else []
    found: list[str] = []
    add = found.append
    seen: set[int] = {id(data)}

    def visit(value: Any, in_notes: bool) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                if isinstance(child, str):
                    if not in_notes and not str(key).startswith("x-"):
                        add(child)
                elif isinstance(child, _CONTAINERS):
                    if id(child) in seen:
                        raise _Shared
                    seen.add(id(child))
                    visit(child, in_notes or str(key).startswith("x-"))
            return
        for child in value:
            if isinstance(child, str):
                if not in_notes:
                    add(child)
            elif isinstance(child, _CONTAINERS):
                if id(child) in seen:
                    raise _Shared
                seen.add(id(child))
                visit(child, in_notes)

    try:
        visit(data, False)
    except _Shared:
        return None
    return found
