"""Generate the edited and genuine photos of one split, with their masks and laundering chains.

Per source photo (deterministic: the random state is seeded by the source id and variant index):
- train / val: 2 genuine copies through two training chains, 3 edits of training families through training chains;
- test: 1 genuine copy through a training chain and 1 through the held-out chain (webp), 5 edits drawn from every
  family (held-out ones included) through training chains, and 1 edit of a training family through the held-out
  chain.
cv2 chains are run here; sharp chains are written as lossless PNG + job for train/launder.ts.

Run: /usr/bin/python3 train/generate.py <split> [--limit N]  -> $EDITS_DATA/gen/<split>/
"""
import hashlib
import json
import sys
import time

import cv2
import numpy as np

import families as F
import launder as L
from config import DATA, FRAME_FAMILIES, HELD_OUT_FAMILIES, LOCAL_FAMILIES, MAX_SOURCE_SIDE, SEED

TRAIN_FAMILY_WEIGHTS = {'regen-resample': 0.15, 'denoise-regrain': 0.15, 'ae-decoder': 0.15, 'damage': 0.25,
                        'copy-move': 0.1, 'frame-ae': 0.07, 'frame-resample': 0.07, 'frame-denoise': 0.06}
ALL_FAMILIES = LOCAL_FAMILIES + FRAME_FAMILIES


def rng_for(*parts) -> np.random.Generator:
    h = hashlib.sha256(('/'.join(map(str, parts)) + f'/{SEED}').encode()).digest()
    return np.random.default_rng(int.from_bytes(h[:8], 'little'))


def load_source(s, rng):
    img = cv2.imread(s['path'], cv2.IMREAD_COLOR)
    h, w = img.shape[:2]
    if max(h, w) > MAX_SOURCE_SIDE:
        # Crop (never resize) on the 8-px grid so the source's own JPEG grid stays aligned.
        cw, ch = min(w, 768), min(h, 768)
        x = int(rng.integers(0, (w - cw) // 8 + 1)) * 8
        y = int(rng.integers(0, (h - ch) // 8 + 1)) * 8
        img = img[y:y + ch, x:x + cw]
    return np.ascontiguousarray(img)


def visible(mask, before, after):
    """Keep the label only where the edit changed something: pixels within ~3 px of a change of at least 2
    levels. Paint that vanished (an overlay on black) or a regenerated patch of a clipped area leaves no trace
    to learn from, and labelling it would teach the model noise."""
    diff = np.abs(after.astype(np.int16) - before.astype(np.int16)).max(2)
    near = cv2.GaussianBlur((diff >= 2).astype(np.float32), (0, 0), 3) > 0.1
    return mask * near


def plan(split, rng):
    """(family or None for genuine, chain name) per variant."""
    if split in ('train', 'val'):
        names = list(TRAIN_FAMILY_WEIGHTS)
        p = np.array([TRAIN_FAMILY_WEIGHTS[n] for n in names])
        fams = [names[i] for i in rng.choice(len(names), 3, replace=False, p=p / p.sum())]
        return [(None, None), (None, None)] + [(f, None) for f in fams]
    fams = [ALL_FAMILIES[i] for i in rng.choice(len(ALL_FAMILIES), 5, replace=False)]
    trainable = [f for f in ALL_FAMILIES if f not in HELD_OUT_FAMILIES]
    return [(None, None), (None, 'webp')] + [(f, None) for f in fams] + [(trainable[int(rng.integers(len(trainable)))], 'webp')]


def main():
    split = sys.argv[1]
    limit = int(sys.argv[sys.argv.index('--limit') + 1]) if '--limit' in sys.argv else None
    sources = [s for s in json.loads((DATA / 'sources.json').read_text()) if s['split'] == split]
    if split == 'test':
        sources = [s for s in sources if s['kind'] != 'sim']
    sources = sources[:limit]
    out = DATA / 'gen' / split
    (out / 'pre').mkdir(parents=True, exist_ok=True)
    jobs = []
    t0 = time.time()
    for si, s in enumerate(sources):
        r0 = rng_for(s['id'], 'source')
        img = load_source(s, r0)
        for vi, (family, chain_name) in enumerate(plan(split, r0)):
            rng = rng_for(s['id'], vi)
            h, w = img.shape[:2]
            if family is None:
                edited, mask, whole = img, np.zeros((h, w), np.float32), False
            else:
                donor = None
                if family == 'splice':
                    others = [o for o in sources if o['id'] != s['id']]
                    donor = load_source(others[int(rng.integers(len(others)))], rng)
                edited, mask, whole = F.apply(family, img, rng, donor)
                mask = visible(mask, img, edited)
            chain = L.sample_chain(chain_name, w, h, rng) if chain_name else L.draw_training_chain(w, h, rng)
            vid = f"{s['id']}-{vi}-{family or 'genuine'}"
            job = {'id': vid, 'source': s['id'], 'kind': s['kind'], 'split': split, 'label': 0 if family is None else 1,
                   'family': family or 'genuine', 'frame': bool(whole), 'chain': chain,
                   'file': f"{vid}.{L.extension(chain)}", 'mask': f'{vid}.mask.png', 'editedArea': float(mask.mean())}
            m8 = np.clip(mask * 255 + 0.5, 0, 255).astype(np.uint8)
            if chain['engine'] == 'cv2':
                data, fm = L.run_cv2(chain, edited, mask)
                (out / job['file']).write_bytes(data)
                cv2.imwrite(str(out / job['mask']), np.clip(fm * 255 + 0.5, 0, 255).astype(np.uint8))
            else:
                cv2.imwrite(str(out / 'pre' / f'{vid}.png'), edited, [cv2.IMWRITE_PNG_COMPRESSION, 0])
                cv2.imwrite(str(out / 'pre' / f'{vid}.mask.png'), m8)
                job['pre'] = f'pre/{vid}.png'
                job['preMask'] = f'pre/{vid}.mask.png'
            jobs.append(job)
        if si % 20 == 19 or si == len(sources) - 1:
            print(f'{split}: {si + 1}/{len(sources)} sources, {len(jobs)} images ({time.time() - t0:.0f} s)', flush=True)
    with open(out / 'jobs.jsonl', 'w') as f:
        for j in jobs:
            f.write(json.dumps(j) + '\n')


if __name__ == '__main__':
    main()
