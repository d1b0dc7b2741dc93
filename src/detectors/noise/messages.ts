import type { MessageTable } from '../../messages/types';

/** Messages of the noise-consistency detector. */
export const noiseMessages: MessageTable = {
  en: {
    'noise.inconsistent-region': 'The {area} area has a noise level {ratio}× that of comparable areas of the photo.',
  },
  'zh-CN': {
    'noise.inconsistent-region': '{area}区域的噪声水平是照片中同类区域的 {ratio} 倍。',
  },
};
