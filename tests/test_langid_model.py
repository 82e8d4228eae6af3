"""The language model's cache: the same arrays as py3langid's own load, written once, mended
when damaged, and never needed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import py3langid
import pytest
from py3langid import modelio
from py3langid.langid import MODEL_FILE

from extractor.html import langid_model

MODEL = Path(py3langid.__file__).parent / MODEL_FILE


@pytest.fixture(scope="module")
def unpacked():
    """py3langid's own reading of its model."""
    return langid_model.ModelArrays(*modelio.load_model(MODEL))


def same(got: langid_model.ModelArrays, want: langid_model.ModelArrays) -> bool:
    return (
        np.array_equal(np.asarray(got.ptc), want.ptc)
        and np.array_equal(got.pc, want.pc)
        and got.classes == want.classes
        and bytes(got.nextmove) == bytes(want.nextmove)
        and bytes(got.nextmove_row) == bytes(want.nextmove_row)
        and got.out_feat == want.out_feat
    )


def test_the_cache_maps_the_arrays_that_py3langid_unpacks(tmp_path, monkeypatch, unpacked):
    monkeypatch.setenv(langid_model.CACHE_ENV, str(tmp_path))
    first = langid_model.load(MODEL)  # unpacks into the cache
    (folder,) = tmp_path.iterdir()
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        f"{name}.npy" for name in langid_model.ARRAYS
    )
    again = langid_model.load(MODEL)  # maps what the first wrote
    assert isinstance(again.ptc, np.memmap)
    assert same(first, unpacked) and same(again, unpacked)


def test_a_damaged_cache_is_unpacked_again(tmp_path, monkeypatch, unpacked):
    monkeypatch.setenv(langid_model.CACHE_ENV, str(tmp_path))
    langid_model.load(MODEL)
    (folder,) = tmp_path.iterdir()
    nextmove = folder / "nextmove.npy"
    nextmove.write_bytes(nextmove.read_bytes()[:1000])  # a disk that filled up, say
    assert same(langid_model.load(MODEL), unpacked)
    assert nextmove.stat().st_size > 1000


def test_an_unwritable_cache_falls_back_to_unpacking_in_memory(tmp_path, monkeypatch, unpacked):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv(langid_model.CACHE_ENV, str(blocker))
    assert same(langid_model.load(MODEL), unpacked)
    assert blocker.read_text() == "a file where the cache folder would go"


def test_the_cache_folder_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.delenv(langid_model.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert langid_model.cache_root() == tmp_path / "xdg" / "extractor"
    monkeypatch.setenv(langid_model.CACHE_ENV, str(tmp_path / "mine"))
    assert langid_model.cache_root() == tmp_path / "mine"
    monkeypatch.delenv(langid_model.CACHE_ENV)
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert langid_model.cache_root() == Path.home() / ".cache" / "extractor"


def test_a_classifier_on_the_mapped_model_reads_as_py3langid_does(tmp_path, monkeypatch):
    from extractor.html import language

    monkeypatch.setenv(langid_model.CACHE_ENV, str(tmp_path))
    texts = [
        "The ministry and the training centre signed an agreement on water management.",
        "Le ministère et le centre de formation ont signé un accord sur la gestion de l'eau.",
        "El ministerio y el centro de formación firmaron un acuerdo sobre la gestión del agua.",
    ]
    language._load_identifier.cache_clear()
    try:
        mapped = [language.classify(t) for t in texts]
    finally:
        language._load_identifier.cache_clear()
    own = py3langid.langid.LanguageIdentifier.from_modelpath(MODEL, norm_probs=True)
    assert mapped == [(str(c), float(p)) for c, p in map(own.classify, texts)]
    assert [code for code, _ in mapped] == ["en", "fr", "es"]
