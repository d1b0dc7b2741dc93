/** The edits detector's descriptor: codes, messages, artifact label and starting weights. */
import { defineDetector } from '../descriptor';
import { editsMessages } from './messages';

/** The `edits` detector: a learned camera-trace model for local edits and regenerated frames. */
export const editsDescriptor = defineDetector({
  name: 'edits',
  codes: ['edits.local-region', 'edits.regenerated'],
  messages: editsMessages,
  artifacts: { edits: { en: 'Camera-trace model: probability of an edit', 'zh-CN': '相机痕迹模型：编辑概率图' } },
  weights: {
    hint: { weight: 0.8, reason: 'score ≥ the 95th (local) / 97th (whole frame) percentile of genuine validation photos: a hint, on the scale of the other pixel detectors (noise 0.7)' },
    strong: { weight: 1.6, reason: 'score ≥ the 99th (local) / 99.5th (whole frame) percentile of genuine validation photos; strong false positives 0–2 % on unseen genuine sets (bench/edits.ts)' },
  },
});
