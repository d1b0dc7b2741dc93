/** The marks detector's descriptor: codes, messages and starting weights. */
import { defineDetector } from '../descriptor';
import { marksMessages } from './messages';

/** The `marks` detector: visible AI marks in the pixels. */
export const marksDescriptor = defineDetector({
  name: 'marks',
  codes: ['marks.visible-ai-label'],
  messages: marksMessages,
  artifacts: {},
  weights: {
    serviceConclusive: { weight: 5, reason: "a service's own mark matched at ≥ 0.85: the pixels went through that AI service (marks-set negatives stay far below)" },
    service: { weight: 3, reason: "a service's own mark at a lower match score" },
    phrase: { weight: 2.5, reason: 'a generic label phrase: strong but less specific (any app can print it)' },
  },
});
