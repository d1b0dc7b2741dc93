"""Inventory of the genuine source photos and their split (train / val / test).

Sources: ../shared/train-photos (camera-original crops, split by camera model; web/app photos, split by
sub-source, clothing by file). The corpus camera/ and products/ photos are never sources: they stay unseen, for the
false-positive figures of bench/edits.ts. Simulated camera photos (camera_sim.py) are added as sources of the
split their content came from.

Run: /usr/bin/python3 train/sources.py   → $EDITS_DATA/sources.json
"""
import csv
import hashlib
import json

from config import CAMERA_SPLIT, CLOTHING_FRACTIONS, DATA, TRAIN_PHOTOS, WEB_SPLIT


def _unit(s: str) -> float:
    """A stable number in [0, 1) from a string (split by file without a random state)."""
    return int(hashlib.sha256(s.encode()).hexdigest()[:8], 16) / 2**32


def inventory():
    rows = list(csv.DictReader(open(TRAIN_PHOTOS / 'MANIFEST.tsv'), delimiter='\t'))
    out = []
    for r in rows:
        f = r['file']
        if f.startswith('web/'):
            group = f.split('/')[1]
            split = next((s for s, gs in WEB_SPLIT.items() if group in gs), None)
            if group == 'clothing':
                u = _unit(f)
                split = 'train' if u < CLOTHING_FRACTIONS['train'] else 'val' if u < CLOTHING_FRACTIONS['train'] + CLOTHING_FRACTIONS['val'] else 'test'
            if split is None:
                raise SystemExit(f'web group {group} has no split in config.WEB_SPLIT')
            kind, camera = 'web', ''
        else:
            camera = f"{r['make']} {r['model']}".strip()
            split = next((s for s, cams in CAMERA_SPLIT.items() if camera in cams), 'train')
            kind, group = 'camera', f.split('/')[0]
        sid = ('web-' if kind == 'web' else 'cam-') + f.replace('/', '-').rsplit('.', 1)[0]
        out.append({'id': sid, 'path': str(TRAIN_PHOTOS / f), 'kind': kind, 'group': group, 'camera': camera,
                    'split': split, 'license': r['license']})
    return out


def main():
    DATA.mkdir(parents=True, exist_ok=True)
    src = inventory()
    (DATA / 'sources.json').write_text(json.dumps(src, indent=1))
    for s in ('train', 'val', 'test'):
        n = [x for x in src if x['split'] == s]
        print(f"{s}: {len(n)} photos ({sum(x['kind'] == 'camera' for x in n)} camera crops, {sum(x['kind'] == 'web' for x in n)} web)")


if __name__ == '__main__':
    main()
