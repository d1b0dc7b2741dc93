"""Shared constants of the edits training pipeline (paths, splits, families, laundering chains).

Everything that decides what the model sees lives here, so the docs (docs/edits.md) can point at one file.
"""
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get('CLAIMLENS_SHARED', ROOT.parent / 'shared'))
TRAIN_PHOTOS = SHARED / 'train-photos'
CORPUS = SHARED / 'corpus'
# Generated data never goes into git: a folder outside the repository (override with EDITS_DATA).
DATA = Path(os.environ.get('EDITS_DATA', '/work/data/edits'))

SEED = 14  # issue 14

# Camera-original crops are split by camera model: no camera of the test split is seen in training or validation.
CAMERA_SPLIT = {
    'test': ['Canon Canon EOS REBEL T3', 'Apple iPhone XS', 'SONY HDR-AS300', 'RECONYX HC550 HYPERFIRE',
             'Nokia N70-1', 'Canon Canon PowerShot SD750', 'vivo vivo X90 Pro+'],
    'val': ['Apple iPhone 11', 'LGE Nexus 5X', 'samsung SM-J210F', 'Canon Canon PowerShot A650 IS'],
}
# Web/app photos: whole sub-sources go to one split (one shop or one photo set shares a pipeline and a scene),
# except `clothing`, 347 photos by 347 people, split by file.
WEB_SPLIT = {
    'test': ['trashnet', 'beanfreaks', 'petparadise'],
    'val': ['fridge-objects', 'online-boutique'],
    'train': ['vendure', 'bakerydemo', 'cpnt262-furniture', 'scikit-image'],
}
CLOTHING_FRACTIONS = {'train': 0.60, 'val': 0.15, 'test': 0.25}

# Edit families. Held-out ones never enter training or model selection; they are reported apart.
LOCAL_FAMILIES = ['regen-resample', 'denoise-regrain', 'ae-decoder', 'damage', 'copy-move',
                  'classical-inpaint', 'splice', 'ae-decoder-b']
FRAME_FAMILIES = ['frame-ae', 'frame-resample', 'frame-denoise', 'frame-ae-b']
HELD_OUT_FAMILIES = ['classical-inpaint', 'splice', 'ae-decoder-b', 'frame-ae-b']
TRAIN_FAMILIES = [f for f in LOCAL_FAMILIES + FRAME_FAMILIES if f not in HELD_OUT_FAMILIES]

# Laundering chains applied after the edit, to edited and genuine photos alike.
CHAINS = ['chat-jpeg', 'chat-jpeg-cv2', 'double-save', 'screenshot', 'as-written', 'webp']
HELD_OUT_CHAINS = ['webp']
# Probability of each training chain (the held-out chain is never drawn for training or validation).
CHAIN_WEIGHTS = {'chat-jpeg': 0.35, 'chat-jpeg-cv2': 0.25, 'double-save': 0.2, 'screenshot': 0.1, 'as-written': 0.1}

# Smallest side of a delivered photo, px: smaller than what chat apps deliver and than the detector judges.
MIN_SIDE = 256
# Sources larger than this (long side, px) are cropped to 768 px, never resized, so their camera traces stay
# intact (the crop size bounds the generation time on a shared 2-core machine).
MAX_SOURCE_SIDE = 800
