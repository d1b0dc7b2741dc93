"""Simulated camera photos: clean content through a camera pipeline, to extend the few camera originals.

Pipeline (after Brooks et al., "Unprocessing Images for Learned Raw Denoising", CVPR 2019, and Foi et al.,
"Practical Poissonian-Gaussian noise modeling", IEEE TIP 2008):
clean content (a web photo or camera crop of the same split, area-downscaled 2.5-4x so its own noise and JPEG traces average
away, optionally enlarged again) -> inverse sRGB tone -> inverse white balance -> Bayer mosaic (one of the four
CFA phases) -> Poisson-Gaussian sensor noise at a random ISO (full well 600-20000 e-, read noise) -> 12-bit
quantisation -> demosaicing (bilinear or edge-aware, OpenCV) -> white balance and a colour matrix (which
amplifies chroma noise as real ones do) -> sRGB tone with an S-curve -> phone-style denoising
(chroma blur 85 % of the time, NL-means or bilateral on luma 45 %) and sharpening (unsharp mask) -> JPEG at quality 85-97.

Run: /usr/bin/python3 train/camera_sim.py  (after sources.py) -> $EDITS_DATA/sim/*.jpg and sources.json updated.
"""
import json

import cv2
import numpy as np

from config import DATA, SEED

SIMS_PER_CONTENT = {'train': 1, 'val': 1}
# Procedural scenes (sky, walls, floors, defocused backgrounds): large smooth areas that still carry sensor noise,
# which the web and desk photos rarely show (the first model read the sky of outdoor camera photos as regenerated).
PROCEDURAL = {'train': 160, 'val': 40}


def srgb_to_linear(x):
    return np.where(x <= 0.04045, x / 12.92, ((x + 0.055) / 1.055) ** 2.4)


def linear_to_srgb(x):
    x = np.clip(x, 0, 1)
    return np.where(x <= 0.0031308, x * 12.92, 1.055 * np.power(x, 1 / 2.4) - 0.055)


def clean_content(bgr, rng):
    """Noise-free content: an area downscale averages the source's noise and JPEG traces away."""
    h, w = bgr.shape[:2]
    f = rng.uniform(2.5, 4.0)
    small = cv2.resize(bgr, (max(64, int(w / f)), max(64, int(h / f))), interpolation=cv2.INTER_AREA)
    up = rng.uniform(1.0, 2.0) if rng.random() < 0.5 else 1.0
    if up > 1.05:
        small = cv2.resize(small, (int(small.shape[1] * up), int(small.shape[0] * up)), interpolation=cv2.INTER_CUBIC)
    return small


def _lowfreq(h, w, rng, scale):
    n = rng.normal(0, 1, (max(2, int(h / scale)), max(2, int(w / scale)))).astype(np.float32)
    n = cv2.resize(n, (w, h), interpolation=cv2.INTER_CUBIC)
    return (n - n.mean()) / max(1e-6, float(n.std()))


