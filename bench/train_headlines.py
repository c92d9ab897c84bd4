"""Does a learned headline chooser generalise better than the hand rules? (issue #4)

Every page's candidate wordings come from :func:`pipelines.headline_rank.generate`; a
conditional-logit model (softmax over one page's candidates, L2-penalised, fitted by
Newton's method in numpy) learns which one is the headline from generic features.

Protocol: grouped cross-validation over publishers. The 258 fundus pages and the 11
hk-pages articles are grouped by publisher ("country/publisher"; hk-pages by its
publisher field); groups are dealt at random into 10 folds, and every page is scored by a
model trained on the other 9 folds only, so never on its own publisher. Repeated over
several shuffles of the groups (``--seeds``); the mean is the figure to quote. The rules
(``choose_headline``) are fixed, so their per-page result is just their output.

Compared under the same folds and pages:
* ``rules``    - pipelines.headline.choose_headline, as shipped;
* ``learned``  - the model on features that do not include the rules' answer;
* ``stacked``  - the same with "this is the rules' answer" as two more features;
* ``override`` - the rules' answer unless the ``learned`` model gives another candidate a
  probability of at least tau; tau (and every model's L2 penalty) is chosen by an inner
  grouped CV on the training folds only.

Then ``--split`` figures: train on the fundus dev half (+ hk-pages), score the held-out
half (the bench/headlines.py split), for every variant.

    /work/venv/bin/python bench/train_headlines.py             # CV + dev->held-out
    /work/venv/bin/python bench/train_headlines.py --seeds 5
    /work/venv/bin/python bench/train_headlines.py --dev-misses   # dev-half misses only

Reads ../shared/data through bench/headlines.py; never writes into the repository.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from headlines import cases, norm  # noqa: E402

from pipelines.headline import choose_headline  # noqa: E402
from pipelines.headline_rank import FEATURES, generate  # noqa: E402
from pipelines.titles import title_candidates  # noqa: E402

RULE_FEATURES = ("rule", "rule_key")
LAMBDAS = (0.3, 1.0, 3.0, 10.0)
TAUS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)


@dataclass
class Page:
    corpus: str
    name: str
    group: str
    expected: str
    texts: list[str]
    x: np.ndarray          # candidates x features
    label: int             # index of the expected wording, -1 if no candidate has it
    rule: str


def load_pages() -> list[Page]:
    pages = []
    for corpus, name, expected, html in cases():
        cands = title_candidates(html)
        gen = generate(cands)
        texts = [c.text for c in gen]
        x = np.array([[c.features[f] for f in FEATURES] for c in gen], dtype=float)
        label = next((i for i, t in enumerate(texts) if norm(t) == norm(expected)), -1)
        if corpus == "hk-pages":
            group = "hk/" + name.split("_")[0]  # files are named "<publisher>_<kind>.html"
        else:
            group = name.split("_")[0]  # "<country>/<Publisher>"
        pages.append(Page(corpus, name, group, expected, texts, x.reshape(len(texts), -1),
                          label, choose_headline(cands)))
    return pages


# --------------------------------------------------------------------------------------
# The model
# --------------------------------------------------------------------------------------

@dataclass
class Model:
    mean: np.ndarray
    scale: np.ndarray
    w: np.ndarray

    def scores(self, x: np.ndarray) -> np.ndarray:
        return ((x - self.mean) / self.scale) @ self.w

    def probs(self, x: np.ndarray) -> np.ndarray:
        s = self.scores(x)
        e = np.exp(s - s.max())
        return e / e.sum()


def fit(pages: list[Page], cols: np.ndarray, lam: float, iters: int = 30) -> Model:
    """Conditional logit: maximise sum log softmax(x @ w)[label] - lam/2 |w|^2."""
    train = [p for p in pages if p.label >= 0 and len(p.texts) > 1]
    allx = np.vstack([p.x[:, cols] for p in train])
    mean, scale = allx.mean(0), allx.std(0)
    scale[scale == 0] = 1.0
    xs = [(p.x[:, cols] - mean) / scale for p in train]
    w = np.zeros(len(cols))
    for _ in range(iters):
        grad = -lam * w
        hess = lam * np.eye(len(cols))
        for x, p in zip(xs, train, strict=True):
            s = x @ w
            e = np.exp(s - s.max())
            pr = e / e.sum()
            mu = pr @ x
            grad += x[p.label] - mu
            xc = x - mu
            hess += (xc * pr[:, None]).T @ xc
        step = np.linalg.solve(hess, grad)
        w += step
        if np.abs(step).max() < 1e-8:
            break
    return Model(mean, scale, w)


def pick(model: Model, page: Page, cols: np.ndarray) -> tuple[str, float]:
    pr = model.probs(page.x[:, cols])
    i = int(pr.argmax())
    return page.texts[i], float(pr[i])


def correct(page: Page, text: str) -> bool:
    return norm(text) == norm(page.expected)


# --------------------------------------------------------------------------------------
# Grouped cross-validation
# --------------------------------------------------------------------------------------

def folds_of(pages: list[Page], k: int, seed: int) -> list[int]:
    groups = sorted({p.group for p in pages})
    random.Random(seed).shuffle(groups)
    fold = {g: i % k for i, g in enumerate(groups)}
    return [fold[p.group] for p in pages]


def inner_choice(train: list[Page], cols: np.ndarray, seed: int,
                 k: int = 5) -> tuple[float, list[tuple[float, str, str]]]:
    """Best L2 penalty by inner grouped CV; also the out-of-fold (prob, pick, rule)
    triples under it, for choosing the override threshold."""
    folds = folds_of(train, k, seed + 1000)
    best: tuple[int, float, list[tuple[float, str, str]]] | None = None
    for lam in LAMBDAS:
        hits, oof = 0, []
        for f in range(k):
            model = fit([p for p, g in zip(train, folds, strict=True) if g != f], cols, lam)
            for p, g in zip(train, folds, strict=True):
                if g == f:
                    text, prob = pick(model, p, cols)
                    hits += correct(p, text)
                    oof.append((prob, text, p.rule, p))
        if best is None or hits > best[0]:
            best = (hits, lam, oof)
    assert best is not None
    return best[1], best[2]


def best_tau(oof: list) -> float:
    def acc(tau: float) -> int:
        return sum(correct(p, text if prob >= tau and text != rule else rule)
                   for prob, text, rule, p in oof)
    return max(TAUS, key=lambda t: (acc(t), t))


def evaluate(train: list[Page], test: list[Page], seed: int) -> dict[str, list[bool]]:
    """Per-variant hit lists on ``test`` for models trained on ``train``."""
    plain = np.array([i for i, f in enumerate(FEATURES) if f not in RULE_FEATURES])
    every = np.arange(len(FEATURES))
    lam_plain, oof = inner_choice(train, plain, seed)
    tau = best_tau(oof)
    lam_every, _ = inner_choice(train, every, seed)
    learned = fit(train, plain, lam_plain)
    stacked = fit(train, every, lam_every)
    out: dict[str, list[bool]] = {"rules": [], "learned": [], "stacked": [], "override": []}
    for p in test:
        out["rules"].append(correct(p, p.rule))
        text, prob = pick(learned, p, plain) if p.texts else ("", 0.0)
        out["learned"].append(correct(p, text))
        out["override"].append(correct(p, text if prob >= tau and text != p.rule else p.rule))
        out["stacked"].append(correct(p, pick(stacked, p, every)[0] if p.texts else ""))
    print(f"    lambda learned={lam_plain} stacked={lam_every} tau={tau}", file=sys.stderr)
    return out


def cross_validate(pages: list[Page], k: int, seed: int) -> dict[str, np.ndarray]:
    folds = folds_of(pages, k, seed)
    hits: dict[str, np.ndarray] = {}
    for f in range(k):
        test_idx = [i for i, g in enumerate(folds) if g == f]
        train = [p for p, g in zip(pages, folds, strict=True) if g != f]
        res = evaluate(train, [pages[i] for i in test_idx], seed)
        for variant, ok in res.items():
            arr = hits.setdefault(variant, np.zeros(len(pages), dtype=bool))
            arr[test_idx] = ok
    return hits


def report(pages: list[Page], hits: dict[str, np.ndarray], title: str) -> None:
    corpora = ("fundus-dev", "fundus-held-out", "fundus-all", "hk-pages", "all")
    print(f"\n{title}")
    print(f"{'variant':10} " + " ".join(f"{c:>16}" for c in corpora))
    for variant, ok in hits.items():
        cells = []
        for c in corpora:
            mask = np.array([c == "all" or p.corpus == c or
                             (c == "fundus-all" and p.corpus.startswith("fundus"))
                             for p in pages])
            if mask.any():
                cells.append(f"{ok[mask].mean():7.1%} ({ok[mask].sum():3d}/{mask.sum():3d})")
        print(f"{variant:10} " + " ".join(f"{c:>16}" for c in cells))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3, help="shuffles of the publisher folds")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--dev-misses", action="store_true",
                    help="print learned-model misses on the fundus dev half (dev->dev CV)")
    args = ap.parse_args()
    pages = load_pages()
    inb = np.array([p.label >= 0 for p in pages])
    print(f"pages {len(pages)}, publishers {len({p.group for p in pages})}, "
          f"candidates/page {np.mean([len(p.texts) for p in pages]):.1f}")
    report(pages, {"upper": inb}, "upper bound: expected title among the candidates")

    if args.dev_misses:
        dev = [p for p in pages if p.corpus == "fundus-dev"]
        hits = cross_validate(dev, args.folds, 0)
        plain = np.array([i for i, f in enumerate(FEATURES) if f not in RULE_FEATURES])
        model = fit(dev, plain, 1.0)
        for p, ok in zip(dev, hits["learned"], strict=True):
            if not ok:
                print(f"MISS {p.name}\n  expected {norm(p.expected)}\n  rule     {p.rule}")
                pr = model.probs(p.x[:, plain])
                for i in np.argsort(-pr):
                    print(f"   {pr[i]:.2f} {'*' if i == p.label else ' '} {p.texts[i]}")
        report(dev, hits, "dev-only grouped CV")
        return

    runs = []
    for seed in range(args.seeds):
        hits = cross_validate(pages, args.folds, seed)
        runs.append(hits)
        report(pages, hits, f"grouped {args.folds}-fold CV by publisher, shuffle {seed}")
    print("\nmean over shuffles (all 269 pages):")
    for variant in runs[0]:
        accs = [r[variant].mean() for r in runs]
        print(f"  {variant:10} {np.mean(accs):.1%}  (min {min(accs):.1%}, max {max(accs):.1%})")

    train = [p for p in pages if p.corpus in ("fundus-dev", "hk-pages")]
    test = [p for p in pages if p.corpus == "fundus-held-out"]
    res = evaluate(train, test, 0)
    print("\ntrained on fundus dev + hk-pages, scored on fundus held-out:")
    for variant, ok in res.items():
        print(f"  {variant:10} {np.mean(ok):.1%} ({sum(ok)}/{len(ok)})")


if __name__ == "__main__":
    main()
