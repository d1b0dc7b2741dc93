"""Edit families: what an editor (an AI inpainter, a photo app, a person with a brush) does to part or all of a
buyer's photo. Each returns the edited 8-bit BGR image and the float mask of the changed area (0 for whole-frame
regeneration without a local edit: then nothing is "unlike the rest of the photo").

Mechanisms simulated, not tools: generators re-render a region at a lower internal resolution and add their own
texture (`regen-resample`), denoise and re-grain (`denoise-regrain`), decode a latent through a learned decoder
(`ae-decoder`, `ae-decoder-b`), paint damage with blend modes (`damage`), copy a patch of the same photo
(`copy-move`) or of another photo with its own history (`splice`), diffuse the surroundings into the hole
(`classical-inpaint`: Telea 2004 / Navier-Stokes, Bertalmio et al. 2001, as in OpenCV), or re-render the whole
frame (`frame-*`).
"""
import cv2
import numpy as np

import autoencoder
import masks as M

_AE = {}


def ae(variant):
    if variant not in _AE:
        _AE[variant] = autoencoder.load(variant)
    return _AE[variant]


def blend(img, patch, m):
    m3 = m[:, :, None]
    return np.clip(img.astype(np.float32) * (1 - m3) + patch.astype(np.float32) * m3 + 0.5, 0, 255).astype(np.uint8)


def grain(shape, rng, sigma, correlated=None):
    """Synthetic grain (mostly luma, a little chroma), white or low-passed to the same sigma."""
    h, w = shape[:2]
    g = rng.normal(0, 1, (h, w, 1)).astype(np.float32) + 0.3 * rng.normal(0, 1, (h, w, 3)).astype(np.float32)
    if correlated is None:
        correlated = rng.random() < 0.5
    if correlated:
        g = cv2.GaussianBlur(g, (0, 0), rng.uniform(0.5, 1.2))
    g *= sigma / max(1e-6, float(g.std()))
    return g


def regen_resample(img, rng, whole=False):
    h, w = img.shape[:2]
    f = rng.uniform(1.3, 2.5) if whole else rng.uniform(1.6, 4.0)
    small = cv2.resize(img, (max(8, int(w / f)), max(8, int(h / f))), interpolation=cv2.INTER_AREA)
    kern = [cv2.INTER_LINEAR, cv2.INTER_CUBIC, cv2.INTER_LANCZOS4][int(rng.integers(3))]
    up = cv2.resize(small, (w, h), interpolation=kern).astype(np.float32)
    if rng.random() < 0.3:  # generators sharpen their upsampled output
        up = up + rng.uniform(0.3, 1.0) * (up - cv2.GaussianBlur(up, (0, 0), 1.0))
    return np.clip(up + grain(img.shape, rng, rng.uniform(0, 2.5)), 0, 255)


def denoise_regrain(img, rng):
    r = rng.random()
    if r < 0.35:
        out = cv2.fastNlMeansDenoisingColored(img, None, float(rng.uniform(6, 15)), float(rng.uniform(6, 15)), 5, 15)
    elif r < 0.6:
        out = cv2.bilateralFilter(img, int(rng.choice([5, 7, 9])), float(rng.uniform(25, 60)), float(rng.uniform(3, 8)))
    elif r < 0.85:
        out = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.8, 2.0))
    else:
        out = cv2.medianBlur(img, int(rng.choice([3, 5])))
    return np.clip(out.astype(np.float32) + grain(img.shape, rng, rng.uniform(0, 2.0)), 0, 255)


def ae_render(img, rng, variant):
    out = autoencoder.reconstruct(ae(variant), img).astype(np.float32)
    if rng.random() < 0.4:
        out = out + grain(img.shape, rng, rng.uniform(0.5, 2.0))
    return np.clip(out, 0, 255)


def crop_apply(img, m, fn, margin=24):
    """Run a whole-image operation on the mask's bounding box only (plus context), for speed."""
    b = M.bbox(m, margin=margin)
    out = img.astype(np.float32).copy()
    if b is None:
        return out
    x0, y0, x1, y1 = b
    out[y0:y1, x0:x1] = fn(img[y0:y1, x0:x1])
    return out


# ----------------------------------------------------------------------------------------- damage painting

def _blend_mode(base, paint, mode):
    if mode == 'multiply':
        return base * paint
    if mode == 'screen':
        return 1 - (1 - base) * (1 - paint)
    if mode == 'overlay':
        return np.where(base < 0.5, 2 * base * paint, 1 - 2 * (1 - base) * (1 - paint))
    if mode == 'soft-light':
        return (1 - 2 * paint) * base * base + 2 * paint * base
    return paint