def procedural_content(rng):
    """A clean synthetic scene in 8-bit BGR: a sky, wall or floor backdrop with gradients and clouds, a textured
    ground band, and a few shaded, textured or defocused objects."""
    w = int(rng.integers(560, 900))
    h = int(w * rng.uniform(0.6, 1.3))
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    kind = rng.choice(['sky', 'wall', 'floor'])
    if kind == 'sky':
        top, bottom = np.array([rng.uniform(0.55, 0.85), rng.uniform(0.35, 0.6), rng.uniform(0.1, 0.35)]), np.array([0.95, 0.9, 0.85])
        t = (yy / h)[:, :, None]
        img = top * (1 - t) + bottom * t
        clouds = np.clip(_lowfreq(h, w, rng, rng.uniform(40, 120)) * 0.6 - rng.uniform(-0.2, 0.6), 0, 1)
        img = img * (1 - clouds[:, :, None]) + 0.97 * clouds[:, :, None]
    else:
        base = rng.uniform(0.3, 0.85, 3)
        grad = 1 + 0.25 * ((xx / w - 0.5) * rng.normal() + (yy / h - 0.5) * rng.normal())
        img = base * grad[:, :, None]
        amp = 0.01 if kind == 'wall' else 0.05
        img = img * (1 + amp * _lowfreq(h, w, rng, rng.uniform(3, 20)))[:, :, None]
    if rng.random() < 0.6:  # a textured ground band (grass, gravel, fabric)
        y0 = int(h * rng.uniform(0.55, 0.85))
        tex = 0.5 + 0.15 * _lowfreq(h - y0, w, rng, rng.uniform(1.5, 4)) + 0.1 * _lowfreq(h - y0, w, rng, 20)
        img[y0:] = np.clip(rng.uniform(0.3, 0.8, 3) * tex[:, :, None] * 1.6, 0, 1)
    for _ in range(int(rng.integers(1, 6))):
        cx, cy = rng.uniform(0.15, 0.85) * w, rng.uniform(0.2, 0.9) * h
        rx, ry = rng.uniform(0.04, 0.2) * w, rng.uniform(0.04, 0.25) * h
        m = np.zeros((h, w), np.float32)
        if rng.random() < 0.5:
            cv2.ellipse(m, (int(cx), int(cy)), (int(rx), int(ry)), float(rng.uniform(0, 180)), 0, 360, 1.0, -1, cv2.LINE_AA)
        else:
            cv2.rectangle(m, (int(cx - rx), int(cy - ry)), (int(cx + rx), int(cy + ry)), 1.0, -1, cv2.LINE_AA)
        col = rng.uniform(0.05, 0.95, 3)
        shade = 1 + 0.35 * ((xx - cx) / max(rx, 1) * rng.normal(0, 0.5))
        obj = np.clip(col * shade[:, :, None], 0, 1)
        if rng.random() < 0.5:
            obj = obj * (1 + 0.12 * _lowfreq(h, w, rng, rng.uniform(1.5, 6)))[:, :, None]
        if rng.random() < 0.3:  # out of focus
            obj = cv2.GaussianBlur(obj.astype(np.float32), (0, 0), rng.uniform(3, 10))
            m = cv2.GaussianBlur(m, (0, 0), rng.uniform(3, 10))
        img = img * (1 - m[:, :, None]) + obj * m[:, :, None]
    return np.clip(np.round(img * 255), 0, 255).astype(np.uint8)


def camera(content_bgr, rng):
    """Run clean 8-bit BGR content through the simulated camera; returns 8-bit BGR before the JPEG step."""
    h, w = content_bgr.shape[:2]
    h, w = h - h % 2, w - w % 2
    x = srgb_to_linear(content_bgr[:h, :w, ::-1].astype(np.float64) / 255.0)  # RGB linear
    x = x * rng.uniform(0.5, 1.1)
    gains = np.array([rng.uniform(1.6, 2.4), 1.0, rng.uniform(1.3, 2.1)])
    raw = np.clip(x / gains, 0, 1)
    # Bayer mosaic: phase (dy, dx) of the red sample.
    dy, dx = int(rng.integers(2)), int(rng.integers(2))
    cfa = np.zeros((h, w), np.float64)
    cfa[dy::2, dx::2] = raw[dy::2, dx::2, 0]
    cfa[1 - dy::2, 1 - dx::2] = raw[1 - dy::2, 1 - dx::2, 2]
    cfa[dy::2, 1 - dx::2] = raw[dy::2, 1 - dx::2, 1]
    cfa[1 - dy::2, dx::2] = raw[1 - dy::2, dx::2, 1]
    full_well = float(np.exp(rng.uniform(np.log(600), np.log(20000))))
    read = rng.uniform(0.0005, 0.004)
    noisy = rng.poisson(cfa * full_well) / full_well + rng.normal(0, read, cfa.shape)
    q = np.clip(np.round(noisy * 4095), 0, 4095).astype(np.uint16)
    code = {(0, 0): cv2.COLOR_BayerBG2BGR, (0, 1): cv2.COLOR_BayerGB2BGR, (1, 0): cv2.COLOR_BayerGR2BGR, (1, 1): cv2.COLOR_BayerRG2BGR}
    # OpenCV names the pattern by the 2x2 block starting at (1,1): red at (0,0) is 'BayerBG' (checked on a pure
    # red frame).
    key = (dy, dx)
    if rng.random() < 0.5:
        bgr = cv2.cvtColor(q, code[key])
    else:
        ea = {cv2.COLOR_BayerBG2BGR: cv2.COLOR_BayerBG2BGR_EA, cv2.COLOR_BayerGB2BGR: cv2.COLOR_BayerGB2BGR_EA,
              cv2.COLOR_BayerGR2BGR: cv2.COLOR_BayerGR2BGR_EA, cv2.COLOR_BayerRG2BGR: cv2.COLOR_BayerRG2BGR_EA}
        bgr = cv2.cvtColor(q, ea[code[key]])
    rgb = bgr[:, :, ::-1].astype(np.float64) / 4095.0 * gains
    s = rng.uniform(0.1, 0.5)  # colour matrix: saturation boost (rows sum to 1)
    ccm = (1 + s) * np.eye(3) - s / 3
    rgb = np.clip(rgb @ ccm.T, 0, 1)
    out = linear_to_srgb(rgb)
    c = rng.uniform(0.0, 0.25)  # S-curve contrast
    out = out + c * (out - 0.5) * (1 - np.abs(2 * out - 1))
    out8 = np.clip(np.round(out * 255), 0, 255).astype(np.uint8)[:, :, ::-1].copy()
    # Phones and cameras almost always smooth chroma noise (sim_check.py: without it the simulated chroma residual
    # was twice the real cameras' and its zero share half theirs), and often luma noise too.
    if rng.random() < 0.85:
        ycc = cv2.cvtColor(out8, cv2.COLOR_BGR2YCrCb)
        k = int(rng.choice([3, 5, 7]))
        ycc[:, :, 1:] = cv2.GaussianBlur(ycc[:, :, 1:], (k, k), 0)
        out8 = cv2.cvtColor(ycc, cv2.COLOR_YCrCb2BGR)
    r = rng.random()
    if r < 0.25:
        out8 = cv2.fastNlMeansDenoisingColored(out8, None, float(rng.uniform(2, 6)), float(rng.uniform(3, 8)), 5, 15)
    elif r < 0.45:
        out8 = cv2.bilateralFilter(out8, 5, float(rng.uniform(10, 30)), float(rng.uniform(2, 5)))
    if rng.random() < 0.7:
        sigma = rng.uniform(0.7, 1.6)
        blur = cv2.GaussianBlur(out8.astype(np.float32), (0, 0), sigma)
        amt = rng.uniform(0.3, 1.2)
        out8 = np.clip(out8 + amt * (out8 - blur), 0, 255).astype(np.uint8)
    return out8


