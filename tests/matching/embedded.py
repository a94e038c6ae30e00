"""A community as the digest sees it when an embedding model is configured: every entry and profile with its
sentence vector, computed the way the stored ones are (bot.vectors)."""

from dataclasses import replace

from bot.matching.embeddings import DEFAULT_MODEL, background, entry_vectors, load_embedder
from bot.matching.model import Community


def embedded(community: Community) -> Community:
    embedder = load_embedder(DEFAULT_MODEL)
    assert embedder is not None

    def vectors(pairs: list[tuple[str, str]]) -> list:
        return list(entry_vectors(embedder, [main for main, _ in pairs], [extra for _, extra in pairs]))

    people = vectors([(person.title, person.bio) for person in community.people])
    offers = vectors([(offer.description, offer.details) for offer in community.offers])
    needs = vectors([(need.description, need.details) for need in community.needs])
    projects = vectors([(f"{p.name}. {p.description}", p.help_wanted) for p in community.projects])
    return Community(
        people=tuple(replace(p, vector=v) for p, v in zip(community.people, people, strict=True)),
        offers=tuple(replace(o, vector=v) for o, v in zip(community.offers, offers, strict=True)),
        needs=tuple(replace(n, vector=v) for n, v in zip(community.needs, needs, strict=True)),
        projects=tuple(replace(p, vector=v) for p, v in zip(community.projects, projects, strict=True)),
        background=background(embedder),
        embedder=embedder,
    )
