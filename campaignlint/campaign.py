"""What kind of campaign a brief is, and which platforms it runs on: the one place that reads
``campaign.kind``, ``campaign.platforms`` (and v1's ``campaign.platform``),
``deliverables[].platform`` and ``content.disclosure.platform_label`` (and v1's
``branded_content_toggle``).

Rules ask through :class:`campaignlint.brief.Brief` (``brief.kind``, ``brief.platforms``,
``brief.deliverable_platform(i)``, ``brief.is_paid_creator(i)`` ...), which calls the functions
here, so no rule parses these fields or knows their aliases. The cross-field checks the JSON
Schema cannot express (a format of another platform, a deliverable without a platform on a
multi-platform campaign, an alias given beside its new name) are reported by the ``schema`` rule
through :func:`violations`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import lru_cache
from typing import Any

from campaignlint.data import load_json
from campaignlint.domain import is_number, keyword
from campaignlint.frozen import FrozenValue
from campaignlint.i18n import Message, Plain, _

PAID = "paid"
GIFTED = "gifted"
AFFILIATE = "affiliate"
NON_COMMERCIAL = "non_commercial"
KINDS = (PAID, GIFTED, AFFILIATE, NON_COMMERCIAL)

# Compensation models that pay the creator nothing but the product (or nothing at all).
UNPAID_MODELS = ("none", "product_only")

PLATFORM_LABEL = "platform_label"
PLATFORM_LABEL_ALIAS = "branded_content_toggle"  # v1's name, TikTok only


@lru_cache(maxsize=1)
def _platform_data() -> dict[str, Any]:
    return load_json("platforms.json")


def formats_by_platform() -> dict[str, list[str]]:
    """Each platform and the formats it has, in the data file's order."""
    formats: dict[str, list[str]] = _platform_data()["formats"]
    return formats


def default_platform() -> str:
    return str(_platform_data()["default"])


def campaign_kind(data: Any) -> str:
    """``campaign.kind`` as one of :data:`KINDS`; ``paid`` when absent or not a known kind
    (the schema reports an unknown one, and v1 briefs have none)."""
    campaign = data.get("campaign") if isinstance(data, Mapping) else None
    kind = keyword(campaign.get("kind")) if isinstance(campaign, Mapping) else None
    return kind if kind in KINDS else PAID


def _platform(value: Any) -> str | None:
    name = keyword(value)
    return name if name in formats_by_platform() else None


def campaign_platforms(data: Any) -> tuple[str, ...]:
    """The campaign's platforms: ``campaign.platforms`` (known ones, in order), else v1's
    ``campaign.platform``, else ``(tiktok,)``. A list naming no known platform gives ``()``."""
    campaign = data.get("campaign") if isinstance(data, Mapping) else None
    if not isinstance(campaign, Mapping):
        return (default_platform(),)
    listed = campaign.get("platforms")
    if isinstance(listed, str):
        listed = [listed]
    if isinstance(listed, list) and listed:
        known = (_platform(item) for item in listed)
        return tuple(dict.fromkeys(name for name in known if name is not None))
    single = _platform(campaign.get("platform"))
    return (single or default_platform(),)


def _deliverable(data: Any, index: int) -> Mapping[str, Any] | None:
    deliverables = data.get("deliverables") if isinstance(data, Mapping) else None
    if not isinstance(deliverables, list) or not 0 <= index < len(deliverables):
        return None
    item = deliverables[index]
    return item if isinstance(item, Mapping) else None


def deliverable_platform(data: Any, index: int) -> str | None:
    """The platform deliverable ``index`` is published on: its own ``platform`` when it names
    one of the campaign's, else the campaign's only platform; None when it cannot be known."""
    deliverable = _deliverable(data, index)
    if deliverable is None:
        return None
    return _platform_of(deliverable, campaign_platforms(data))


def _platform_of(deliverable: Mapping[str, Any], platforms: tuple[str, ...]) -> str | None:
    """:func:`deliverable_platform` of a deliverable mapping, given the campaign's platforms
    (read once for all the deliverables)."""
    own = _platform(deliverable.get("platform"))
    if own is not None:
        return own if own in platforms else None
    if deliverable.get("platform") is None and len(platforms) == 1:
        return platforms[0]
    return None


def platforms_with_deliverables(data: Any) -> tuple[str, ...]:
    """The platforms at least one deliverable is published on, in the campaign's order."""
    deliverables = data.get("deliverables") if isinstance(data, Mapping) else None
    platforms = campaign_platforms(data)
    used = {
        _platform_of(item, platforms)
        for item in (deliverables if isinstance(deliverables, list) else ())
        if isinstance(item, Mapping)
    }
    return tuple(name for name in platforms if name in used)


def is_paid_creator(influencer: Any) -> bool:
    """Whether a creator is paid: a compensation model other than ``none``/``product_only``, or
    a fee above 0. Absent compensation means unpaid."""
    if not isinstance(influencer, Mapping):
        return False
    compensation = influencer.get("compensation")
    if not isinstance(compensation, Mapping):
        return False
    model = keyword(compensation.get("model"))
    if model is not None and model not in UNPAID_MODELS:
        return True
    fee = compensation.get("fee")
    amount = fee.get("amount") if isinstance(fee, Mapping) else fee
    return isinstance(amount, int | float) and is_number(amount) and amount > 0


