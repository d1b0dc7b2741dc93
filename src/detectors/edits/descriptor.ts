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
    clue: {
      weight: 0.4,
      reason:
        'the most a local score below the hint adds (graded from 0 at localClue, the 80th percentile of genuine validation photos, to this at localHint): on the validation split the bands between those percentiles hold 1.4–1.9× more edited than genuine photos (log-likelihood ratio 0.35–0.65), about half the evidence of the hint band (1.22); docs/edits.md',
    },
    hint: { weight: 0.8, reason: 'score ≥ the 95th (local) / 97th (whole frame) percentile of genuine validation photos: a hint, on the scale of the other pixel detectors (noise 0.7)' },
    strong: { weight: 1.6, reason: 'score ≥ the 99th (local) / 99.5th (whole frame) percentile of genuine validation photos; strong false positives 0–2 % on unseen genuine sets (bench/edits.ts)' },
  },
});
