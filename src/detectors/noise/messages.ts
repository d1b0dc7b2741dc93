import type { MessageTable } from '../../messages/types';

/** Messages of the noise-consistency detector: the finding and the reasons it may decline to judge. */
export const noiseMessages: MessageTable = {
  en: {
    'noise.inconsistent-region': 'The {area} area has a noise level {ratio}× that of comparable areas of the photo.',
    'noise.reason.undecodable': 'the pixels of this format cannot be decoded, so noise cannot be measured',
    'noise.reason.tiny': 'the image is too small ({width}×{height}) to compare the noise of its parts',
    'noise.reason.clipped': 'most of the image is clipped to black or white, where no noise can be measured',
    'noise.reason.flat': 'most of the image carries no measurable noise (a render, strong denoising or heavy recompression), so a regenerated region would not stand out',
  },
  'zh-CN': {
    'noise.inconsistent-region': '{area}区域的噪声水平是照片中同类区域的 {ratio} 倍。',
    'noise.reason.undecodable': '无法解码该格式的像素，因此无法测量噪声',
    'noise.reason.tiny': '图像太小（{width}×{height}），无法比较各部分的噪声',
    'noise.reason.clipped': '图像大部分为纯黑或纯白（过曝/欠曝），这些区域测不出噪声',
    'noise.reason.flat': '图像大部分几乎没有可测的噪声（可能是渲染图、强降噪或多次重度压缩），被重新生成的区域难以显现',
  },
};
