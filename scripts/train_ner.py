"""Rebuild the NER model (issue #13) from the MSRA training split; prints dev scores per label.

    python scripts/train_ner.py [--data ../shared/ner/msra_train.bio] [--out src/pxextract/models/ner.crfsuite]
    python scripts/train_ner.py --augment-orgs 10000 [--augment-news 0:5000 | --augment-dump A.pkl …]

Characters are width-folded as the pipeline folds its input; the last 10 % of the sentences
after a shuffle with a fixed seed are held out as dev (never trained on). Never pass the MSRA
test split or People's Daily 1998 here (../shared/ner/README.md).

``--augment-orgs N`` adds N copies of training sentences (never dev) with one ORG span replaced by
a modern organisation name (pxextract.ner_augment): the rules' ORG lists, plus the pipeline's ORG
names on news lines ``--augment-news A:B`` (run here) or in newsdump pickles ``--augment-dump``.
Only news lines 0–4999 may be used (5000–9999 and the recall sets are the unseen evaluation).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pxextract import ner_augment
from pxextract.ner import MODEL_PATH, NerModel, read_bio, score, split_dev, train

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "ner" / "msra_train.bio"))
    ap.add_argument("--out", default=str(MODEL_PATH))
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--dev-fraction", type=float, default=0.1)
    ap.add_argument("--max-train", type=int, default=0, help="train on the first N training sentences only (0: all)")
    ap.add_argument("--iterations", type=int, default=120)
    ap.add_argument("--c1", type=float, default=0.05)
    ap.add_argument("--c2", type=float, default=0.01)
    ap.add_argument("--scores", default="", help="write the dev scores as JSON to this file")
    ap.add_argument("--augment-orgs", type=int, default=0, help="add N entity-replaced training sentences (0: none)")
    ap.add_argument("--augment-seed", type=int, default=13)
    ap.add_argument("--augment-news", default="", help="A:B — also the pipeline's ORG names of news lines [A, B) (B <= 5000)")
    ap.add_argument("--augment-dump", nargs="*", default=[], help="newsdump pickles of news lines 0–4999 instead of --augment-news")
    ap.add_argument("--augment-mentions", type=int, default=2, help="news ORG names found this many times (0: legal-form names only)")
    ap.add_argument("--augment-latin", action="store_true", help="keep names with Latin letters (default: Han names only)")
    ap.add_argument("--news", default=str(ROOT.parent / "shared" / "corpus-news" / "news2023.jsonl"))
    args = ap.parse_args()

    sents = read_bio(args.data)
    tr, dev = split_dev(sents, args.dev_fraction, args.seed)
    if args.max_train:
        tr = tr[: args.max_train]
    print(f"{len(sents)} sentences: {len(tr)} train, {len(dev)} dev (seed {args.seed})")
    if args.augment_orgs:
        names = ner_augment.rule_org_names()
        source = f"{len(names)} rule names (gazetteers/org.tsv, org_aliases.tsv, brands.tsv brand)"
        records: list = []
        if args.augment_news:
            a, b = (int(x) for x in args.augment_news.split(":"))
            if b > 5000:
                ap.error("--augment-news: only news lines 0–4999 may be used")
            records = list(ner_augment.pipeline_records(args.news, a, b))
            where = f"news lines {a}–{b - 1}"
        elif args.augment_dump:
            import pickle

            for path in args.augment_dump:
                with open(path, "rb") as f:
                    records += [(t, s) for t, s in pickle.load(f).values()]
            where = ", ".join(args.augment_dump)
        if records:
            news = ner_augment.news_org_names(records, args.augment_mentions or 10**9)
            source += f" + {len(news)} pipeline ORG names of {len(records)} articles ({where})"
            names = sorted(set(names) | set(news))
        if not args.augment_latin:
            names = [n for n in names if not ner_augment.has_latin(n)]
            source += ", Latin-letter names left out"
        extra = ner_augment.augment(tr, names, args.augment_orgs, seed=args.augment_seed)
        print(f"augmented: +{len(extra)} sentences (seed {args.augment_seed}), {len(names)} names: {source}")
        tr = tr + extra
    t = time.perf_counter()
    out = train(tr, args.out, c1=args.c1, c2=args.c2, iterations=args.iterations)
    print(f"trained in {time.perf_counter() - t:.0f} s → {out} ({out.stat().st_size / 1e6:.1f} MB)")
    model = NerModel(out)
    t = time.perf_counter()
    scores = score(model, dev)
    secs = time.perf_counter() - t
    nchars = sum(len(s[0]) for s in dev)
    print(f"dev: {nchars} chars tagged (features + segmentation + Viterbi) at {nchars / secs:,.0f} chars/s")
    print(f"{'label':6} {'P':>6} {'R':>6} {'F1':>6} {'support':>8}")
    for lab, s in scores.items():
        print(f"{lab:6} {s['p']:6.3f} {s['r']:6.3f} {s['f']:6.3f} {s['support']:8d}")
    if args.scores:
        Path(args.scores).write_text(json.dumps({"model_sha": model.hash, "train": len(tr), "dev": len(dev),
                                                 "seed": args.seed, "scores": scores}, indent=1))


if __name__ == "__main__":
    main()
