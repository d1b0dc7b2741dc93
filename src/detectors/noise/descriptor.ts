/** The noise detector's descriptor: codes, messages, artifact label and starting weights. */
import { defineDetector } from '../descriptor';
import { noiseMessages } from './messages';

/** The `noise` detector: local noise-level inconsistency. */
export const noiseDescriptor = defineDetector({
  name: 'noise',
  codes: ['noise.inconsistent-region'],
  messages: noiseMessages,
  artifacts: { noise: { en: 'Noise-level inconsistency map', 'zh-CN': '噪声水平不一致图' } },
  weights: {
    hint: { weight: 0.7, reason: 'region score ≥ hintScore (≈ the 95th percentile of genuine local-edit photos, bench/noise.ts): a hint' },
    strong: { weight: 1.5, reason: 'region score ≥ strongScore (beyond the maximum of genuine photos, bench/noise.ts)' },
  },
  // DESIGN.md: "noise while it still earns its place". It no longer does (docs/edits.md, "Does noise stay?").
  optIn:
    'edits replaces it: on the local-edit set noise alone has ROC-AUC 0.534 against 0.702 for edits, and adds 0.007 to the fused ROC-AUC (0.699 → 0.706) for 3.5× a 12 MP decode in CPU time (its budget: 0.8×; docs/performance.md); at chance on the shared corpus (0.507) and the refund set (0.481) (bench/run.ts, bench/speed.ts)',
});
