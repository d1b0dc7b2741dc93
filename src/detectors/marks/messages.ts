import type { MessageTable } from '../../messages/types';

/** Messages of the visible-AI-mark detector. */
export const marksMessages: MessageTable = {
  en: {
    'marks.visible-ai-label': 'A visible AI label ({service}) is drawn in the {area} corner of the image.',
  },
  'zh-CN': {
    'marks.visible-ai-label': '图像{area}角有可见的 AI 生成标识（{service}）。',
  },
};
