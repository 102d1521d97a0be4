"""The image refuses to build without HarfBuzz's subsetter: receipts would render about three
times slower (fonts subset with fontTools), and nothing else would say so until /readyz."""

from __future__ import annotations

from backend.core.pdf import pdf_engine_info
from tests.infra.test_infra import DOCKERFILE, dockerfile_instructions


def _runtime_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions(DOCKERFILE.read_text())
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def test_runtime_stage_installs_harfbuzz_subset():
    installs = " ".join(args for keyword, args in _runtime_stage() if keyword == "RUN")
    assert "libharfbuzz-subset0" in installs


def test_runtime_stage_checks_the_font_subsetter_after_installing_the_app():
    stage = _runtime_stage()
    copy_venv = next(
        i for i, (kw, args) in enumerate(stage) if kw == "COPY" and "/opt/venv" in args
    )
    checks = [
        i
        for i, (kw, args) in enumerate(stage)
        if kw == "RUN" and "pdf_engine_info" in args and "'harfbuzz'" in args
    ]
    assert checks and checks[0] > copy_venv


def test_the_check_reads_keys_pdf_engine_info_returns():
    info = pdf_engine_info()
    assert {"ok", "font_subsetter"} <= info.keys()
    assert info["font_subsetter"] in {"harfbuzz", "fonttools"}
