"""Edit-region masks: where an editor changes a photo. Float32 in [0, 1] with feathered edges.

Shapes: an irregular blob (an ellipse with a wavy rim), a union of 2-4 blobs, a thick brush stroke, or a rounded
rectangle (a selection box), covering 1.5-25 % of the photo (log-uniform), anywhere but biased to the centre where
the product is.
"""
import cv2
import numpy as np


def region_mask(h: int, w: int, rng, area: float | None = None) -> np.ndarray:
    if area is None:
        area = float(np.exp(rng.uniform(np.log(0.015), np.log(0.25))))
    canvas = np.zeros((h, w), np.uint8)
    kind = rng.choice(['blob', 'blobs', 'stroke', 'rect'], p=[0.45, 0.2, 0.2, 0.15])
    target = area * h * w
    cx, cy = w * rng.uniform(0.2, 0.8), h * rng.uniform(0.2, 0.8)
    if kind == 'blob':
        _blob(canvas, cx, cy, np.sqrt(target / np.pi), rng)
    elif kind == 'blobs':
        k = int(rng.integers(2, 5))
        for _ in range(k):
            _blob(canvas, cx + rng.normal(0, 0.08) * w, cy + rng.normal(0, 0.08) * h, np.sqrt(target / k / np.pi) * 1.2, rng)
    elif kind == 'stroke':
        thick = max(4, int(np.sqrt(target) * rng.uniform(0.2, 0.45)))
        length = target / thick
        pts, ang = [], rng.uniform(0, 2 * np.pi)
        x, y = cx, cy
        for _ in range(8):
            pts.append((x, y))
            ang += rng.normal(0, 0.5)
            x += np.cos(ang) * length / 7
            y += np.sin(ang) * length / 7
        cv2.polylines(canvas, [np.array(pts, np.int32)], False, 255, thick, cv2.LINE_AA)
    else:
        aspect = rng.uniform(0.5, 2.0)
        bw, bh = np.sqrt(target * aspect), np.sqrt(target / aspect)
        x0, y0 = int(cx - bw / 2), int(cy - bh / 2)
        cv2.rectangle(canvas, (x0, y0), (int(x0 + bw), int(y0 + bh)), 255, -1)
    m = canvas.astype(np.float32) / 255
    feather = rng.uniform(0, 6) * np.sqrt(area * h * w) / 100
    if feather > 0.5:
        m = cv2.GaussianBlur(m, (0, 0), feather)
        m = np.clip(m * 1.3, 0, 1)
    if m.max() < 0.5:  # drawn off-image: fall back to a central blob
        return region_mask(h, w, rng, area) if area > 0.01 else m
    return m


def _blob(canvas, cx, cy, r, rng):
    n = 48
    t = np.linspace(0, 2 * np.pi, n, endpoint=False)
    aspect = rng.uniform(0.55, 1.0)
    rot = rng.uniform(0, np.pi)
    rad = 1 + sum(rng.uniform(0, 0.15) * np.sin(k * t + rng.uniform(0, 6.3)) for k in (2, 3, 5))
    x = r * rad * np.cos(t) / np.sqrt(aspect)
    y = r * rad * np.sin(t) * np.sqrt(aspect)
    xr, yr = x * np.cos(rot) - y * np.sin(rot), x * np.sin(rot) + y * np.cos(rot)
    pts = np.stack([cx + xr, cy + yr], 1).astype(np.int32)
    cv2.fillPoly(canvas, [pts], 255, cv2.LINE_AA)


def bbox(m: np.ndarray, thr: float = 0.02, margin: int = 0):
    ys, xs = np.nonzero(m > thr)
    if len(xs) == 0:
        return None
    h, w = m.shape
    return (max(0, xs.min() - margin), max(0, ys.min() - margin), min(w, xs.max() + 1 + margin), min(h, ys.max() + 1 + margin))
