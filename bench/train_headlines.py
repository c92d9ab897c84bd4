"""Does a learned headline chooser generalise better than the hand rules? (issue #4)

Every page's candidate wordings come from ``bench/headline_features.py``; a
conditional-logit model (softmax over one page's candidates, L2-penalised, fitted by
Newton's method in numpy) learns from generic features which one is the headline.

Protocol: grouped cross-validation over publishers. The 258 fundus pages and the 11
hk-pages articles are grouped by publisher ("country/publisher"; hk-pages by the file
name's publisher prefix); the groups are dealt at random into 10 folds and every page is
scored by a model trained on the other 9 folds only, never on its own publisher. Repeated
over several shuffles of the groups (``--seeds``); the mean is the figure to quote. The
rules (``choose_headline``) are fixed, so their per-page result is just their output.

Compared under the same folds and pages:
* ``rules``    - pipelines.headline.choose_headline, as on main;
* ``learned``  - the model on the features that do not include the rules' answer;
* ``stacked``  - the model with "this is the rules' answer" as two more features;
* ``override`` - the rules' answer unless ``learned`` gives another wording a probability
  of at least tau;
* ``tiebreak`` - the rules' answer unless several wordings tie for the most supporting
  fields; then ``learned``'s best among those.
Every L2 penalty and tau is chosen by an inner grouped 5-fold CV on the training folds.

Then the existing split: trained on the fundus dev half only, scored on the fundus
held-out half (bench/headlines.py's split).

    .venv/bin/python bench/train_headlines.py --seeds 5      # CV, then dev->held-out
    .venv/bin/python bench/train_headlines.py --dev-only     # CV inside the dev half
    .venv/bin/python bench/train_headlines.py --dev-only --show-misses

``--curve`` prints a learning curve (the learned variant trained on 25-100% of the
training folds' publishers). ``--dev-only`` never touches held-out pages (for feature design); ``--keep f1,f2,...``
restricts the features, ``--pairs`` adds products of the field-support indicators.
Reads ../shared/data through bench/headlines.py; writes nothing.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from headline_features import FEATURES, RULE_FEATURES, Model, fit, generate, matrix  # noqa: E402
from headlines import cases, norm  # noqa: E402

from pipelines.headline import choose_headline  # noqa: E402
from pipelines.titles import title_candidates  # noqa: E402

LAMBDAS = (0.3, 1.0, 3.0, 10.0)
TAUS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
PAIR_FIELDS = ("og", "twitter", "jsonld", "itemprop", "h1", "title")


@dataclass
class Page:
    corpus: str
    name: str
    group: str
    expected: str
    texts: list[str]
    x: np.ndarray          # candidates x columns
    label: int             # index of the expected wording; -1 when no candidate has it
    rule: str              # the rules' answer


@dataclass
class Columns:
    names: list[str]       # column names of Page.x
    plain: np.ndarray      # columns of the learned model
    every: np.ndarray      # columns of the stacked model


def load_pages(keep: Sequence[str] = (), pairs: bool = False) -> tuple[list[Page], Columns]:
    names = list(FEATURES)
    if pairs:
        names += [f"key_{a}*key_{b}" for i, a in enumerate(PAIR_FIELDS)
                  for b in PAIR_FIELDS[i + 1:]]
    pages = []
    for corpus, name, expected, html in cases():
        cands = title_candidates(html)
        gen = generate(cands)
        x = matrix(gen)
        if pairs:
            col = {f: x[:, FEATURES.index(f"key_{f}")] for f in PAIR_FIELDS}
            x = np.hstack([x, np.array([col[a] * col[b] for i, a in enumerate(PAIR_FIELDS)
                                        for b in PAIR_FIELDS[i + 1:]]).T.reshape(len(gen), -1)])
        texts = [c.text for c in gen]
        label = next((i for i, t in enumerate(texts) if norm(t) == norm(expected)), -1)
        group = ("hk/" + name.split("_")[0].split(".")[0] if corpus == "hk-pages"
                 else name.split("_")[0])  # fundus files are "<country>/<Publisher>_<date>"
        pages.append(Page(corpus, name, group, expected, texts, x, label,
                          choose_headline(cands)))
    usable = [i for i, n in enumerate(names) if not keep or n in keep or "*" in n]
    plain = np.array([i for i in usable if names[i] not in RULE_FEATURES])
    every = np.array(sorted(set(usable) | {names.index(n) for n in RULE_FEATURES}))
    return pages, Columns(names, plain, every)


# --------------------------------------------------------------------------------------
# Choosing with a model
# --------------------------------------------------------------------------------------

def train(pages: Sequence[Page], cols: np.ndarray, lam: float) -> Model:
    return fit([(p.x[:, cols], p.label) for p in pages], lam)


def pick(model: Model, page: Page, cols: np.ndarray) -> tuple[str, float]:
    if not page.texts:
        return "", 0.0
    pr = model.probs(page.x[:, cols])
    i = int(pr.argmax())
    return page.texts[i], float(pr[i])


def tiebreak(model: Model, page: Page, cols: np.ndarray, top: int) -> str:
    """The rules' answer, unless several wordings tie for the most supporting fields:
    then the model's best among those."""
    tied = np.flatnonzero(page.x[:, top] == 1.0) if page.texts else np.array([], dtype=int)
    if len({norm(page.texts[i]).casefold() for i in tied}) < 2:
        return page.rule
    scores = model.scores(page.x[tied][:, cols])
    return page.texts[int(tied[int(scores.argmax())])]


