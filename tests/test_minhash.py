"""MinHash in 64-bit numpy arithmetic gives exactly the plain formula's signature."""

import random

import pytest

from pipelines import dedup


def plain_minhash(hashes: list[int]) -> list[int]:
    xs = [h % dedup._PRIME for h in hashes]
    return [min((a * x + b) % dedup._PRIME for x in xs) for a, b in dedup._COEFFS] if xs else []


_rng = random.Random(7)


@pytest.mark.parametrize(
    "hashes",
    [
        [],
        [0],
        [dedup._PRIME - 1],  # largest residue
        [dedup._PRIME, 2 * dedup._PRIME],  # residue 0
        [(1 << 64) - 1, 1 << 63, (1 << 32) - 1, 1 << 32],  # half-word boundaries
        [_rng.getrandbits(64) for _ in range(3000)],
        [-5, 1 << 70, 3],  # not 64-bit hashes: reduced by Python instead
    ],
    ids=["empty", "zero", "p-1", "multiples-of-p", "boundaries", "random-3000", "wide"],
)
def test_minhash_equals_the_plain_formula(hashes):
    assert dedup.minhash(hashes) == plain_minhash(hashes)


def test_minhash_of_real_text_shingles():
    text = " ".join(f"word{i % 97} item{i}" for i in range(400))
    hashes = dedup.hashed_shingles(text)
    assert dedup.minhash(hashes) == plain_minhash(hashes)
    assert all(isinstance(v, int) for v in dedup.minhash(hashes))


@pytest.mark.parametrize("residue", [0, 1, 7, dedup._PRIME - 1])
def test_minhash_reduces_fully_near_the_modulus(residue):
    # x chosen so that (a*x + b) mod P is exactly `residue` for one permutation each: the
    # 64-bit reduction must land on it, not on residue + P.
    p = dedup._PRIME
    xs = [((residue - b) * pow(a, -1, p)) % p for a, b in dedup._COEFFS]
    for k, x in enumerate(xs):
        signature = dedup.minhash([x])
        assert signature == plain_minhash([x])
        assert signature[k] == residue
