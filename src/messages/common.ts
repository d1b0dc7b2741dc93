import type { MessageTable } from './types';

/** Messages that belong to no single detector: summaries, inspector reasons, region descriptions. */
export const commonMessages: MessageTable = {
  en: {
    'summary.high': 'High risk of fabricated evidence: {evidence}.',
    'summary.medium': 'Needs a human review: {evidence}.',
    'summary.low': 'No sign of fabrication found: {evidence}.',
    'summary.low-none': 'No sign of fabrication found in the file; the checks that could run found nothing suspicious.',
    'summary.and': '{a}; {b}',
    'inspector.timeout': 'did not finish within {ms} ms',
    'inspector.aborted': 'the inspection was aborted',
    'inspector.failed': 'failed: {error}',
    'inspector.undecodable': 'the pixels cannot be decoded: {error}',
    'region.top-left': 'top-left', 'region.top': 'top', 'region.top-right': 'top-right',
    'region.left': 'left', 'region.center': 'centre', 'region.right': 'right',
    'region.bottom-left': 'bottom-left', 'region.bottom': 'bottom', 'region.bottom-right': 'bottom-right',
  },
  'zh-CN': {
    'summary.high': '高度疑似伪造的证据：{evidence}。',
    'summary.medium': '需要人工复核：{evidence}。',
    'summary.low': '未发现伪造迹象：{evidence}。',
    'summary.low-none': '未在文件中发现伪造迹象；可运行的各项检查均未发现可疑之处。',
    'summary.and': '{a}；{b}',
    'inspector.timeout': '未能在 {ms} 毫秒内完成',
    'inspector.aborted': '检查已被中止',
    'inspector.failed': '运行失败：{error}',
    'inspector.undecodable': '无法解码像素：{error}',
    'region.top-left': '左上', 'region.top': '上部', 'region.top-right': '右上',
    'region.left': '左侧', 'region.center': '中部', 'region.right': '右侧',
    'region.bottom-left': '左下', 'region.bottom': '下部', 'region.bottom-right': '右下',
  },
};
