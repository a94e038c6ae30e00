"""Where the configured sentence-embedding model's files are, checked without loading them.

The settings check runs before every command, so it stays light: no numpy, no tokenizers. It finds the
files and reads the weights' header (a safetensors file starts with a JSON table of its tensors), which is
enough to refuse a folder that is not a static model. `bot.matching.embeddings` loads what this finds.
"""

import importlib.util
import json
import struct
from dataclasses import dataclass
from pathlib import Path

DEFAULT_MODEL = "wordllama:l2_supercat"
NO_MODEL = "none"
WORDLLAMA_MODEL = ("l2_supercat", 256)  # the configuration and dimensions of the bundled model
WORDLLAMA_MATRIX = "embedding.weight"
HEADER_LIMIT = 100_000_000  # safetensors' own limit on the size of a header


class ModelNotFound(ValueError):
    """The configured embedding model is not installed or not readable (the message says what to fix)."""


@dataclass(frozen=True)
class ModelFiles:
    weights: Path  # a .safetensors file
    matrix: str  # the name of the embedding matrix inside it
    tokenizer: Path  # a tokenizers JSON file
    name: str  # how the model id begins: "static", or the wordllama configuration


def locate(name: str) -> ModelFiles | None:
    """The files of the model a setting names; None for `none`. Raises ModelNotFound with what to fix."""
    if name == NO_MODEL:
        return None
    if name == DEFAULT_MODEL:
        return _wordllama(*WORDLLAMA_MODEL)
    return _static_folder(Path(name).expanduser())


def _wordllama(config: str, dims: int) -> ModelFiles:
    """WordLlama's bundled model, found in its wheel without importing the package (importing `wordllama`
    would set up logging for the whole process, and its loader looks for the tokenizer in the wrong
    folder)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ModelNotFound("the wordllama package is not installed: pip install wordllama")
    package = Path(next(iter(spec.submodule_search_locations)))
    weights = package / "weights" / f"{config}_{dims}.safetensors"
    tokenizer = package / "tokenizers" / f"{config}_tokenizer_config.json"
    if not weights.exists() or not tokenizer.exists():
        raise ModelNotFound(f"the wordllama package has no bundled {config} model ({dims} dimensions)")
    version = spec.parent or "wordllama"
    return ModelFiles(weights, WORDLLAMA_MATRIX, tokenizer, f"{version}:{config}:{dims}")


def _static_folder(folder: Path) -> ModelFiles:
    tokenizer = folder / "tokenizer.json"
    weights = sorted(folder.glob("*.safetensors"))
    if not folder.is_dir() or not tokenizer.exists() or len(weights) != 1:
        raise ModelNotFound(
            f"{folder} is not a static embedding model: expected a folder with tokenizer.json and one "
            "*.safetensors file (or set KINDRED_EMBEDDING_MODEL to wordllama:l2_supercat or none)"
        )
    matrices = [tensor for tensor, shape in _tensor_shapes(weights[0]).items() if len(shape) == 2]
    if len(matrices) != 1:
        raise ModelNotFound(f"{weights[0]} should hold exactly one 2-D embedding matrix")
    return ModelFiles(weights[0], matrices[0], tokenizer, "static")


def _tensor_shapes(weights: Path) -> dict[str, list[int]]:
    """Each tensor's shape, from the file's header: 8 bytes of length, then that much JSON."""
    try:
        with weights.open("rb") as file:
            (length,) = struct.unpack("<Q", file.read(8))
            if length > HEADER_LIMIT:
                raise ValueError("header too large")
            header = json.loads(file.read(length))
        return {name: list(entry["shape"]) for name, entry in header.items() if name != "__metadata__"}
    except (OSError, ValueError, KeyError, TypeError, AttributeError, struct.error):
        raise ModelNotFound(f"{weights} is not a readable safetensors file") from None