def platform_label(data: Any) -> Any:
    """``content.disclosure.platform_label``, else its v1 alias ``branded_content_toggle``
    (None when neither is written)."""
    content = data.get("content") if isinstance(data, Mapping) else None
    disclosure = content.get("disclosure") if isinstance(content, Mapping) else None
    if not isinstance(disclosure, Mapping):
        return None
    if disclosure.get(PLATFORM_LABEL) is not None:
        return disclosure.get(PLATFORM_LABEL)
    return disclosure.get(PLATFORM_LABEL_ALIAS)


def platform_label_field(data: Any) -> str:
    """The field name the brief uses for the platform setting (the alias when only it is
    written), so findings and fixes point at what the author wrote."""
    content = data.get("content") if isinstance(data, Mapping) else None
    disclosure = content.get("disclosure") if isinstance(content, Mapping) else None
    if (
        isinstance(disclosure, Mapping)
        and PLATFORM_LABEL not in disclosure
        and PLATFORM_LABEL_ALIAS in disclosure
    ):
        return PLATFORM_LABEL_ALIAS
    return PLATFORM_LABEL


# --- cross-field checks for the schema rule ------------------------------------------------


class CrossFieldViolation(FrozenValue):
    """A schema finding the JSON Schema cannot express; shaped like validation.Violation."""

    _fields = ("pointer", "message", "fix", "at_key", "related")
    pointer: str
    message: Message
    fix: Message | None
    at_key: bool
    related: tuple[str, ...]  # the other places of the same mistake

    def __init__(
        self,
        pointer: str,
        message: Message,
        fix: Message | None,
        at_key: bool = False,
        related: tuple[str, ...] = (),
    ) -> None:
        object.__setattr__(self, "pointer", pointer)
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "fix", fix)
        object.__setattr__(self, "at_key", at_key)
        object.__setattr__(self, "related", related)


def violations(data: Any) -> Iterator[CrossFieldViolation]:
    """Platform and alias mistakes, in document order of the fields they name."""
    if not isinstance(data, Mapping):
        return
    yield from _empty_required(data)
    yield from _platform_alias(data)
    yield from _deliverable_platforms(data)
    yield from _label_alias(data)


def _empty_required(data: Mapping[str, Any]) -> Iterator[CrossFieldViolation]:
    """A field required for this kind but written empty (``budget:``): the schema lets an empty
    optional field pass as absent, and these two are optional only on some kinds."""
    kind = campaign_kind(data)
    campaign = data.get("campaign")
    if (
        kind == PAID
        and isinstance(campaign, Mapping)
        and "budget" in campaign
        and campaign["budget"] is None
    ):
        yield _empty("/campaign/budget", "campaign.budget", kind)
    if kind != AFFILIATE and "deliverables" in data and data["deliverables"] is None:
        yield _empty("/deliverables", "deliverables", kind)


def _empty(pointer: str, field: str, kind: str) -> CrossFieldViolation:
    return CrossFieldViolation(
        pointer,
        _(
            "{field} is required on a {kind} campaign, but it is empty",
            field=Plain(field),
            kind=Plain(kind),
        ),
        _(
            "Write {field}, or set campaign.kind if the campaign is not {kind}.",
            field=Plain(field),
            kind=Plain(kind),
        ),
        at_key=True,
    )


def _platform_alias(data: Mapping[str, Any]) -> Iterator[CrossFieldViolation]:
    campaign = data.get("campaign")
    if not isinstance(campaign, Mapping):
        return
    single = _platform(campaign.get("platform"))
    listed = campaign.get("platforms")
    if single is None or not isinstance(listed, list) or not listed:
        return
    if single in campaign_platforms(data):
        return
    yield CrossFieldViolation(
        "/campaign/platform",
        _(
            "campaign.platform is {platform}, but campaign.platforms does not list it",
            platform=Plain(campaign.get("platform")),
        ),
        _(
            "campaign.platforms replaces campaign.platform: remove campaign.platform, or add"
            " {platform} to campaign.platforms.",
            platform=Plain(single),
        ),
    )


def _deliverable_platforms(data: Mapping[str, Any]) -> Iterator[CrossFieldViolation]:
    """Deliverables without a platform, on a platform outside the campaign's, or in a format
    their platform lacks; the same mistake on several deliverables is one finding listing them."""
    deliverables = data.get("deliverables")
    if not isinstance(deliverables, list):
        return
    platforms = campaign_platforms(data)
    unnamed: list[int] = []
    outside: dict[str, list[int]] = {}  # platform as written -> deliverables
    wrong_format: dict[tuple[str, str], list[int]] = {}  # (format as written, platform)
    for index, deliverable in enumerate(deliverables):
        if not isinstance(deliverable, Mapping):
            continue
        written = deliverable.get("platform")
        own = _platform(written)
        if written is None and len(platforms) > 1:
            unnamed.append(index)
        elif own is not None and own not in platforms and platforms:
            outside.setdefault(str(written), []).append(index)
        platform = _platform_of(deliverable, platforms)
        if platform is not None and _foreign_format(deliverable.get("format"), platform):
            wrong_format.setdefault((str(deliverable["format"]), platform), []).append(index)
    if unnamed:
        yield _unnamed(unnamed, platforms)
    for written, indexes in outside.items():
        yield _outside(written, indexes, platforms)
    for (written, platform), indexes in wrong_format.items():
        yield _format(written, platform, indexes)


