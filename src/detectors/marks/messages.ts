import type { MessageTable } from '../../messages/types';

/** Messages of the visible-AI-mark detector: the signal, the service names it quotes, and its reasons. */
export const marksMessages: MessageTable = {
  en: {
    'marks.visible-ai-label': 'A visible AI label ({service}) is drawn in the {area} of the image.',
    'marks.service.doubao': 'Doubao mark “豆包AI生成”',
    'marks.service.jimeng': 'Jimeng mark “即梦AI”',
    'marks.service.gemini': 'Gemini sparkle mark',
    'marks.service.samsung': 'Samsung Galaxy AI mark',
    'marks.service.generic': 'label text “{text}”',
    'marks.reason.too-small': 'the image ({width}×{height}) is too small to read a visible mark',
    'marks.reason.undecodable': 'the pixels cannot be decoded here, so visible marks cannot be searched',
  },
  'zh-CN': {
    'marks.visible-ai-label': '图像{area}区域带有可见的 AI 生成标识（{service}）。',
    'marks.service.doubao': '豆包水印“豆包AI生成”',
    'marks.service.jimeng': '即梦水印“即梦AI”',
    'marks.service.gemini': 'Gemini 星形水印',
    'marks.service.samsung': '三星 Galaxy AI 水印',
    'marks.service.generic': '标注文字“{text}”',
    'marks.reason.too-small': '图像尺寸过小（{width}×{height}），无法辨认可见标识',
    'marks.reason.undecodable': '此处无法解码该图像的像素，无法查找可见标识',
  },
};
