import type { MessageTable } from '../../messages/types';

/** Messages of the provenance detector. */
export const provenanceMessages: MessageTable = {
  en: {
    'provenance.c2pa-ai': 'The C2PA content credentials declare AI {kind} ({sourceType}) by {generator}.',
    'provenance.c2pa-altered': 'Content credentials are present, but the pixels or the claim were altered after signing ({codes}).',
    'provenance.c2pa-valid': 'Intact C2PA content credentials from {generator} ({trust}).',
    'provenance.c2pa-remote': 'Content credentials exist at {url}; they were not fetched.',
    'provenance.aigc-label': 'The file carries the GB 45438-2025 AI-generated content label ({label}) from {producer}.',
    'provenance.iptc-ai-source': 'The IPTC digital source type says the image is {sourceType}.',
    'provenance.generator-signature': 'The file carries the signature of an AI image generator: {generator} ({where}).',
  },
  'zh-CN': {
    'provenance.c2pa-ai': 'C2PA 内容凭证声明该图像由 AI {kind}（{sourceType}），生成方：{generator}。',
    'provenance.c2pa-altered': '存在内容凭证，但签名后像素或声明被改动（{codes}）。',
    'provenance.c2pa-valid': '来自 {generator} 的 C2PA 内容凭证完整（{trust}）。',
    'provenance.c2pa-remote': '内容凭证存放在 {url}，未下载。',
    'provenance.aigc-label': '文件带有 GB 45438-2025 人工智能生成内容隐式标识（{label}），服务提供者：{producer}。',
    'provenance.iptc-ai-source': 'IPTC 数字来源类型表明该图像为 {sourceType}。',
    'provenance.generator-signature': '文件带有 AI 图像生成工具的特征：{generator}（{where}）。',
  },
};