def main():
    rng = np.random.default_rng(SEED + 1)
    sources = json.loads((DATA / 'sources.json').read_text())
    sources = [s for s in sources if s['kind'] != 'sim']
    out_dir = DATA / 'sim'
    out_dir.mkdir(parents=True, exist_ok=True)
    sims = []
    for s in sources:
        if s['split'] not in SIMS_PER_CONTENT:
            continue
        img = cv2.imread(s['path'], cv2.IMREAD_COLOR)
        if img is None or min(img.shape[:2]) < 400:
            continue
        # Camera crops (1024 px) make larger clean content: two simulations each.
        for j in range(SIMS_PER_CONTENT[s['split']] * (2 if s['kind'] == 'camera' else 1)):
            content = clean_content(img, rng)
            if min(content.shape[:2]) < 160:
                continue
            bgr = camera(content, rng)
            q = int(rng.integers(85, 98))
            path = out_dir / f"{s['id']}-sim{j}.jpg"
            cv2.imwrite(str(path), bgr, [cv2.IMWRITE_JPEG_QUALITY, q])
            sims.append({'id': f"sim-{s['id']}-{j}", 'path': str(path), 'kind': 'sim', 'group': s['group'],
                         'camera': 'simulated', 'split': s['split'], 'license': s['license'], 'content': s['id']})
    for split, count in PROCEDURAL.items():
        for j in range(count):
            bgr = camera(procedural_content(rng), rng)
            q = int(rng.integers(85, 98))
            path = out_dir / f'procedural-{split}-{j}.jpg'
            cv2.imwrite(str(path), bgr, [cv2.IMWRITE_JPEG_QUALITY, q])
            sims.append({'id': f'sim-procedural-{split}-{j}', 'path': str(path), 'kind': 'sim', 'group': 'procedural',
                         'camera': 'simulated', 'split': split, 'license': 'generated'})
    (DATA / 'sources.json').write_text(json.dumps(sources + sims, indent=1))
    for sp in ('train', 'val'):
        print(sp, sum(1 for x in sims if x['split'] == sp), 'simulated camera photos')


if __name__ == '__main__':
    main()
