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
});