def _lowfreq(h, w, rng, scale):
    n = rng.normal(0, 1, (max(2, int(h / scale)), max(2, int(w / scale)))).astype(np.float32)
    n = cv2.resize(n, (w, h), interpolation=cv2.INTER_CUBIC)
    return (n - n.mean()) / max(1e-6, n.std())


def _crack(h, w, m, rng):
    a = np.zeros((h, w), np.float32)
    b = M.bbox(m)
    x0, y0, x1, y1 = b
    for branch in range(int(rng.integers(1, 4))):
        x, y = rng.uniform(x0, x1), rng.uniform(y0, y1)
        ang = rng.uniform(0, 2 * np.pi)
        pts = [(x, y)]
        for _ in range(int(rng.integers(15, 60))):
            ang += rng.normal(0, 0.45)
            step = rng.uniform(2, 8)
            x, y = x + np.cos(ang) * step, y + np.sin(ang) * step
            pts.append((x, y))
        t = int(rng.integers(1, 4)) if branch == 0 else 1
        cv2.polylines(a, [np.array(pts, np.int32)], False, 1.0, t, cv2.LINE_AA)
    return cv2.GaussianBlur(a, (0, 0), rng.uniform(0.3, 0.8)), np.array([0.1, 0.1, 0.12]) * rng.uniform(0.3, 1.5), 'multiply'


def _scratch(h, w, m, rng):
    a = np.zeros((h, w), np.float32)
    x0, y0, x1, y1 = M.bbox(m)
    ang = rng.uniform(0, np.pi)
    for _ in range(int(rng.integers(3, 12))):
        cx, cy = rng.uniform(x0, x1), rng.uniform(y0, y1)
        L = rng.uniform(0.3, 1.0) * max(x1 - x0, y1 - y0) / 2
        d = ang + rng.normal(0, 0.15)
        p0 = (int(cx - np.cos(d) * L), int(cy - np.sin(d) * L))
        p1 = (int(cx + np.cos(d) * L), int(cy + np.sin(d) * L))
        cv2.line(a, p0, p1, float(rng.uniform(0.3, 0.9)), 1, cv2.LINE_AA)
    light = rng.random() < 0.6
    return a, (np.array([0.95, 0.95, 0.95]) if light else np.array([0.2, 0.2, 0.2])), 'screen' if light else 'multiply'


def _stain(h, w, m, rng):
    lf = _lowfreq(h, w, rng, rng.uniform(8, 30))
    a = m * np.clip(0.6 + 0.25 * lf, 0, 1)
    ring = np.clip(m * (1 - m) * 4, 0, 1)  # darker rim where the liquid dried
    a = np.clip(a * rng.uniform(0.25, 0.7) + ring * rng.uniform(0, 0.4), 0, 1)
    tone = [np.array([0.35, 0.55, 0.75]), np.array([0.5, 0.75, 0.85]), np.array([0.55, 0.55, 0.55]),
            np.array([0.2, 0.35, 0.5])][int(rng.integers(4))]  # BGR: brown, yellow, grey, coffee
    return a.astype(np.float32), tone, ['multiply', 'normal', 'soft-light'][int(rng.integers(3))]


def _tear(h, w, m, rng, img):
    x0, y0, x1, y1 = M.bbox(m)
    # A jagged band across the region: the backing shows through.
    pts_top, pts_bot = [], []
    n = 24
    horiz = rng.random() < 0.5
    for i in range(n + 1):
        t = i / n
        if horiz:
            x = x0 + t * (x1 - x0)
            yc = y0 + (y1 - y0) * (0.5 + 0.2 * np.sin(t * 6 + rng.uniform(0, 6)))
            wd = (y1 - y0) * rng.uniform(0.05, 0.2)
            pts_top.append((x, yc - wd + rng.normal(0, 2)))
            pts_bot.append((x, yc + wd + rng.normal(0, 2)))
        else:
            y = y0 + t * (y1 - y0)
            xc = x0 + (x1 - x0) * (0.5 + 0.2 * np.sin(t * 6 + rng.uniform(0, 6)))
            wd = (x1 - x0) * rng.uniform(0.05, 0.2)
            pts_top.append((xc - wd + rng.normal(0, 2), y))
            pts_bot.append((xc + wd + rng.normal(0, 2), y))
    poly = np.array(pts_top + pts_bot[::-1], np.int32)
    a = np.zeros((h, w), np.float32)
    cv2.fillPoly(a, [poly], 1.0, cv2.LINE_AA)
    a = cv2.GaussianBlur(a, (0, 0), 0.7)
    backing = np.array([rng.uniform(0.6, 0.95)] * 3) * np.array([1, rng.uniform(0.9, 1), rng.uniform(0.85, 1)])
    return a, backing, 'normal'


def _blotch(h, w, m, rng):
    tone = rng.uniform(0.1, 0.9, 3)
    return (m * rng.uniform(0.3, 0.8)).astype(np.float32), tone, ['overlay', 'soft-light', 'normal'][int(rng.integers(3))]


