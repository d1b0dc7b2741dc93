"""Diagnostics of a trained model on the validation split (not part of the rebuild): window-level separability,
the image-level pooling, and the importance of each feature group (the validation local/regen AUC when the group
is replaced by its training mean). Used to choose the design and to prune features for speed (docs/edits.md).

Run: /usr/bin/python3 train/analyse_val.py [model.pt]
"""
import sys

import numpy as np
import torch

import train_model as T
from config import DATA
from dataset import Split


class St:
    def __init__(self, d):
        self.xm, self.xs, self.gm, self.gs = d['xm'], d['xs'], d['gm'], d['gs']

    def apply(self, x, g):
        return (x - self.xm[:, None, None]) / self.xs[:, None, None], (g - self.gm) / self.gs


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else str(DATA / 'model-full-both.pt')
    d = torch.load(path)
    va = Split('val')
    model = T.Net(va.F, va.C, d['arch'], d['inputs'])
    model.load_state_dict(d['state'])
    model.eval()
    st = St(d)
    names = va.names
    groups = {}
    for j, n in enumerate(names):
        groups.setdefault(n.split('.')[0] if '.' in n else n, []).append(j)

    def run(drop=None):
        scores, wins = [], []
        with torch.no_grad():
            for i in range(len(va)):
                x, g, t, v, r = va.get(i)
                x, g = st.apply(x, g)
                if drop is not None:
                    x = x.copy()
                    for j in drop:
                        x[j] = 0
                        x[j + va.F] = 0
                    g = g.copy()
                    g[drop] = 0
                    g[[j + va.F for j in drop]] = 0
                X, G, V = (torch.from_numpy(np.ascontiguousarray(a, dtype=np.float32))[None] for a in (x, g, v))
                logit, reg = model(X, G, V)
                lg = logit[0].numpy()
                scores.append((r, float(T.topk_mean(logit[0], V[0])), float(reg[0]), lg, t))
        gen = [s for s in scores if s[0]['label'] == 0]
        loc = [s for s in scores if s[0]['label'] == 1 and not s[0]['frame']]
        fr = [s for s in scores if s[0]['frame']]
        a_loc = T.auc([s[1] for s in loc], [s[1] for s in gen])
        a_reg = T.auc([s[2] for s in fr], [s[2] for s in gen])
        return a_loc, a_reg, scores, gen, loc

    a_loc, a_reg, scores, gen, loc = run()
    print(f'baseline: local AUC {a_loc:.3f} regen AUC {a_reg:.3f}')
    # Window level: edited windows (t >= 0.5) of edited photos vs all windows of genuine photos.
    pos = np.concatenate([s[3][s[4] >= 0.5] for s in loc])
    neg = np.concatenate([s[3].ravel() for s in gen])
    inside_other = np.concatenate([s[3][s[4] < 0.05] for s in loc])
    print(f'window AUC edited vs genuine-photo windows {T.auc(pos, neg[::7]):.3f}; edited vs unedited windows of the same photos {T.auc(pos, inside_other[::7]):.3f}')
    # Oracle pooling: mean logit over the true edited windows vs the genuine photos' top-k.
    oracle = [float(s[3][s[4] >= 0.5].mean()) for s in loc if (s[4] >= 0.5).any()]
    print(f'oracle (mean over true edited windows) vs genuine top-k: AUC {T.auc(oracle, [s[1] for s in gen]):.3f}; n {len(oracle)}/{len(loc)} edited photos have a window >= 0.5 edited')
    for pool in ('max', 'top1', 'top5'):
        def f(lg):
            flat = np.sort(lg.ravel())
            if pool == 'max':
                return flat[-1]
            k = max(1, int(len(flat) * (0.01 if pool == 'top1' else 0.05)))
            return flat[-k:].mean()
        print(f'pooling {pool}: AUC {T.auc([f(s[3]) for s in loc], [f(s[3]) for s in gen]):.3f}')
    for gname, idx in groups.items():
        if gname in ('brightness', 'clipped'):
            continue
        l, r_, *_ = run(idx)
        print(f'without {gname:10s} ({len(idx):2d} features): local AUC {l:.3f} ({l - a_loc:+.3f}) regen AUC {r_:.3f} ({r_ - a_reg:+.3f})')


if __name__ == '__main__':
    main()
