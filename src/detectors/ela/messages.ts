import type { MessageTable } from '../../messages/types';

/** Messages of the error-level-analysis detector. */
export const elaMessages: MessageTable = {
  en: {
    'ela.inconsistent-region': 'The {area} area has a compression error level {ratio}× that of the rest of the image.',
  },
  'zh-CN': {
    'ela.inconsistent-region': '{area}区域的压缩误差水平是图像其余部分的 {ratio} 倍。',
  },
};
