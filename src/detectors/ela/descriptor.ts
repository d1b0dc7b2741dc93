/** The ela detector's descriptor: codes, messages, artifact label, starting weights and strength cut. */
import { defineDetector } from '../descriptor';
import { elaMessages } from './messages';

/** The `ela` detector: error-level analysis on the JPEG grid. */
export const elaDescriptor = defineDetector({
  name: 'ela',
  codes: ['ela.inconsistent-region'],
  messages: elaMessages,
  artifacts: { ela: { en: 'Error-level analysis heatmap', 'zh-CN': '误差水平分析热力图' } },
  weights: {
    atThreshold: { weight: 0.4, reason: 'a peak at PEAK_THRESHOLD (7.5 robust SDs, ela-set) is a weak sign on its own' },
    perThreshold: { weight: 0.4, reason: 'added per PEAK_THRESHOLD above it: twice the threshold reaches the cap' },
    max: {
      weight: 0.8,
      reason:
        'cap, and every finding a hint (2026-12-07): ELA is at chance wherever it was measured on files it was not built on (ROC-AUC: shared corpus 0.507, local-edit set 0.515, jpeg-set 0.493, its own ela-set 0.536), and its strong findings (v0.1 cap 2) hit 13 of 571 genuine web photos of ../shared/train-photos, lifting Lightroom exports to high risk (docs/ela.md)',
    },
  },
  strength: { strong: 1.2, reason: 'unreachable with the 0.8 cap, and the detector bounds every finding to a hint (index.ts); v0.1 was strong from 1.2' },
});
