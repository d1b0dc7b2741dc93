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
    atThreshold: { weight: 0.6, reason: 'a peak at PEAK_THRESHOLD (7.5 robust SDs, ela-set) is a weak sign on its own' },
    perThreshold: { weight: 1.4, reason: 'added per PEAK_THRESHOLD above it: twice the threshold reaches the cap' },
    max: { weight: 2, reason: 'cap: a different compression history is also what an innocent local retouch (or a sticker photo) leaves' },
  },
  strength: { strong: 1.2, reason: 'strong only from 1.2 (a peak 1.43× the threshold), never conclusive: ela-set peaks of genuine photos reach just past the threshold (docs/ela.md)' },
});
