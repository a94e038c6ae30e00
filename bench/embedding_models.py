"""Which sentence-embedding model finds helpers best, by plain cosine (no vocabulary, no tuning).

    .venv/bin/python -m bench.embedding_models                       # TF-IDF and WordLlama at 256/128/64
    other-venv/bin/python -m bench.embedding_models --minilm FOLDER  # a sentence-transformers model too

For each labelled need, every active offer of another member who gets digests is ranked by the cosine of
need text and offer text (description and details); a member counts by their best offer. Reported: the share
of needs with a right helper among the top 3 members (good helpers only, and good or acceptable ones), and
the time to embed 1,000 texts. The MiniLM row needs torch and sentence-transformers, which Kindred does not
install: run it from a separate environment with a local copy of the model.
"""

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

DATA = Path(__file__).resolve().parent.parent / "tests" / "matching" / "data"
SETS = ("eval", "realistic_tune")
Embed = Callable[[list[str]], np.ndarray]


def text(entry: dict) -> str:
    return f"{entry.get('description', '')} {entry.get('details', '')}".strip()


def recall(name: str, embed: Embed) -> tuple[float, float]:
    community = json.loads((DATA / f"{name}_community.json").read_text())
    labels = json.loads((DATA / f"{name}_labels.json").read_text())
    receiving = [
        m
        for m in community["members"]
        if m.get("status", "active") == "active" and m.get("digest_cadence") != "off"
    ]
    offers = [
        (m["user_id"], text(o))
        for m in receiving
        for o in m["offers"]
        if o.get("status", "active") == "active"
    ]
    needs = {(m["user_id"], n["description"]): text(n) for m in community["members"] for n in m["needs"]}
    offer_vectors = _unit(embed([t for _, t in offers]))
    good_hits = good_total = any_hits = any_total = 0
    for label in labels["can_help"]:
        good, right = set(label["helpers"]), set(label["helpers"]) | set(label.get("acceptable", []))
        if not right:
            continue
        scores = offer_vectors @ _unit(embed([needs[(label["user_id"], label["need"])]]))[0]
        best: dict[str, float] = {}
        for (owner, _), score in zip(offers, scores.tolist(), strict=True):
            if owner != label["user_id"]:
                best[owner] = max(best.get(owner, -1.0), score)
        top = set(sorted(best, key=lambda owner: -best[owner])[:3])
        any_total, any_hits = any_total + 1, any_hits + bool(top & right)
        if good:
            good_total, good_hits = good_total + 1, good_hits + bool(top & good)
    return good_hits / good_total, any_hits / any_total


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)


def models(minilm: str | None) -> dict[str, Embed]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    from bot.matching.embeddings import DEFAULT_MODEL, StaticEmbedder, load_embedder

    corpus = [
        text(e)
        for name in SETS
        for m in json.loads((DATA / f"{name}_community.json").read_text())["members"]
        for e in (*m["offers"], *m["needs"])
    ]
    tfidf = TfidfVectorizer(ngram_range=(1, 2), stop_words="english", sublinear_tf=True).fit(corpus)
    found: dict[str, Embed] = {"TF-IDF": lambda texts: tfidf.transform(texts).toarray()}
    wordllama = load_embedder(DEFAULT_MODEL)
    assert isinstance(wordllama, StaticEmbedder)
    for dims in (256, 128, 64):
        truncated = StaticEmbedder(f"truncated {dims}", wordllama.matrix[:, :dims], wordllama.tokenizer)
        found[f"WordLlama l2_supercat {dims}"] = truncated.embed
    if minilm:
        from sentence_transformers import SentenceTransformer

        model = SentenceTransformer(minilm)
        found["all-MiniLM-L6-v2"] = lambda texts: model.encode(texts, convert_to_numpy=True)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minilm", help="folder of a local sentence-transformers model")
    args = parser.parse_args()
    print(
        "| model | "
        + " | ".join(f"{name}: good / good+acceptable" for name in SETS)
        + " | ms per 1,000 texts |"
    )
    print("|---|" + "---:|" * (len(SETS) + 1))
    sample = ["I need someone to look at my bookkeeping before the tax deadline, receipts everywhere"] * 1000
    for label, embed in models(args.minilm).items():
        figures = [recall(name, embed) for name in SETS]
        started = time.perf_counter()
        embed(sample)
        milliseconds = (time.perf_counter() - started) * 1000
        cells = " | ".join(f"{good:.2f} / {both:.2f}" for good, both in figures)
        print(f"| {label} | {cells} | {milliseconds:,.0f} |", flush=True)


if __name__ == "__main__":
    main()