def correct(page: Page, text: str) -> bool:
    return norm(text) == norm(page.expected)


# --------------------------------------------------------------------------------------
# Grouped cross-validation
# --------------------------------------------------------------------------------------

def folds_of(pages: Sequence[Page], k: int, seed: int) -> list[int]:
    groups = sorted({p.group for p in pages})
    random.Random(seed).shuffle(groups)
    fold = {g: i % k for i, g in enumerate(groups)}
    return [fold[p.group] for p in pages]


def inner_choice(pages: list[Page], cols: np.ndarray, seed: int,
                 k: int = 5) -> tuple[float, list[tuple[float, str, Page]]]:
    """The L2 penalty with the most hits in an inner grouped CV of ``pages``, and the
    out-of-fold (probability, pick, page) under it, to choose the override threshold."""
    folds = folds_of(pages, k, seed + 1000)
    best: tuple[int, float, list[tuple[float, str, Page]]] = (-1, 0.0, [])
    for lam in LAMBDAS:
        hits, oof = 0, []
        for f in range(k):
            model = train([p for p, g in zip(pages, folds, strict=True) if g != f], cols, lam)
            for p, g in zip(pages, folds, strict=True):
                if g == f:
                    text, prob = pick(model, p, cols)
                    hits += correct(p, text)
                    oof.append((prob, text, p))
        if hits > best[0]:
            best = (hits, lam, oof)
    return best[1], best[2]


def override(page: Page, text: str, prob: float, tau: float) -> str:
    return text if prob >= tau and text != page.rule else page.rule


def evaluate(train_pages: list[Page], test: list[Page], cols: Columns,
             seed: int) -> dict[str, list[bool]]:
    """Per-variant hits on ``test`` of models trained on ``train_pages`` only."""
    lam_plain, oof = inner_choice(train_pages, cols.plain, seed)
    tau = max(TAUS, key=lambda t: (sum(correct(p, override(p, x, pr, t))
                                       for pr, x, p in oof), t))
    lam_every, _ = inner_choice(train_pages, cols.every, seed)
    learned = train(train_pages, cols.plain, lam_plain)
    stacked = train(train_pages, cols.every, lam_every)
    top = cols.names.index("key_top")
    out: dict[str, list[bool]] = {v: [] for v in
                                  ("rules", "learned", "stacked", "override", "tiebreak")}
    for p in test:
        text, prob = pick(learned, p, cols.plain)
        out["rules"].append(correct(p, p.rule))
        out["learned"].append(correct(p, text))
        out["stacked"].append(correct(p, pick(stacked, p, cols.every)[0]))
        out["override"].append(correct(p, override(p, text, prob, tau)))
        out["tiebreak"].append(correct(p, tiebreak(learned, p, cols.plain, top)))
    return out


def cross_validate(pages: list[Page], cols: Columns, k: int, seed: int,
                   fraction: float = 1.0) -> dict[str, np.ndarray]:
    """Per-page hits of every variant, each page scored by models trained on the other
    folds; ``fraction`` < 1 trains on that share of the other folds' publishers only."""
    folds = folds_of(pages, k, seed)
    hits: dict[str, np.ndarray] = {}
    for f in range(k):
        test_idx = [i for i, g in enumerate(folds) if g == f]
        train_pages = [p for p, g in zip(pages, folds, strict=True) if g != f]
        if fraction < 1.0:
            groups = sorted({p.group for p in train_pages})
            random.Random(seed * 100 + f).shuffle(groups)
            kept = set(groups[:max(1, round(fraction * len(groups)))])
            train_pages = [p for p in train_pages if p.group in kept]
        res = evaluate(train_pages, [pages[i] for i in test_idx], cols, seed)
        for variant, ok in res.items():
            hits.setdefault(variant, np.zeros(len(pages), dtype=bool))[test_idx] = ok
    return hits


# --------------------------------------------------------------------------------------
# Reports
# --------------------------------------------------------------------------------------

CORPORA = ("fundus-dev", "fundus-held-out", "fundus-all", "hk-pages", "all")


def in_corpus(page: Page, corpus: str) -> bool:
    return corpus in (page.corpus, "all") or (
        corpus == "fundus-all" and page.corpus.startswith("fundus"))