def _wear(h, w, m, rng):
    speck = _lowfreq(h, w, rng, rng.uniform(1.5, 3))
    a = m * (speck > rng.uniform(0, 1)).astype(np.float32) * rng.uniform(0.4, 0.9)
    return cv2.GaussianBlur(a, (0, 0), 0.6), np.array([0.85, 0.85, 0.85]), 'screen'


def _dent(img, m, rng):
    h, w = m.shape
    x0, y0, x1, y1 = M.bbox(m)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    dx, dy = xx - cx, yy - cy
    amp = rng.uniform(2, 7)
    warp = m * amp
    r = np.sqrt(dx * dx + dy * dy) + 1e-3
    mx, my = (xx - warp * dx / r).astype(np.float32), (yy - warp * dy / r).astype(np.float32)
    out = cv2.remap(img, mx, my, cv2.INTER_LINEAR, borderMode=cv2.BORDER_REFLECT).astype(np.float32)
    ang = rng.uniform(0, 2 * np.pi)
    shade = 1 + m * rng.uniform(0.1, 0.3) * (np.cos(ang) * dx + np.sin(ang) * dy) / max(1.0, float(r.max() / 3))
    return np.clip(out * np.clip(shade, 0.6, 1.4)[:, :, None], 0, 255)


DAMAGE = ['crack', 'scratch', 'stain', 'tear', 'dent', 'blotch', 'wear']


def damage(img, rng, sub=None):
    """Paint one kind of damage into the photo. Over a regenerated base 60 % of the time (what AI editors do),
    over the original pixels otherwise (a person with a brush). Painted on the region's bounding box only."""
    h, w = img.shape[:2]
    full = M.region_mask(h, w, rng, float(np.exp(rng.uniform(np.log(0.01), np.log(0.12)))))
    x0, y0, x1, y1 = M.bbox(full, margin=16)
    out_full, label_full = img.copy(), np.zeros((h, w), np.float32)
    crop = np.ascontiguousarray(img[y0:y1, x0:x1])
    out, label = _damage_crop(crop, np.ascontiguousarray(full[y0:y1, x0:x1]), rng, sub)
    out_full[y0:y1, x0:x1] = out
    label_full[y0:y1, x0:x1] = label
    return out_full, label_full


def _damage_crop(img, m, rng, sub):
    h, w = img.shape[:2]
    sub = sub or DAMAGE[int(rng.integers(len(DAMAGE)))]
    base = img.astype(np.float32)
    regen = rng.random() < 0.6
    if regen:
        r = rng.random()
        fn = (lambda x: regen_resample(x, rng)) if r < 0.4 else (lambda x: denoise_regrain(x, rng)) if r < 0.75 else (lambda x: ae_render(x, rng, 'a'))
        base = blend(img, fn(img), m).astype(np.float32)
    if sub == 'dent':
        out = blend(base.astype(np.uint8), _dent(base.astype(np.uint8), m, rng), m)
        return out, m
    painter = {'crack': _crack, 'scratch': _scratch, 'stain': _stain, 'blotch': _blotch, 'wear': _wear}
    if sub == 'tear':
        a, tone, mode = _tear(h, w, m, rng, img)
    else:
        a, tone, mode = painter[sub](h, w, m, rng)
    b = base / 255
    paint = np.broadcast_to(tone.reshape(1, 1, 3), b.shape).astype(np.float32)
    if rng.random() < 0.5:  # paint texture: a little low-frequency variation
        paint = np.clip(paint * (1 + 0.08 * _lowfreq(h, w, rng, 6)[:, :, None]), 0, 1)
    res = _blend_mode(b, paint, mode)
    out = b * (1 - a[:, :, None]) + res * a[:, :, None]
    out = out * 255
    if rng.random() < 0.3:
        out = out + grain(img.shape, rng, rng.uniform(0.5, 2)) * a[:, :, None]
    out = np.clip(out + 0.5, 0, 255).astype(np.uint8)
    label = np.maximum(m if regen else np.zeros_like(m), np.clip(a * 4, 0, 1))
    return out, label.astype(np.float32)


# ------------------------------------------------------------------------------------------ patch families

def copy_move(img, rng):
    h, w = img.shape[:2]
    m = M.region_mask(h, w, rng, float(np.exp(rng.uniform(np.log(0.01), np.log(0.12)))))
    s = rng.uniform(0.7, 1.4)
    ang = rng.uniform(-25, 25) if rng.random() < 0.5 else 0.0
    x0, y0, x1, y1 = M.bbox(m)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    # Source centre elsewhere in the photo.
    sx, sy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
    A = cv2.getRotationMatrix2D((sx, sy), ang, s)
    A[0, 2] += cx - sx
    A[1, 2] += cy - sy
    warped = cv2.warpAffine(img, A, (w, h), flags=[cv2.INTER_LINEAR, cv2.INTER_CUBIC][int(rng.integers(2))], borderMode=cv2.BORDER_REFLECT)
    return blend(img, warped, m), m


