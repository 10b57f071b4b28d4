"""Fixtures: the nutgraf CLI (whose JSON the bindings must equal) and the
shared data folder. `tests/python.rs` at the repository root sets
NUTGRAF_CLI and NUTGRAF_SHARED; run by hand, they default to the
checkout's `target/debug/nutgraf` and `../shared`."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path
from typing import Any, Callable, List

import pytest

ROOT = Path(__file__).resolve().parents[3]


def _required(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing under CI")
    pytest.skip(f"{what} not found")


@pytest.fixture(scope="session")
def shared() -> Path:
    d = Path(os.environ.get("NUTGRAF_SHARED", ROOT.parent / "shared"))
    if not (d / "seeds").is_dir():
        _required(f"shared data folder {d}")
    return d


@pytest.fixture(scope="session")
def seeds(shared: Path) -> List[Path]:
    return sorted((shared / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def cli() -> Callable[..., Any]:
    """`cli("summarize", path, "--sentences", "2")` → the parsed JSON."""
    exe = Path(os.environ.get("NUTGRAF_CLI", ROOT / "target" / "debug" / "nutgraf"))
    if not exe.exists():
        _required(f"the nutgraf CLI at {exe}")

    def run(*args: Any) -> Any:
        out = subprocess.run(
            [str(exe), *map(str, args), "--format", "json"],
            check=True,
            stdout=subprocess.PIPE,
        )
        return json.loads(out.stdout)

    return run


@pytest.fixture(scope="session")
def cli_batch(cli: Callable[..., Any], tmp_path_factory: pytest.TempPathFactory) -> Callable[..., List[Any]]:
    """`cli_batch(texts, "summarize", "--sentences", "2")` → one JSON result
    per text, from one `--jsonl` run of the CLI (ids dropped)."""
    exe = Path(os.environ.get("NUTGRAF_CLI", ROOT / "target" / "debug" / "nutgraf"))
    d = tmp_path_factory.mktemp("batch")

    def run(texts: List[str], *args: Any) -> List[Any]:
        f = d / "in.jsonl"
        with f.open("w", encoding="utf-8") as out:
            for i, t in enumerate(texts):
                out.write(json.dumps({"id": i, "text": t}) + "\n")
        res = subprocess.run(
            [str(exe), *map(str, args), "--jsonl", str(f), "--threads", "2"],
            check=True,
            stdout=subprocess.PIPE,
        )
        rows = [json.loads(line) for line in res.stdout.decode("utf-8").splitlines()]
        assert [r.pop("id") for r in rows] == list(range(len(texts)))
        return rows

    return run
