"""Embeddings: the bundled model loads offline, a local static model can replace it, vectors are stored
compactly and keyed by model and text, and an entry's headline counts more than its details."""

from pathlib import Path

import numpy as np
import pytest
from safetensors.numpy import save_file
from tokenizers import Tokenizer
from tokenizers.models import WordLevel
from tokenizers.pre_tokenizers import WhitespaceSplit

from bot.matching.embeddings import (
    DEFAULT_MODEL,
    DETAILS_WEIGHT,
    ModelNotFound,
    StaticEmbedder,
    background,
    entry_vectors,
    from_bytes,
    load_embedder,
    text_key,
    to_bytes,
)

VOCABULARY = {"[UNK]": 0, "seo": 1, "cats": 2, "audit": 3}


def default() -> StaticEmbedder:
    embedder = load_embedder(DEFAULT_MODEL)
    assert embedder is not None
    return embedder


def tiny_model(folder: Path, matrix: np.ndarray | None = None) -> Path:
    """A Model2Vec-style folder: a word-level tokenizer and one embedding matrix (one axis per word)."""
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer = Tokenizer(WordLevel(VOCABULARY, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = WhitespaceSplit()
    tokenizer.save(str(folder / "tokenizer.json"))
    if matrix is None:
        matrix = np.zeros((len(VOCABULARY), 3), dtype=np.float32)
        matrix[1, 0] = matrix[2, 1] = matrix[3, 2] = 1.0
    save_file({"embeddings": matrix}, str(folder / "model.safetensors"))
    return folder


def tiny(folder: Path, matrix: np.ndarray | None = None) -> StaticEmbedder:
    embedder = load_embedder(str(tiny_model(folder, matrix)))
    assert embedder is not None
    return embedder


def cosine(embedder: StaticEmbedder, a: str, b: str) -> float:
    rows = embedder.embed([a, b])
    return float(rows[0] @ rows[1])


def test_the_bundled_model_gives_one_unit_float32_row_per_text() -> None:
    embedder = default()
    rows = embedder.embed(["Local SEO audits for cafés", "I need a logo", "Je cherche un comptable"])
    assert embedder.dims == 256
    assert rows.dtype == np.float32
    assert rows.shape == (3, 256)
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)
    assert embedder.model_id.startswith("wordllama:l2_supercat:256:")


def test_an_empty_text_gives_a_zero_row() -> None:
    rows = default().embed(["", "bookkeeping"])
    assert not rows[0].any()
    assert rows[1].any()


def test_a_paraphrase_is_closer_than_an_unrelated_text() -> None:
    embedder = default()
    need = "I need help with my bookkeeping and taxes"
    paraphrase = cosine(embedder, need, "Can someone sort out my accounts and tax return")
    unrelated = cosine(embedder, need, "My cat likes to sleep on the sofa")
    assert paraphrase > unrelated + 0.2, (paraphrase, unrelated)


def test_no_model_means_matching_by_vocabulary_alone() -> None:
    assert load_embedder("none") is None


@pytest.mark.parametrize("setup", ["missing", "empty", "no weights", "two weights"])
def test_a_folder_that_is_not_a_model_says_what_to_set(tmp_path: Path, setup: str) -> None:
    folder = tmp_path / setup.replace(" ", "-")
    if setup != "missing":
        folder.mkdir()
    if setup in ("no weights", "two weights"):
        tiny_model(tmp_path / "source")
        (folder / "tokenizer.json").write_bytes((tmp_path / "source" / "tokenizer.json").read_bytes())
    if setup == "two weights":
        for name in ("a.safetensors", "b.safetensors"):
            save_file({"embeddings": np.eye(4, dtype=np.float32)}, str(folder / name))
    with pytest.raises(ModelNotFound, match="KINDRED_EMBEDDING_MODEL") as raised:
        load_embedder(str(folder))
    assert str(folder) in str(raised.value)


def test_weights_with_more_than_one_matrix_are_refused(tmp_path: Path) -> None:
    folder = tiny_model(tmp_path / "model")
    matrix = np.eye(4, dtype=np.float32)
    save_file({"embeddings": matrix, "other": matrix}, str(folder / "model.safetensors"))
    with pytest.raises(ModelNotFound, match="exactly one 2-D embedding matrix"):
        load_embedder(str(folder))


def test_a_local_static_model_averages_its_token_vectors(tmp_path: Path) -> None:
    embedder = tiny(tmp_path / "model")
    rows = embedder.embed(["seo", "seo audit", ""])
    assert embedder.dims == 3
    assert embedder.model_id.startswith("static:")
    assert rows.tolist()[0] == [1.0, 0.0, 0.0]
    assert np.allclose(rows[1], [2**-0.5, 0.0, 2**-0.5])
    assert not rows[2].any()


def test_the_model_id_follows_the_weights_not_the_folder(tmp_path: Path) -> None:
    first = tiny(tmp_path / "first")
    same = tiny(tmp_path / "same")
    changed_matrix = np.eye(len(VOCABULARY), 3, dtype=np.float32)
    changed = tiny(tmp_path / "changed", changed_matrix)
    assert first.model_id == same.model_id
    assert changed.model_id != first.model_id
    assert changed.model_id != default().model_id


def test_a_text_of_unknown_words_gives_a_zero_row(tmp_path: Path) -> None:
    matrix = np.eye(len(VOCABULARY), 3, dtype=np.float32) + 0.5  # [UNK] has a vector, as in Model2Vec
    assert not tiny(tmp_path / "model", matrix).embed(["xyzzy plugh"])[0].any()


def test_the_text_key_changes_with_the_text_and_the_model(tmp_path: Path) -> None:
    bundled, local = default(), tiny(tmp_path / "model")
    key = text_key(bundled, "SEO audits", "for cafés")
    assert text_key(bundled, "SEO audits", "for cafés") == key
    assert text_key(bundled, "SEO audit", "for cafés") != key
    assert text_key(bundled, "SEO audits", "for cafes") != key
    assert text_key(bundled, "SEO audits for", "cafés") != key  # where the headline ends counts
    assert text_key(local, "SEO audits", "for cafés") != key


def test_stored_vectors_round_trip_within_a_thousandth() -> None:
    rows = default().embed(["Local SEO audits", "Bookkeeping for freelancers"])
    for row in rows:
        data = to_bytes(row)
        back = from_bytes(data)
        assert len(data) == 2 * len(row)
        assert back.dtype == np.float16, "kept in half precision: half the memory"
        assert np.abs(back.astype(np.float32) - row).max() < 1e-3
    stored = [from_bytes(to_bytes(row)).astype(np.float32) for row in rows]
    assert abs(float(stored[0] @ stored[1]) - float(rows[0] @ rows[1])) < 1e-3, "cosines barely move"


def test_entry_vectors_are_unit_rows_that_weigh_details_less(tmp_path: Path) -> None:
    embedder = tiny(tmp_path / "model")
    seo, cats = embedder.embed(["seo", "cats"])
    rows = entry_vectors(embedder, ["seo", "seo", ""], ["cats", "   ", ""])
    assert np.allclose(np.linalg.norm(rows[:2], axis=1), 1.0)
    assert not rows[2].any()
    assert np.allclose(rows[1], seo), "blank details leave the headline alone"
    headline, details = float(rows[0] @ seo), float(rows[0] @ cats)
    assert details > 0
    assert headline > details
    assert details / headline == pytest.approx(DETAILS_WEIGHT)


def test_entry_vectors_of_the_bundled_model_are_unit_rows() -> None:
    rows = entry_vectors(default(), ["Local SEO audits", "Logo design"], ["Google Business Profile", ""])
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-5)


def test_the_background_is_computed_once_per_model() -> None:
    embedder = default()
    first = background(embedder)
    assert background(embedder) is first
    assert first.shape == (embedder.dims,)
    assert first.dtype == np.float32
    assert np.isfinite(first).all()
    assert np.linalg.norm(first) > 0
