"""Value classes without the import-time cost of dataclasses: :class:`FrozenValue` and
:func:`record` (see the note above it) with its :func:`replace`.

A frozen dataclass writes and compiles six methods (``__init__``, ``__repr__``, ``__eq__``,
``__hash__``, ``__setattr__``, ``__delattr__``) when its module is imported: about 1 ms a class
on every run, even a pre-commit run on one brief. The message values every run imports
(:mod:`campaignlint.i18n`) use this base instead: it gives the same equality, hashing, repr and
read-only attributes from the ``_fields`` a subclass names; the subclass writes its ``__init__``.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar, dataclass_transform


class FrozenValue:
    """Equal and hashable by its ``_fields`` (and its class), read-only, shown like a dataclass."""

    __slots__ = ()
    _fields: ClassVar[tuple[str, ...]] = ()

    def _values(self) -> tuple[Any, ...]:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._values())

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({shown})"

    def __setattr__(self, name: str, value: Any) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


# --- records: dataclasses without importing dataclasses --------------------------------------
# ``import dataclasses`` (it imports inspect, ast, dis, tokenize) and building a class with it
# cost a one-brief run ~100M instructions, a fifth of it, for ~20 classes. ``record`` builds the
# same classes (``__init__`` with defaults, default factories and ``__post_init__``; ``__repr__``;
# ``__eq__``; ``__hash__`` and read-only fields when frozen) with one small ``exec``.
# ``dataclasses.replace``, ``fields`` and ``asdict`` still work on them: ``__dataclass_fields__``
# is built, with dataclasses, the first time something asks for it. :func:`replace` does what
# ``dataclasses.replace`` does without that import.

_MISSING: Any = object()


class _FieldSpec:
    """What ``field(...)`` declares about one field."""

    __slots__ = ("compare", "default", "default_factory", "init", "repr")

    def __init__(
        self,
        default: Any = _MISSING,
        default_factory: Any = _MISSING,
        init: bool = True,
        repr: bool = True,
        compare: bool = True,
    ) -> None:
        self.default, self.default_factory = default, default_factory
        self.init, self.repr, self.compare = init, repr, compare


def field(
    *,
    default: Any = _MISSING,
    default_factory: Any = _MISSING,
    init: bool = True,
    repr: bool = True,
    compare: bool = True,
) -> Any:
    """A field's default and options, as ``dataclasses.field`` declares them."""
    return _FieldSpec(default, default_factory, init, repr, compare)


class _Field:
    __slots__ = ("annotation", "name", "spec")

    def __init__(self, name: str, annotation: Any, spec: _FieldSpec) -> None:
        self.name, self.annotation, self.spec = name, annotation, spec


def _own_fields(cls: type) -> list[_Field]:
    fields: dict[str, _Field] = {}
    for base in reversed(cls.__mro__[1:]):
        for item in getattr(base, "__record_fields__", ()):
            fields[item.name] = item

    for name, annotation in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
        if str(annotation).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = cls.__dict__.get(name, _MISSING)
        spec = value if isinstance(value, _FieldSpec) else _FieldSpec(default=value)
        if isinstance(value, _FieldSpec):
            if spec.default is _MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, spec.default)
        fields[name] = _Field(name, annotation, spec)
    return list(fields.values())


def _init_source(fields: list[_Field], frozen: bool, post_init: bool) -> tuple[str, dict[str, Any]]:
    namespace: dict[str, Any] = {"_MISSING": _MISSING, "_set": object.__setattr__}
    parameters, lines = [], []
    for item in fields:
        spec, name = item.spec, item.name
        if spec.default_factory is not _MISSING:
            namespace[f"_factory_{name}"] = spec.default_factory
            if spec.init:
                parameters.append(f"{name}=_MISSING")
                value = f"_factory_{name}() if {name} is _MISSING else {name}"
            else:
                value = f"_factory_{name}()"
        elif not spec.init:
            if spec.default is _MISSING:
                continue
            namespace[f"_default_{name}"] = spec.default
            value = f"_default_{name}"
        else:
            if spec.default is not _MISSING:
                namespace[f"_default_{name}"] = spec.default
                parameters.append(f"{name}=_default_{name}")
            else:
                parameters.append(name)
            value = name
        lines.append(f"_set(self, {name!r}, {value})" if frozen else f"self.{name} = {value}")
    if post_init:
        lines.append("self.__post_init__()")
    body = "\n    ".join(lines or ["pass"])
    return f"def __init__(self, {', '.join(parameters)}):\n    {body}\n", namespace