def splice(img, donor, rng):
    """A patch of another photo, with its own compression history and scale, pasted and colour-matched."""
    h, w = img.shape[:2]
    m = M.region_mask(h, w, rng, float(np.exp(rng.uniform(np.log(0.01), np.log(0.15)))))
    q = int(rng.integers(50, 96))
    ok, enc = cv2.imencode('.jpg', donor, [cv2.IMWRITE_JPEG_QUALITY, q])
    d = cv2.imdecode(enc, cv2.IMREAD_COLOR)
    s = rng.uniform(0.5, 1.5)
    d = cv2.resize(d, (max(16, int(d.shape[1] * s)), max(16, int(d.shape[0] * s))), interpolation=cv2.INTER_AREA if s < 1 else cv2.INTER_CUBIC)
    x0, y0, x1, y1 = M.bbox(m)
    bw, bh = x1 - x0, y1 - y0
    if d.shape[0] < bh or d.shape[1] < bw:
        d = cv2.resize(d, (max(bw, d.shape[1]), max(bh, d.shape[0])), interpolation=cv2.INTER_CUBIC)
    oy, ox = int(rng.integers(0, d.shape[0] - bh + 1)), int(rng.integers(0, d.shape[1] - bw + 1))
    patch = img.astype(np.float32).copy()
    piece = d[oy:oy + bh, ox:ox + bw].astype(np.float32)
    if rng.random() < 0.6:  # match the local colour statistics (what a careful forger or a harmoniser does)
        ref = img[y0:y1, x0:x1].astype(np.float32)
        piece = (piece - piece.mean((0, 1))) / (piece.std((0, 1)) + 1e-3) * ref.std((0, 1)) + ref.mean((0, 1))
    patch[y0:y1, x0:x1] = piece
    return blend(img, np.clip(patch, 0, 255), m), m


def classical_inpaint(img, rng):
    h, w = img.shape[:2]
    m = M.region_mask(h, w, rng, float(np.exp(rng.uniform(np.log(0.01), np.log(0.1)))))
    hole = (m > 0.3).astype(np.uint8) * 255
    hole = cv2.dilate(hole, np.ones((3, 3), np.uint8))
    flag = cv2.INPAINT_TELEA if rng.random() < 0.5 else cv2.INPAINT_NS
    b = M.bbox(m, margin=16)
    x0, y0, x1, y1 = b
    out = img.copy()
    out[y0:y1, x0:x1] = cv2.inpaint(img[y0:y1, x0:x1], hole[y0:y1, x0:x1], float(rng.uniform(3, 10)), flag)
    return blend(img, out, m), m


def local_regen(img, rng, family):
    h, w = img.shape[:2]
    m = M.region_mask(h, w, rng)
    if family == 'regen-resample':
        patch = crop_apply(img, m, lambda x: regen_resample(x, rng), margin=32)
    elif family == 'denoise-regrain':
        patch = crop_apply(img, m, lambda x: denoise_regrain(x, rng))
    else:
        patch = crop_apply(img, m, lambda x: ae_render(x, rng, 'a' if family == 'ae-decoder' else 'b'), margin=32)
    return blend(img, patch, m), m


def frame(img, rng, family):
    """Whole frame re-rendered; half the time with a local edit as well (a generator re-decodes the frame and paints)."""
    if family in ('frame-ae', 'frame-ae-b'):
        out = ae_render(img, rng, 'a' if family == 'frame-ae' else 'b').astype(np.uint8)
    elif family == 'frame-resample':
        out = regen_resample(img, rng, whole=True).astype(np.uint8)
    else:
        out = denoise_regrain(img, rng).astype(np.uint8)
    if rng.random() < 0.5:
        out, m = damage(out, rng)
        return out, m
    return out, np.zeros(img.shape[:2], np.float32)


def apply(family, img, rng, donor=None):
    """Apply one family; returns (edited BGR uint8, mask float32 in [0, 1], whole-frame flag)."""
    if family in ('regen-resample', 'denoise-regrain', 'ae-decoder', 'ae-decoder-b'):
        out, m = local_regen(img, rng, family)
    elif family == 'damage':
        out, m = damage(img, rng)
    elif family == 'copy-move':
        out, m = copy_move(img, rng)
    elif family == 'splice':
        out, m = splice(img, donor, rng)
    elif family == 'classical-inpaint':
        out, m = classical_inpaint(img, rng)
    elif family.startswith('frame-'):
        out, m = frame(img, rng, family)
        return out, m, True
    else:
        raise ValueError(family)
    return out, m, False
