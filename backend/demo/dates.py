"""A call's dates in the demo files, relative to the moment the demo is seeded.

A demo seeded today and one seeded next year must both have an open call, so a timeline names
no calendar date: each date is a rule (``{days_from_today: -10}``, ``{next: "07-31"}``...)
resolved against ``now`` in the call's own time zone. A rule may build on an earlier date of
the same timeline (``{days_after: deadline_at, days: 56}``), never on a later one.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Annotated, Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Tag,
    field_validator,
    model_validator,
)

from backend.calls.inputs import TimelineInput

TimelineField = Literal[
    "opens_at", "deadline_at", "review_deadline_at", "decision_date", "project_start_date"
]
TIMELINE_FIELDS: tuple[TimelineField, ...] = (
    "opens_at",
    "deadline_at",
    "review_deadline_at",
    "decision_date",
    "project_start_date",
)
"""In the order they are resolved: a rule may only name a field before its own."""

MONTH_DAY = re.compile(r"(\d\d)-(\d\d)\Z")


def _check_month_day(value: str) -> str:
    match = MONTH_DAY.match(value)
    try:
        if match is None:
            raise ValueError
        date(2001, int(match[1]), int(match[2]))  # not a leap year: 02-29 is refused
    except ValueError:
        raise ValueError(f"{value!r} is not a day of the year written MM-DD") from None
    return value


MonthDay = Annotated[str, AfterValidator(_check_month_day)]
"""A day of any year, ``"07-31"`` (quoted in YAML)."""


class _Rule(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    at: time | None = None
    """The time of day of an instant (``*_at``); midnight when absent."""

    def base(self) -> TimelineField | None:
        """The earlier date this rule builds on, if any."""
        return None


class DaysFromToday(_Rule):
    """Today (the call's local day) plus a number of days, negative for the past."""

    days_from_today: int


class DaysAfter(_Rule):
    """An earlier date's local day plus a number of days."""

    days_after: TimelineField
    days: int

    def base(self) -> TimelineField:
        return self.days_after


class NextDay(_Rule):
    """The next ``MM-DD`` (at ``at``) that is still ahead of now: this year's, else next year's."""

    next: MonthDay


class DayInYearOf(_Rule):
    """A ``MM-DD`` in the year of an earlier date (a decision on 22 August of the deadline's)."""

    day: MonthDay
    year_of: TimelineField

    def base(self) -> TimelineField:
        return self.year_of


class FirstOfMonthAfter(_Rule):
    """The first day of the month after an earlier date (a project starting after a decision)."""

    first_of_month_after: TimelineField

    def base(self) -> TimelineField:
        return self.first_of_month_after


def _rule_kind(value: Any) -> str | None:
    """Which rule a mapping is, by the key only that rule has."""
    if isinstance(value, _Rule):
        return type(value).__name__
    if not isinstance(value, dict):
        return None
    for key, kind in _RULE_KEYS.items():
        if key in value:
            return kind
    return None


_RULE_KEYS = {
    "days_from_today": "DaysFromToday",
    "days_after": "DaysAfter",
    "next": "NextDay",
    "day": "DayInYearOf",
    "first_of_month_after": "FirstOfMonthAfter",
}

DateRule = Annotated[
    Annotated[DaysFromToday, Tag("DaysFromToday")]
    | Annotated[DaysAfter, Tag("DaysAfter")]
    | Annotated[NextDay, Tag("NextDay")]
    | Annotated[DayInYearOf, Tag("DayInYearOf")]
    | Annotated[FirstOfMonthAfter, Tag("FirstOfMonthAfter")],
    Discriminator(
        _rule_kind,
        custom_error_type="date_rule",
        custom_error_message=f"a date rule needs one of the keys {', '.join(_RULE_KEYS)}",
    ),
]


class TimelineData(BaseModel):
    """A call's timeline as the demo files write it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    timezone: str
    opens_at: DateRule
    deadline_at: DateRule
    review_deadline_at: DateRule | None = None
    decision_date: DateRule | None = None
    project_start_date: DateRule | None = None

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError(f"{value!r} is not an IANA time zone") from None
        return value

    @model_validator(mode="after")
    def _rules_build_on_earlier_dates(self) -> TimelineData:
        for position, name in enumerate(TIMELINE_FIELDS):
            rule = getattr(self, name)
            if rule is None:
                continue
            base = rule.base()
            if base is not None and (
                base not in TIMELINE_FIELDS[:position] or getattr(self, base) is None
            ):
                raise ValueError(f"{name} builds on {base}, which is not a date given before it")
            if rule.at is not None and name.endswith("_date"):
                raise ValueError(f"{name} is a day: it takes no `at`")
        return self


def resolve_timeline(data: TimelineData, now: datetime) -> TimelineInput:
    """The timeline's instants and days for a demo seeded at ``now``."""
    zone = ZoneInfo(data.timezone)
    resolved: dict[str, datetime | date] = {}
    for name in TIMELINE_FIELDS:
        rule = getattr(data, name)
        if rule is None:
            continue
        instant = _resolve(rule, now=now, zone=zone, earlier=resolved)
        resolved[name] = instant.date() if name.endswith("_date") else instant
    return TimelineInput(timezone=data.timezone, **resolved)  # type: ignore[arg-type]


def local_year(data: TimelineData, field: TimelineField, now: datetime) -> int:
    """The year of one of the timeline's dates, as the call's zone sees it (its reference's)."""
    value = getattr(resolve_timeline(data, now), field)
    return int(value.year)


def _resolve(
    rule: _Rule, *, now: datetime, zone: ZoneInfo, earlier: dict[str, datetime | date]
) -> datetime:
    at = rule.at or time(0)
    if isinstance(rule, DaysFromToday):
        return _on(now.astimezone(zone).date() + timedelta(days=rule.days_from_today), at, zone)
    if isinstance(rule, DaysAfter):
        return _on(_day(earlier[rule.days_after]) + timedelta(days=rule.days), at, zone)
    if isinstance(rule, NextDay):
        month, day = _month_day(rule.next)
        year = now.astimezone(zone).year
        this_year = _on(date(year, month, day), at, zone)
        return this_year if this_year > now else _on(date(year + 1, month, day), at, zone)
    if isinstance(rule, DayInYearOf):
        month, day = _month_day(rule.day)
        return _on(date(earlier[rule.year_of].year, month, day), at, zone)
    if isinstance(rule, FirstOfMonthAfter):
        base = _day(earlier[rule.first_of_month_after])
        return _on(date(base.year + base.month // 12, base.month % 12 + 1, 1), at, zone)
    raise TypeError(f"unknown date rule {rule!r}")


def _on(day: date, at: time, zone: ZoneInfo) -> datetime:
    return datetime.combine(day, at, tzinfo=zone)


def _day(value: datetime | date) -> date:
    return value.date() if isinstance(value, datetime) else value


def _month_day(value: str) -> tuple[int, int]:
    month, day = value.split("-")
    return int(month), int(day)