@dataclass_transform(field_specifiers=(field,))
def record(cls: Any = None, /, *, frozen: bool = False, slots: bool = False) -> Any:
    """``@record`` / ``@record(frozen=True)``: ``@dataclass`` / ``@dataclass(frozen=True)``
    for a class that uses defaults, ``field(default=, default_factory=, init=, repr=,
    compare=)`` and ``__post_init__`` (campaignlint's records use nothing else).
    ``slots=True``, as ``@dataclass(slots=True)``: no ``__dict__`` per instance, for a record
    made once per file of a run."""

    def build(cls: Any) -> Any:
        fields = _own_fields(cls)
        if slots:
            cls = _with_slots(cls, tuple(item.name for item in fields))
        source, namespace = _init_source(fields, frozen, hasattr(cls, "__post_init__"))
        exec(source, namespace)  # one small function, as dataclasses does for each method
        init = namespace["__init__"]
        init.__qualname__ = f"{cls.__qualname__}.__init__"
        shown = tuple(item.name for item in fields if item.spec.repr)
        compared = tuple(item.name for item in fields if item.spec.compare)
        cls.__init__ = init
        cls.__record_fields__ = tuple(fields)
        cls.__record_frozen__ = frozen
        cls.__match_args__ = tuple(item.name for item in fields if item.spec.init)  # type: ignore[misc]
        cls.__dataclass_fields__ = _DataclassFields()
        if "__repr__" not in cls.__dict__:
            cls.__repr__ = _repr_of(shown)
        if "__eq__" not in cls.__dict__:
            cls.__eq__ = _eq_of(compared)
        if frozen:
            cls.__hash__ = _hash_of(compared)
            cls.__setattr__ = _frozen_setattr(cls, frozenset(item.name for item in fields))
            cls.__delattr__ = _frozen_delattr(cls, frozenset(item.name for item in fields))
        elif "__hash__" not in cls.__dict__:
            cls.__hash__ = None  # equal by value and mutable: not hashable, as a dataclass
        return cls

    return build if cls is None else build(cls)


def _with_slots(cls: Any, names: tuple[str, ...]) -> Any:
    """``cls`` made again with ``__slots__`` for its fields (a class cannot gain slots later);
    the defaults live in ``__init__``, not as class attributes."""
    namespace = {
        key: value
        for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }
    namespace["__slots__"] = names
    namespace["__getstate__"], namespace["__setstate__"] = _slot_state(names)
    made = type(cls)(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    return made


def _slot_state(names: tuple[str, ...]) -> tuple[Any, Any]:
    """Pickling of a slotted record: its values, set back past a frozen record's
    ``__setattr__`` (as dataclasses does)."""

    def __getstate__(self: Any) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in names)

    def __setstate__(self: Any, state: tuple[Any, ...]) -> None:
        for name, value in zip(names, state, strict=True):
            object.__setattr__(self, name, value)

    return __getstate__, __setstate__


def _repr_of(names: tuple[str, ...]) -> Any:
    def __repr__(self: Any) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
        return f"{type(self).__qualname__}({shown})"

    return __repr__


def _eq_of(names: tuple[str, ...]) -> Any:
    def __eq__(self: Any, other: object) -> bool:
        if other.__class__ is self.__class__:
            return tuple([getattr(self, name) for name in names]) == tuple(
                [getattr(other, name) for name in names]
            )
        return NotImplemented

    return __eq__


def _hash_of(names: tuple[str, ...]) -> Any:
    def __hash__(self: Any) -> int:
        return hash(tuple([getattr(self, name) for name in names]))

    return __hash__


def _frozen_setattr(cls: type[Any], names: frozenset[str]) -> Any:
    def __setattr__(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        super(cls, self).__setattr__(name, value)

    return __setattr__


def _frozen_delattr(cls: type[Any], names: frozenset[str]) -> Any:
    def __delattr__(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            from dataclasses import FrozenInstanceError

            raise FrozenInstanceError(f"cannot delete field {name!r}")
        super(cls, self).__delattr__(name)

    return __delattr__


class _DataclassFields:
    """``__dataclass_fields__`` built on first use, from a dataclass with the same fields: what
    ``dataclasses.replace``, ``fields``, ``asdict`` and ``is_dataclass`` read."""

    def __get__(self, instance: Any, owner: type) -> Any:
        import dataclasses

        fields = owner.__record_fields__  # type: ignore[attr-defined]
        namespace: dict[str, Any] = {"__annotations__": {f.name: f.annotation for f in fields}}
        for item in fields:
            spec = item.spec
            options: dict[str, Any] = {"init": spec.init, "repr": spec.repr}
            options["compare"] = spec.compare
            if spec.default is not _MISSING:
                options["default"] = spec.default
            if spec.default_factory is not _MISSING:
                options["default_factory"] = spec.default_factory
            namespace[item.name] = dataclasses.field(**options)
        frozen = owner.__record_frozen__  # type: ignore[attr-defined]
        twin: Any = dataclasses.dataclass(frozen=frozen)(type(owner.__name__, (), namespace))
        type.__setattr__(owner, "__dataclass_fields__", twin.__dataclass_fields__)
        type.__setattr__(owner, "__dataclass_params__", twin.__dataclass_params__)
        return twin.__dataclass_fields__


_Record = TypeVar("_Record")


def replace(obj: _Record, /, **changes: Any) -> _Record:
    """A copy of the record (or dataclass) ``obj`` with ``changes``: ``dataclasses.replace``."""
    fields = getattr(type(obj), "__record_fields__", None)
    if fields is None:
        import dataclasses

        return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
    for item in fields:
        if not item.spec.init:
            if item.name in changes:
                raise ValueError(f"field {item.name} is declared with init=False, it cannot be")
            continue
        if item.name not in changes:
            changes[item.name] = getattr(obj, item.name)
    made: _Record = obj.__class__(**changes)
    return made
