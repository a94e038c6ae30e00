"""Sentence embeddings from a static (token-embedding) model that ships inside a pip package.

A static model is a token-embedding matrix and a tokenizer: a text's vector is the average of its tokens'
vectors, normalised to length 1. It runs offline on a CPU in microseconds a text, with no torch.

The default is WordLlama's `l2_supercat` model (256 dimensions), whose weights and tokenizer come inside
the `wordllama` wheel. `KINDRED_EMBEDDING_MODEL` can point Kindred at another local static model instead:
a folder holding `tokenizer.json` and one `.safetensors` file with the embedding matrix (the Model2Vec
layout), or `none` to match by the curated vocabulary alone. Nothing is ever downloaded.
"""

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Protocol

import numpy as np
from safetensors.numpy import load_file
from tokenizers import Tokenizer

# DEFAULT_MODEL, NO_MODEL and ModelNotFound live in model_files (the settings check reads them without
# numpy) and are re-exported here, where callers have always imported them.
from bot.matching.model_files import DEFAULT_MODEL as DEFAULT_MODEL  # noqa: PLC0414
from bot.matching.model_files import NO_MODEL as NO_MODEL  # noqa: PLC0414
from bot.matching.model_files import ModelFiles, locate
from bot.matching.model_files import ModelNotFound as ModelNotFound  # noqa: PLC0414

BATCH = 256
UNKNOWN_TOKENS = ("[UNK]", "<unk>")  # an unknown word says nothing: it gets no vector


class Embedder(Protocol):
    @property
    def model_id(self) -> str:
        """Names the model and its weights: a stored vector is reused only under the same id."""
        ...

    @property
    def dims(self) -> int: ...

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One float32 row a text, each of length 1 (all zeros for a text with no known token)."""
        ...


@dataclass(frozen=True)
class StaticEmbedder:
    model_id: str
    matrix: np.ndarray  # (vocabulary, dims) float32
    tokenizer: Tokenizer

    @property
    def dims(self) -> int:
        return int(self.matrix.shape[1])

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        out = np.zeros((len(texts), self.dims), dtype=np.float32)
        unknown = [i for i in (self.tokenizer.token_to_id(t) for t in UNKNOWN_TOKENS) if i is not None]
        for start in range(0, len(texts), BATCH):
            batch = [text.strip() for text in texts[start : start + BATCH]]
            encoded = self.tokenizer.encode_batch(batch, add_special_tokens=False)
            for row, tokens in enumerate(encoded, start=start):
                if not batch[row - start]:
                    continue  # nothing written: no vector (whitespace has a token of its own)
                ids = np.asarray(tokens.ids, dtype=np.int64)
                ids = ids[(ids >= 0) & (ids < self.matrix.shape[0]) & ~np.isin(ids, unknown)]
                if len(ids):
                    out[row] = self.matrix[ids].mean(axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        np.divide(out, norms, out=out, where=norms > 0)
        return out


@cache
def load_embedder(name: str) -> StaticEmbedder | None:
    """The model a setting names (loaded once a process); None for `none`. Raises ModelNotFound with what
    to fix."""
    found = locate(name)
    return None if found is None else _load(found)


def _load(found: ModelFiles) -> StaticEmbedder:
    matrix = load_file(str(found.weights))[found.matrix].astype(np.float32)
    return StaticEmbedder(f"{found.name}:{_digest(found.weights)}", matrix, _tokenizer(found.tokenizer))


def _tokenizer(path: Path) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(path))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


def _digest(path: Path) -> str:
    """A short fingerprint of the weights, so changed weights under the same name are re-embedded."""
    with path.open("rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:12]


DETAILS_WEIGHT = 0.6  # the supporting text counts, but the headline says what it is about
RECIPE = f"details {DETAILS_WEIGHT}"  # part of each stored vector's key: a new recipe re-embeds


def background(embedder: Embedder) -> np.ndarray:
    """The direction every text of a Slack community shares, whatever it is about: the mean vector of the
    sample community's entries. Subtracting it leaves what a text says that others don't."""
    found = _BACKGROUNDS.get(embedder.model_id)
    if found is None:
        found = _BACKGROUNDS[embedder.model_id] = _mean_of_sample(embedder)
    return found


_BACKGROUNDS: dict[str, np.ndarray] = {}


def _mean_of_sample(embedder: Embedder) -> np.ndarray:
    sample = json.loads(files("bot").joinpath("data/demo_community.json").read_text(encoding="utf-8"))
    texts = [
        " ".join(str(entry.get(field, "")) for field in ("name", "description", "details"))
        for member in sample["members"]
        for kind in ("offers", "needs", "projects")
        for entry in member.get(kind, [])
    ]
    return np.asarray(embedder.embed(texts).mean(axis=0), dtype=np.float32)


def text_key(embedder: Embedder, main: str, details: str) -> str:
    """What a stored vector was computed from: the model and the exact text. A change to either re-embeds."""
    source = "\x00".join((embedder.model_id, RECIPE, main, details))
    return hashlib.sha256(source.encode()).hexdigest()[:32]


def entry_vectors(embedder: Embedder, mains: Sequence[str], details: Sequence[str]) -> np.ndarray:
    """One vector per entry: its headline and, weighed less, its details (averaging them as one text
    would let a long description drown the headline)."""
    vectors = embedder.embed(list(mains))
    with_details = [row for row, text in enumerate(details) if text.strip()]
    if with_details:
        extra = embedder.embed([details[row] for row in with_details])
        vectors[with_details] += DETAILS_WEIGHT * extra
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        np.divide(vectors, norms, out=vectors, where=norms > 0)
    return vectors


def to_bytes(vector: np.ndarray) -> bytes:
    """Stored as little-endian float16: half the space, and cosines move by less than 0.001."""
    return np.asarray(vector, dtype="<f2").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    """A stored vector, kept in half precision (matrices built from many of them are float32)."""
    return np.frombuffer(data, dtype="<f2")
