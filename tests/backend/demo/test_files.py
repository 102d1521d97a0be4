"""The demo's data files: a mistake names the file, where in it, and the key at fault."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from backend.cli import app as cli_app
from backend.core.settings import get_settings
from backend.demo import seed
from backend.demo.dates import resolve_timeline
from backend.demo.files import DATA, DemoDataError, load_demo_data


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the shipped data files, to break one at a time."""
    for name in ("people.yaml", "funders.yaml", "calls.yaml", "candidacies.yaml"):
        with (DATA / name).open("rb") as source, (tmp_path / name).open("wb") as target:
            shutil.copyfileobj(source, target)
    return tmp_path


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_demo_files_unknown_organisation_key_is_named_with_its_file(data_dir):
    _replace(data_dir / "candidacies.yaml", "lead: aphp", "lead: aphq")

    with pytest.raises(DemoDataError) as raised:
        load_demo_data(data_dir)

    assert raised.value.problems == [
        "candidacies.yaml: candidacies[0].lead: no organisation has the key 'aphq'"
    ]


def test_demo_files_unknown_funder_of_a_share_is_named_with_its_file(data_dir):
    _replace(
        data_dir / "calls.yaml", "{funder: BMG, eur: 5_000_000", "{funder: BMX, eur: 5_000_000"
    )

    with pytest.raises(DemoDataError) as raised:
        load_demo_data(data_dir)

    assert raised.value.problems == [
        "calls.yaml: calls[1].funders[1].funder: no funder has the key 'BMX'"
    ]


def test_demo_files_misspelt_field_is_refused_with_its_place(data_dir):
    _replace(
        data_dir / "people.yaml", "    members: [clinician.aphp]", "    member: [clinician.aphp]"
    )

    with pytest.raises(DemoDataError) as raised:
        load_demo_data(data_dir)

    assert "people.yaml: organisations[0].member: Extra inputs are not permitted" in str(
        raised.value
    )


def test_demo_files_date_built_on_a_later_date_is_refused(data_dir):
    _replace(
        data_dir / "calls.yaml",
        "opens_at: {days_from_today: -10}",
        "opens_at: {days_after: deadline_at, days: -52}",
    )

    with pytest.raises(DemoDataError) as raised:
        load_demo_data(data_dir)

    assert "calls.yaml: calls[0].timeline" in str(raised.value)
    assert "opens_at builds on deadline_at" in str(raised.value)


def test_demo_files_duplicate_person_key_is_refused(data_dir):
    _replace(data_dir / "people.yaml", "key: viewer", "key: expert1")

    with pytest.raises(DemoDataError) as raised:
        load_demo_data(data_dir)

    assert "people.yaml: people: the key 'expert1' is given twice" in raised.value.problems


def test_demo_timeline_resolves_in_the_call_zone():
    call = load_demo_data(DATA).call("FRDE-KI-DM")

    timeline = resolve_timeline(call.timeline, datetime(2026, 3, 2, 9, 0, tzinfo=UTC))

    assert timeline.opens_at == datetime(2026, 3, 8, 23, 0, tzinfo=UTC)  # Berlin midnight, CET
    assert timeline.deadline_at == datetime(2026, 6, 8, 21, 59, 59, tzinfo=UTC)  # CEST
    assert timeline.decision_date == date(2026, 9, 16)
    assert timeline.project_start_date == date(2026, 10, 1)


def test_cli_seed_demo_broken_file_exits_one_naming_file_and_key(data_dir, settings, monkeypatch):
    _replace(data_dir / "funders.yaml", "manager: manager\n", "manager: manger\n")
    monkeypatch.setattr(seed, "demo_data", lambda: load_demo_data(data_dir))
    get_settings.cache_clear()
    try:
        result = CliRunner().invoke(
            cli_app, ["seed-demo"], env={"AAP_DATABASE_URL": settings.database_url}
        )
    finally:
        get_settings.cache_clear()

    assert result.exit_code == 1
    assert (
        "funders.yaml: funders[0].programmes[0].manager: no person has the key 'manger'"
        in result.output
    )
