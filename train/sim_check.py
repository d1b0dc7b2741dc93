"""Do the simulated camera photos carry residual statistics like the real camera originals?

Compares, for the genuine photos of the training and validation splits as delivered (after laundering) and for
the same sources before any laundering chain ('as-written' PNG/JPEG only), the per-photo medians of the residual
features of camera crops, simulated camera photos and web photos: their quartiles, and the slope of the fine
noise level against texture. Printed as a table for docs/edits.md.

Run: /usr/bin/python3 train/sim_check.py
"""
import numpy as np

from dataset import Split

KEYS = ['d1.level', 'd2.level', 'kb.level', 'mid.level', 'chroma.level', 'chroma.zero', 'd2.h0', 'cooc.4', 'grid.h']


def main():
    rows = []
    names = None
    for split in ('train', 'val'):
        ds = Split(split)
        names = ds.names
        for i, r in enumerate(ds.images):
            if r['label'] != 0:
                continue
            x, g, t, v, _ = ds.get(i)
            F = ds.F
            med = g[:F]
            ab = x[:F].reshape(F, -1)
            tex = ab[names.index('texture')]
            lvl = ab[names.index('d2.level')]
            slope = np.polyfit(tex, lvl, 1)[0] if tex.std() > 1e-6 else 0.0
            rows.append((r['kind'], r['chain'] == 'as-written', med, slope))
    print(f"{'feature':14s}" + ''.join(f'{k + (" raw" if raw else ""):>24s}' for k in ('camera', 'sim', 'web') for raw in (True, False)))
    for key in KEYS:
        j = names.index(key)
        line = f'{key:14s}'
        for kind in ('camera', 'sim', 'web'):
            for raw in (True, False):
                vals = [m[j] for k, w, m, _ in rows if k == kind and (w if raw else not w)]
                q = np.quantile(vals, [0.25, 0.5, 0.75]) if vals else [np.nan] * 3
                line += f'{q[0]:8.3f}{q[1]:8.3f}{q[2]:8.3f}'
        print(line)
    line = f"{'slope d2/tex':14s}"
    for kind in ('camera', 'sim', 'web'):
        for raw in (True, False):
            vals = [s for k, w, _, s in rows if k == kind and (w if raw else not w)]
            q = np.quantile(vals, [0.25, 0.5, 0.75]) if vals else [np.nan] * 3
            line += f'{q[0]:8.3f}{q[1]:8.3f}{q[2]:8.3f}'
    print(line)
    for kind in ('camera', 'sim', 'web'):
        print(kind, 'photos:', sum(1 for k, *_ in rows if k == kind))


if __name__ == '__main__':
    main()
