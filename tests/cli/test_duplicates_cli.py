"""``adminduk duplicates``: the review queue of a register file, NIKs masked unless asked."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from adminduk import serialization
from adminduk.cli import main
from adminduk.samples import SIAP_MENIKAH, sample_registry
from tests.extras import require
from tests.register.entered import entered_again

require("splink", "duckdb", "pyarrow", extra="linkage")


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample register with the groom entered again under a new NIK, and a trained model."""
    from adminduk.linkage import link, synthetic_people

    registry = sample_registry()
    entered_again(registry, SIAP_MENIKAH.groom, kk="1808040202260001", name="Yohanes Saragi")
    folder = tmp_path_factory.mktemp("duplicates")
    register = folder / "register.json"
    register.write_text(serialization.dumps(registry), encoding="utf-8")
    model = folder / "model.json"
    trained = link(synthetic_people(5_000, seed=2)).model()
    model.write_text(json.dumps(trained.as_dict()), encoding="utf-8")
    return register, model


def test_the_queue_names_the_pair_without_whole_niks(
    files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """With a saved model, the pair is the queue; NIKs are masked unless --show-nik."""
    register, model = files
    assert 0 == main(["duplicates", str(register), "--model", str(model)])
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "1 pair(s) at match weight +4.0 or more"
    assert "Yohanes Saragih" in out
    assert "Yohanes Saragi," in out
    assert "name similar" in out
    assert re.search(r"\d{16}", out) is None
    assert 0 == main(["duplicates", str(register), "--model", str(model), "--show-nik"])
    assert SIAP_MENIKAH.groom in capsys.readouterr().out


def test_training_on_the_register_and_saving_the_model(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without a model it trains on the register itself and can save what it learned; a
    register too small to train on is refused with the way out."""
    from adminduk.simulation import synthesize_population

    register, _ = files
    assert 1 == main(["duplicates", str(register)])
    assert "too few to train a model on" in capsys.readouterr().err
    bigger = tmp_path / "district.json"
    registry = synthesize_population("18.08.15", seed=5, scale=0.05)
    bigger.write_text(serialization.dumps(registry), encoding="utf-8")
    saved = tmp_path / "learned.json"
    assert 0 == main(["duplicates", str(bigger), "--save-model", str(saved), "--limit", "5"])
    assert "pair(s) at match weight" in capsys.readouterr().out
    assert set(json.loads(saved.read_text())) == {"prior", "levels"}


def test_a_bad_model_file_is_one_clear_line(
    files: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A model that is not JSON, or names SQL, is refused with exit status 1."""
    register, _ = files
    for text in (
        "not json",
        json.dumps({"prior": 0.1, "levels": {"name": {"x = 1 --": [0.5, 0.5]}}}),
    ):
        bad = tmp_path / "bad.json"
        bad.write_text(text)
        assert 1 == main(["duplicates", str(register), "--model", str(bad)])
        err = capsys.readouterr().err
        assert err.startswith("adminduk: ")
        assert "Traceback" not in err
