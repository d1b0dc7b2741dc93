"""Laundering chains: what happens to a photo between the editor and the platform (resizing, re-encoding,
screenshots), drawn from one distribution for edited and genuine photos alike, so that only the edit separates
them. A chain is a list of steps run by one engine: `cv2` (OpenCV's libjpeg, 4:2:0) here, `sharp` (libvips with
libjpeg-turbo or mozjpeg, 4:2:0 or 4:4:4, WebP, PNG) in train/launder.ts.
"""
import cv2
import numpy as np

from config import CHAIN_WEIGHTS, MIN_SIDE

SHARP_KERNELS = ['lanczos3', 'cubic', 'mitchell', 'linear']
CV2_KERNELS = {'area': cv2.INTER_AREA, 'linear': cv2.INTER_LINEAR, 'cubic': cv2.INTER_CUBIC, 'lanczos4': cv2.INTER_LANCZOS4}


def _scale(w, h, rng, lo=0.4, hi=1.0):
    s = rng.uniform(lo, hi)
    s = max(s, MIN_SIDE / min(w, h))
    return (w, h) if s >= 0.98 else (max(MIN_SIDE, round(w * s)), max(MIN_SIDE, round(h * s)))


def sample_chain(name, w, h, rng):
    """Draw the parameters of chain `name` for a w x h photo. Returns {'name', 'engine', 'steps'}."""
    steps = []
    if name == 'chat-jpeg':
        engine = 'sharp'
        if rng.random() < 0.8:
            tw, th = _scale(w, h, rng)
            if (tw, th) != (w, h):
                steps.append({'op': 'resize', 'w': tw, 'h': th, 'kernel': SHARP_KERNELS[int(rng.integers(4))]})
        steps.append({'op': 'jpeg', 'q': int(rng.integers(60, 96)), 'sub': '420' if rng.random() < 0.75 else '444', 'moz': bool(rng.random() < 0.4)})
    elif name == 'chat-jpeg-cv2':
        engine = 'cv2'
        if rng.random() < 0.8:
            tw, th = _scale(w, h, rng)
            if (tw, th) != (w, h):
                steps.append({'op': 'resize', 'w': tw, 'h': th, 'kernel': list(CV2_KERNELS)[int(rng.integers(4))]})
        steps.append({'op': 'jpeg', 'q': int(rng.integers(60, 96)), 'sub': '420'})
    elif name == 'double-save':
        engine = 'sharp' if rng.random() < 0.5 else 'cv2'
        kernels = SHARP_KERNELS if engine == 'sharp' else list(CV2_KERNELS)
        cw, ch = w, h
        for q in (int(rng.integers(70, 96)), int(rng.integers(60, 93))):
            if rng.random() < 0.5:
                tw, th = _scale(cw, ch, rng, 0.6, 1.0)
                if (tw, th) != (cw, ch):
                    steps.append({'op': 'resize', 'w': tw, 'h': th, 'kernel': kernels[int(rng.integers(len(kernels)))]})
                    cw, ch = tw, th
            steps.append({'op': 'jpeg', 'q': q, 'sub': '420' if engine == 'cv2' or rng.random() < 0.75 else '444', 'moz': bool(rng.random() < 0.3)})
    elif name == 'screenshot':
        engine = 'sharp'
        top, bottom = int(rng.integers(20, 81)), int(rng.integers(0, 141))
        side = int(rng.integers(0, 2)) * int(rng.integers(4, 24))
        steps.append({'op': 'pad', 'top': top, 'bottom': bottom, 'left': side, 'right': side,
                      'color': [int(c) for c in rng.integers(0, 256, 3)], 'seed': int(rng.integers(1 << 30))})
        pw, ph = w + 2 * side, h + top + bottom
        s = rng.uniform(0.5, 1.25)
        s = max(s, MIN_SIDE / min(pw, ph))
        steps.append({'op': 'resize', 'w': round(pw * s), 'h': round(ph * s), 'kernel': ['lanczos3', 'linear'][int(rng.integers(2))]})
        if rng.random() < 0.4:
            steps.append({'op': 'png'})
        else:
            steps.append({'op': 'jpeg', 'q': int(rng.integers(80, 96)), 'sub': '420' if rng.random() < 0.5 else '444', 'moz': False})
    elif name == 'as-written':
        engine = 'sharp'
        if rng.random() < 0.5:
            steps.append({'op': 'png'})
        else:
            steps.append({'op': 'jpeg', 'q': int(rng.integers(90, 99)), 'sub': '420' if rng.random() < 0.5 else '444', 'moz': False})
    elif name == 'webp':
        engine = 'sharp'
        if rng.random() < 0.8:
            tw, th = _scale(w, h, rng)
            if (tw, th) != (w, h):
                steps.append({'op': 'resize', 'w': tw, 'h': th, 'kernel': SHARP_KERNELS[int(rng.integers(4))]})
        steps.append({'op': 'webp', 'q': int(rng.integers(60, 91))})
    else:
        raise ValueError(name)
    return {'name': name, 'engine': engine, 'steps': steps}


def draw_training_chain(w, h, rng):
    names = list(CHAIN_WEIGHTS)
    p = np.array([CHAIN_WEIGHTS[n] for n in names])
    return sample_chain(names[int(rng.choice(len(names), p=p / p.sum()))], w, h, rng)


def extension(chain):
    last = chain['steps'][-1]['op']
    return {'jpeg': 'jpg', 'webp': 'webp', 'png': 'png'}[last]


def run_cv2(chain, img, mask):
    """Run a cv2 chain on BGR uint8 + float mask; returns (encoded bytes, final mask float)."""
    data = None
    for st in chain['steps']:
        if st['op'] == 'resize':
            img = cv2.resize(img, (st['w'], st['h']), interpolation=CV2_KERNELS[st['kernel']])
            mask = cv2.resize(mask, (st['w'], st['h']), interpolation=cv2.INTER_AREA)
        elif st['op'] == 'jpeg':
            ok, enc = cv2.imencode('.jpg', img, [cv2.IMWRITE_JPEG_QUALITY, st['q']])
            data = enc.tobytes()
            img = cv2.imdecode(enc, cv2.IMREAD_COLOR)
        elif st['op'] == 'png':
            data = cv2.imencode('.png', img)[1].tobytes()
        else:
            raise ValueError(f"cv2 engine cannot run {st['op']}")
    return data, mask
