"""Read the feature dumps of train/features.ts ($EDITS_DATA/feats/<split>.{bin,json})."""
import json

import numpy as np

from config import DATA


class Split:
    def __init__(self, split: str):
        meta = json.loads((DATA / 'feats' / f'{split}.json').read_text())
        self.F = meta['features']
        self.names = meta['names']
        self.C = len(meta['conditioned'])
        self.images = meta['images']
        self.data = np.fromfile(DATA / 'feats' / f'{split}.bin', dtype='<f4')

    def __len__(self):
        return len(self.images)

    def get(self, i):
        """[abs, rel, cond] as (2F + C, rows, cols), global (2F,), target (rows, cols), valid (rows, cols), record."""
        r = self.images[i]
        F, C, n = self.F, self.C, r['rows'] * r['cols']
        o = r['offset']
        d = self.data
        ab = d[o:o + n * F].reshape(r['rows'], r['cols'], F)
        o += n * F
        rel = d[o:o + n * F].reshape(r['rows'], r['cols'], F)
        o += n * F
        cond = d[o:o + n * C].reshape(r['rows'], r['cols'], C)
        o += n * C
        g = d[o:o + 2 * F]
        o += 2 * F
        t = d[o:o + n].reshape(r['rows'], r['cols'])
        o += n
        v = d[o:o + n].reshape(r['rows'], r['cols'])
        x = np.concatenate([ab, rel, cond], 2).transpose(2, 0, 1)
        return x, g, t, v, r
