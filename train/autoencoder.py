"""Tiny convolutional autoencoders with 8x spatial downsampling: stand-ins for the latent-diffusion VAE decoders
that re-render a photo (Stable Diffusion's VAE encodes 8x8 pixels into one 4-channel latent; Rombach et al.,
CVPR 2022). Their reconstructions lack the camera's noise and carry a decoder's own upsampling traces.

Two decoders with different upsampling, so one can be held out of training:
- 'a': sub-pixel convolutions (a convolution to 4x the channels, then a pixel shuffle; Shi et al., CVPR 2016),
  equivalent to a stride-2 transposed convolution and, like it, a source of checkerboard traces (Odena et al.,
  Distill 2016); torch's own ConvTranspose2d is ~5x slower on this CPU;
- 'b': bilinear upsampling followed by 3x3 convolutions (held out: `ae-decoder-b`, `frame-ae-b`).
Trained on 64x64 crops of the training split only, L1 plus an L1 on image gradients (keeps edges sharper).

Run: /usr/bin/python3 train/autoencoder.py  -> $EDITS_DATA/ae-a.pt, ae-b.pt
"""
import json
import sys
import time

import cv2
import numpy as np
import torch
from torch import nn

from config import DATA, SEED

LATENT = 8
ITERS = 1500
BATCH = 12
CROP = 64


class AE(nn.Module):
    def __init__(self, variant: str):
        super().__init__()
        r = nn.ReLU
        self.enc = nn.Sequential(
            nn.Conv2d(3, 24, 4, stride=2, padding=1), r(),
            nn.Conv2d(24, 48, 4, stride=2, padding=1), r(),
            nn.Conv2d(48, 64, 4, stride=2, padding=1), r(),
            nn.Conv2d(64, LATENT, 1))
        if variant == 'a':
            self.dec = nn.Sequential(
                nn.Conv2d(LATENT, 64, 3, padding=1), r(),
                nn.Conv2d(64, 4 * 48, 3, padding=1), nn.PixelShuffle(2), r(),
                nn.Conv2d(48, 4 * 32, 3, padding=1), nn.PixelShuffle(2), r(),
                nn.Conv2d(32, 4 * 16, 3, padding=1), nn.PixelShuffle(2), r(),
                nn.Conv2d(16, 3, 3, padding=1))
        else:
            up = lambda: nn.Upsample(scale_factor=2, mode='bilinear', align_corners=False)  # noqa: E731
            self.dec = nn.Sequential(
                nn.Conv2d(LATENT, 64, 3, padding=1), r(),
                up(), nn.Conv2d(64, 48, 3, padding=1), r(),
                up(), nn.Conv2d(48, 32, 3, padding=1), r(),
                up(), nn.Conv2d(32, 16, 3, padding=1), r(),
                nn.Conv2d(16, 3, 3, padding=1))

    def forward(self, x):
        return self.dec(self.enc(x))


def load(variant: str) -> AE:
    m = AE(variant)
    m.load_state_dict(torch.load(DATA / f'ae-{variant}.pt'))
    m.eval()
    return m


@torch.no_grad()
def reconstruct(model: AE, bgr: np.ndarray) -> np.ndarray:
    """Reconstruct an 8-bit BGR image (any size: padded by reflection to a multiple of 8)."""
    h, w = bgr.shape[:2]
    ph, pw = (-h) % 8, (-w) % 8
    x = cv2.copyMakeBorder(bgr, 0, ph, 0, pw, cv2.BORDER_REFLECT)
    t = torch.from_numpy(x[:, :, ::-1].copy()).permute(2, 0, 1).float().unsqueeze(0) / 127.5 - 1
    y = model(t)[0].permute(1, 2, 0).numpy()
    y = np.clip((y + 1) * 127.5 + 0.5, 0, 255).astype(np.uint8)[:h, :w, ::-1]
    return np.ascontiguousarray(y)


def train(variant: str, images, seed: int, iters: int = ITERS):
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    model = AE(variant)
    opt = torch.optim.Adam(model.parameters(), lr=2e-3)
    sched = torch.optim.lr_scheduler.CosineAnnealingLR(opt, iters)
    t0 = time.time()
    for it in range(iters):
        batch = []
        for _ in range(BATCH):
            img = images[int(rng.integers(len(images)))]
            h, w = img.shape[:2]
            y, x = int(rng.integers(h - CROP + 1)), int(rng.integers(w - CROP + 1))
            c = img[y:y + CROP, x:x + CROP]
            if rng.random() < 0.5:
                c = c[:, ::-1]
            batch.append(c[:, :, ::-1].copy())
        t = torch.from_numpy(np.stack(batch)).permute(0, 3, 1, 2).float() / 127.5 - 1
        out = model(t)
        loss = (out - t).abs().mean()
        gx = lambda z: z[:, :, :, 1:] - z[:, :, :, :-1]  # noqa: E731
        gy = lambda z: z[:, :, 1:] - z[:, :, :-1]  # noqa: E731
        loss = loss + 0.5 * ((gx(out) - gx(t)).abs().mean() + (gy(out) - gy(t)).abs().mean())
        opt.zero_grad()
        loss.backward()
        opt.step()
        sched.step()
        if it % 250 == 0 or it == iters - 1:
            print(f'ae-{variant} iter {it} loss {loss.item():.4f} ({time.time() - t0:.0f} s)', flush=True)
    torch.save(model.state_dict(), DATA / f'ae-{variant}.pt')
    return model


def main():
    torch.set_num_threads(1)
    sources = json.loads((DATA / 'sources.json').read_text())
    images = []
    for s in sources:
        if s['split'] != 'train' or s['kind'] == 'sim':
            continue
        img = cv2.imread(s['path'], cv2.IMREAD_COLOR)
        if img is not None and min(img.shape[:2]) >= CROP:
            images.append(img)
    print(len(images), 'training photos for the autoencoders')
    iters = int(sys.argv[1]) if len(sys.argv) > 1 else ITERS
    for i, v in enumerate(('a', 'b')):
        m = train(v, images, SEED + 10 + i, iters)
        # Report the reconstruction PSNR on a few validation photos.
        val = [s for s in sources if s['split'] == 'val' and s['kind'] != 'sim'][:20]
        ps = []
        for s in val:
            img = cv2.imread(s['path'])
            rec = reconstruct(m, img)
            ps.append(cv2.PSNR(img, rec))
        print(f'ae-{v}: validation PSNR median {np.median(ps):.2f} dB')


if __name__ == '__main__':
    main()