def table(pages: list[Page], hits: dict[str, np.ndarray], title: str) -> None:
    print(f"\n{title}")
    print(f"{'variant':10} " + " ".join(f"{c:>17}" for c in CORPORA))
    for variant, ok in hits.items():
        cells = []
        for c in CORPORA:
            mask = np.array([in_corpus(p, c) for p in pages])
            cells.append(f"{ok[mask].mean():6.1%} ({ok[mask].sum():3d}/{mask.sum():3d})"
                         if mask.any() else "-")
        print(f"{variant:10} " + " ".join(f"{c:>17}" for c in cells))


def dev_only(pages: list[Page], cols: Columns, args: argparse.Namespace) -> None:
    dev = [p for p in pages if p.corpus == "fundus-dev"]
    accs: dict[str, list[float]] = {}
    for seed in range(args.seeds):
        hits = cross_validate(dev, cols, args.folds, seed)
        for v, ok in hits.items():
            accs.setdefault(v, []).append(float(ok.mean()))
        if args.show_misses and seed == 0:
            model = train(dev, cols.plain, 1.0)  # in-sample probabilities, for reading
            for p, ok in zip(dev, hits["learned"], strict=True):
                if ok:
                    continue
                print(f"MISS {p.name}\n  expected {norm(p.expected)}\n  rules    {p.rule}")
                pr = model.probs(p.x[:, cols.plain])
                for i in np.argsort(-pr):
                    print(f"   {pr[i]:.2f} {'*' if i == p.label else ' '} {p.texts[i]}")
    print(f"dev-only grouped CV ({len(dev)} pages), mean of {args.seeds} shuffles: "
          + ", ".join(f"{v} {np.mean(a):.1%}" for v, a in accs.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seeds", type=int, default=3, help="shuffles of the publisher folds")
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--dev-only", action="store_true",
                    help="grouped CV inside the fundus dev half only")
    ap.add_argument("--show-misses", action="store_true", help="with --dev-only")
    ap.add_argument("--keep", default="", help="comma-separated features to use")
    ap.add_argument("--pairs", action="store_true", help="add field-pair products")
    ap.add_argument("--curve", action="store_true",
                    help="learned accuracy against the amount of training publishers")
    args = ap.parse_args()
    pages, cols = load_pages([k for k in args.keep.split(",") if k], args.pairs)
    print(f"pages {len(pages)}, publishers {len({p.group for p in pages})}, candidates/page "
          f"{np.mean([len(p.texts) for p in pages]):.1f}, features {len(cols.plain)}")
    table(pages, {"upper": np.array([p.label >= 0 for p in pages])},
          "upper bound: the expected title is among the candidates")
    if args.dev_only:
        dev_only(pages, cols, args)
        return
    if args.curve:
        held = np.array([p.corpus == "fundus-held-out" for p in pages])
        print("\nlearning curve: share of the training folds' publishers used "
              f"(mean of {args.seeds} shuffles; all pages | held-out-half pages)")
        for fraction in (0.25, 0.5, 0.75, 1.0):
            curve = [cross_validate(pages, cols, args.folds, seed, fraction)["learned"]
                     for seed in range(args.seeds)]
            print(f"  {fraction:4.0%}  {np.mean([r.mean() for r in curve]):.1%} | "
                  f"{np.mean([r[held].mean() for r in curve]):.1%}")
        return

    runs = []
    for seed in range(args.seeds):
        runs.append(cross_validate(pages, cols, args.folds, seed))
        table(pages, runs[-1], f"grouped {args.folds}-fold CV by publisher, shuffle {seed}")
    held = np.array([p.corpus == "fundus-held-out" for p in pages])
    rules = runs[0]["rules"]
    print(f"\nmean of {args.seeds} shuffles: all {len(pages)} pages (min, max) | held-out-half "
          "pages | pages won/lost against the rules")
    for variant in runs[0]:
        accs = [r[variant].mean() for r in runs]
        won = np.mean([(r[variant] & ~rules).sum() for r in runs])
        lost = np.mean([(~r[variant] & rules).sum() for r in runs])
        print(f"  {variant:10} {np.mean(accs):.1%} ({min(accs):.1%}, {max(accs):.1%}) | "
              f"{np.mean([r[variant][held].mean() for r in runs]):.1%} | +{won:.1f} -{lost:.1f}")

    res = evaluate([p for p in pages if p.corpus == "fundus-dev"],
                   [p for p in pages if p.corpus == "fundus-held-out"], cols, 0)
    print("\ntrained on the fundus dev half only, scored on the fundus held-out half "
          "(won/lost against the rules):")
    for variant, ok in res.items():
        won = sum(a and not b for a, b in zip(ok, res["rules"], strict=True))
        lost = sum(b and not a for a, b in zip(ok, res["rules"], strict=True))
        print(f"  {variant:10} {np.mean(ok):.1%} ({sum(ok)}/{len(ok)})  +{won} -{lost}")


if __name__ == "__main__":
    main()
