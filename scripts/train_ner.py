"""Rebuild the NER model (issue #13) from the MSRA training split; prints dev scores per label.

    python scripts/train_ner.py [--data ../shared/ner/msra_train.bio] [--out src/pxextract/models/ner.crfsuite]

Characters are width-folded as the pipeline folds its input; the last 10 % of the sentences
after a shuffle with a fixed seed are held out as dev (never trained on). Never pass the MSRA
test split or People's Daily 1998 here (../shared/ner/README.md).
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

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
    args = ap.parse_args()

    sents = read_bio(args.data)
    tr, dev = split_dev(sents, args.dev_fraction, args.seed)
    if args.max_train:
        tr = tr[: args.max_train]
    print(f"{len(sents)} sentences: {len(tr)} train, {len(dev)} dev (seed {args.seed})")
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