def _items(indexes: list[int], field: str = "") -> Plain:
    return Plain(", ".join(f"deliverables[{index}]{field}" for index in indexes))


def _related(indexes: list[int], field: str = "") -> tuple[str, ...]:
    return tuple(f"/deliverables/{index}{field}" for index in indexes[1:])


def _unnamed(indexes: list[int], platforms: tuple[str, ...]) -> CrossFieldViolation:
    listed = Plain(", ".join(platforms))
    if len(indexes) == 1:
        message = _(
            "deliverables[{index}] has no platform, and the campaign runs on several: {platforms}",
            index=Plain(indexes[0]),
            platforms=listed,
        )
    else:
        message = _(
            "{count} deliverables have no platform, and the campaign runs on several"
            " ({platforms}): {items}",
            count=len(indexes),
            platforms=listed,
            items=_items(indexes),
        )
    fix = _("Add 'platform:' to the deliverable: one of {platforms}.", platforms=listed)
    pointer = f"/deliverables/{indexes[0]}"
    return CrossFieldViolation(pointer, message, fix, at_key=True, related=_related(indexes))


def _outside(written: str, indexes: list[int], platforms: tuple[str, ...]) -> CrossFieldViolation:
    listed = Plain(", ".join(platforms))
    if len(indexes) == 1:
        message = _(
            "deliverables[{index}].platform is {platform}, which is not among the"
            " campaign's platforms ({platforms})",
            index=Plain(indexes[0]),
            platform=Plain(written),
            platforms=listed,
        )
    else:
        message = _(
            "{count} deliverables are on {platform}, which is not among the campaign's platforms"
            " ({platforms}): {items}",
            count=len(indexes),
            platform=Plain(written),
            platforms=listed,
            items=_items(indexes),
        )
    fix = _(
        "Add {platform} to campaign.platforms, or publish the deliverable on one of {platforms}.",
        platform=Plain(keyword(written)),
        platforms=listed,
    )
    pointer = f"/deliverables/{indexes[0]}/platform"
    return CrossFieldViolation(pointer, message, fix, related=_related(indexes, "/platform"))


def _foreign_format(written: Any, platform: str) -> bool:
    """A format of another platform (an unknown one is the JSON Schema's enum finding)."""
    name = keyword(written)
    everywhere = {fmt for formats in formats_by_platform().values() for fmt in formats}
    return name is not None and name in everywhere and name not in formats_by_platform()[platform]


def _format(written: str, platform: str, indexes: list[int]) -> CrossFieldViolation:
    import difflib  # only here, for a format of another platform: not on every run

    name = keyword(written) or written
    valid = formats_by_platform()[platform]
    formats = Plain(", ".join(valid))
    same = _platform_data().get("equivalents", {}).get(platform, {}).get(name)
    close = [same] if same in valid else difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    fix = (
        _(
            "Did you mean '{guess}'? Formats on {platform}: {formats}.",
            guess=Plain(close[0]),
            platform=Plain(platform),
            formats=formats,
        )
        if close
        else _("Use a format {platform} has: {formats}.", platform=Plain(platform), formats=formats)
    )
    if len(indexes) == 1:
        message = _(
            "deliverables[{index}].format {format} does not exist on {platform}; its formats"
            " are {formats}",
            index=Plain(indexes[0]),
            format=Plain(written),
            platform=Plain(platform),
            formats=formats,
        )
    else:
        message = _(
            "{count} deliverables use the format {format}, which does not exist on {platform}"
            " (its formats are {formats}): {items}",
            count=len(indexes),
            format=Plain(written),
            platform=Plain(platform),
            formats=formats,
            items=_items(indexes, ".format"),
        )
    pointer = f"/deliverables/{indexes[0]}/format"
    return CrossFieldViolation(pointer, message, fix, related=_related(indexes, "/format"))


def _label_alias(data: Mapping[str, Any]) -> Iterator[CrossFieldViolation]:
    content = data.get("content")
    disclosure = content.get("disclosure") if isinstance(content, Mapping) else None
    if not isinstance(disclosure, Mapping):
        return
    if PLATFORM_LABEL in disclosure and PLATFORM_LABEL_ALIAS in disclosure:
        yield CrossFieldViolation(
            f"/content/disclosure/{PLATFORM_LABEL_ALIAS}",
            _(
                "content.disclosure has both platform_label and branded_content_toggle, its"
                " older name: use one"
            ),
            _("Keep platform_label and remove branded_content_toggle."),
            at_key=True,
        )
