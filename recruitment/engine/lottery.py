"""A verifiable draw among equally suited applicants, in the spirit of RFC 3797.

Published before the draw: the ordered list of candidates (application references), this algorithm's
version, and where the public value will come from, e.g. "the numbers drawn at the council meeting on
12 June". Once the value is known, anyone can re-run the draw and must get the same order:

    seed  = SHA-256( UTF-8( NFC( public value, stripped, runs of whitespace made one space ) ) )
    order = []
    for i in 0 .. n-1:
        h = SHA-256( seed || i as 4 bytes big-endian )
        order.append( remaining.pop( int(h, big-endian) mod (n - i) ) )

where `remaining` starts as the published list, in its published order. The modulo bias is below 2^-200
for any real list. From the command line (no Django needed):

    python -m recruitment.lottery "7 12 23 31 40 / 3 18" APP-0001 APP-0002 APP-0003

What not to do: Decidim's sortitions seed with the roll of a die times a timestamp. That seed is small
(six faces times a few thousand plausible seconds), guessable, and chosen after the candidates are
known: whoever rolls and clicks can try again until the order suits them. Here the value comes from an
event nobody on the committee controls, fixed in advance, and SHA-256 spreads every bit of it.
"""

from __future__ import annotations

import hashlib
import sys
import unicodedata
from collections.abc import Sequence

ALGORITHM_VERSION = "samskab-draw-1"


def normalise(public_value: str) -> str:
    # NFC: "ø" typed as one character or as "o" + combining stroke is the same value.
    return " ".join(unicodedata.normalize("NFC", public_value).split())


def seed_from_public_value(public_value: str) -> bytes:
    value = normalise(public_value)
    if not value:
        raise ValueError("the public value is empty: a draw needs an unpredictable seed")
    return hashlib.sha256(value.encode("utf-8")).digest()


def draw(candidates: Sequence[str], public_value: str) -> list[str]:
    """The full random order of `candidates`, reproducible from the list and the public value."""
    if len(set(candidates)) != len(candidates):
        raise ValueError("the candidate list names someone twice")
    seed = seed_from_public_value(public_value)
    remaining = list(candidates)
    order = []
    for i in range(len(remaining)):
        h = hashlib.sha256(seed + i.to_bytes(4, "big")).digest()
        order.append(remaining.pop(int.from_bytes(h, "big") % len(remaining)))
    return order


def main(argv: Sequence[str]) -> int:
    if len(argv) < 1:
        print('usage: python -m recruitment.lottery "<public value>" REF1 REF2 ...', file=sys.stderr)
        return 2
    public_value, *candidates = argv
    print(f"# {ALGORITHM_VERSION}, public value {normalise(public_value)!r}")
    print(f"# seed {seed_from_public_value(public_value).hex()}")
    for position, candidate in enumerate(draw(candidates, public_value), start=1):
        print(position, candidate)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
