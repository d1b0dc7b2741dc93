import type { MessageTable } from '../../messages/types';

/** Messages of the error-level-analysis detector: the signal and the reasons for not judging. */
export const elaMessages: MessageTable = {
  en: {
    'ela.inconsistent-region':
      'The {area} area has a compression error level {ratio}× that of the rest of the image: it may have been pasted or painted in and saved with a different compression history.',
    'ela.reason.tiny': 'the image is too small for error-level analysis ({pixels} pixels, at least {min} needed)',
    'ela.reason.lossless': 'the image is lossless and shows no trace of JPEG compression, so error levels say less about edits (findings count half)',
    'ela.reason.undecodable': 'the pixels of this format cannot be decoded, so error-level analysis cannot run',
  },
  'zh-CN': {
    'ela.inconsistent-region': '{area}区域的压缩误差水平是图像其余部分的 {ratio} 倍，可能是后期粘贴或涂抹上去的，其压缩历史与整张图不同。',
    'ela.reason.tiny': '图像太小（{pixels} 像素，至少需要 {min} 像素），无法可靠地进行误差水平分析',
    'ela.reason.lossless': '这是一张无损图像，看不出经过 JPEG 压缩的痕迹，误差水平对判断是否被编辑的参考价值有限（相关发现按一半权重计）',
    'ela.reason.undecodable': '无法解码该格式的像素，不能进行误差水平分析',
  },
};
