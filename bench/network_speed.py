"""The network analysis behind the dashboard's picture: clusters, isolated members and bridges.

Builds a community's network as Kindred would see it after a few years (members in interest groups, most
intros inside a group, some across; a fifth of members never introduced) and times `bot.stats.network.
analyse`, which the dashboard runs once per digest period, not per request.

    .venv/bin/python -m bench.network_speed [--members 10000 100000] [--ties-per-member 1.5]

On the 2-core machine (2026-12-07), igraph's multilevel clustering took 2.5 s for 100,000 members and
150,000 ties where networkx's `louvain_communities` took 30 s on the same graph: hence igraph.
"""

import argparse
import json
import random
import time

from bench.machine import machine
from bot.stats.network import analyse

GROUP_SIZE = 500  # members per interest group
ACROSS = 0.1  # share of intros between groups


def community(members: int, ties_per_member: float, seed: int = 7) -> tuple[list[int], list[tuple[int, int]]]:
    rng = random.Random(seed)
    ids = list(range(1, members + 1))
    introduced = [m for m in ids if rng.random() > 0.2]
    groups: dict[int, list[int]] = {}
    for member in introduced:
        groups.setdefault(rng.randrange(max(1, members // GROUP_SIZE)), []).append(member)
    group_of = {m: g for g, people in groups.items() for m in people}
    ties = []
    for _ in range(int(members * ties_per_member)):
        a = rng.choice(introduced)
        b = rng.choice(introduced) if rng.random() < ACROSS else rng.choice(groups[group_of[a]])
        ties.append((a, b))
    return ids, ties


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--ties-per-member", type=float, default=1.5)
    args = parser.parse_args()
    print(json.dumps(machine()))
    print("| members | ties | clusters | isolated | bridges | seconds |")
    print("|---:|---:|---:|---:|---:|---:|")
    for members in args.members:
        ids, ties = community(members, args.ties_per_member)
        started = time.perf_counter()
        network = analyse(ids, ties)
        seconds = time.perf_counter() - started
        print(
            f"| {members:,} | {network.ties:,} | {len(network.sizes):,} | {len(network.isolated):,} "
            f"| {len(network.bridges):,} | {seconds:.2f} |"
        )


if __name__ == "__main__":
    main()
