import { DESCRIPTORS } from '../detectors/registry';
import type { DetectorStatus, Evidence, Locale, Risk, Strength } from '../primitives';

/** Fixed labels of the HTML report, per locale. */
export interface ReportLabels {
  title: string; verdict: string; score: string; signals: string; finding: string; code: string; weight: string;
  strengthHeader: string; noSignals: string; claimImage: string; analysis: string; file: string; format: string;
  size: string; detectors: string; detector: string; statusHeader: string; reason: string;
  risk: Record<Risk, string>; strength: Record<Strength, string>; status: Record<DetectorStatus, string>;
  coverage: string; evidence: Record<Evidence, string>; examined: string; notExamined: string; colon: string;
  artifact(name: string): string; catalogPhoto(n: number): string;
}

/** Artifact labels declared by the detectors' descriptors. */
const ARTIFACTS: Readonly<Record<string, Readonly<Record<Locale, string>>>> = Object.assign({}, ...DESCRIPTORS.map((d) => d.artifacts)) as Record<string, Record<Locale, string>>;

/** Report labels in English and Simplified Chinese. */
export const reportLabels: Record<Locale, ReportLabels> = {
  en: {
    title: 'claimlens report', verdict: 'Verdict', score: 'score', signals: 'Findings', finding: 'Finding', code: 'Code',
    weight: 'Weight', strengthHeader: 'Strength', noSignals: 'No findings.', claimImage: 'Claim photo', analysis: 'Analysis',
    file: 'File', format: 'Format', size: 'Size', detectors: 'Checks run', detector: 'Check', statusHeader: 'Status', reason: 'Note',
    risk: { low: 'Low risk', medium: 'Medium risk: review', high: 'High risk' },
    strength: { hint: 'hint', strong: 'strong', conclusive: 'conclusive' },
    status: { ok: 'ran', skipped: 'skipped', inconclusive: 'inconclusive', error: 'error' },
    coverage: 'What could be examined', examined: 'examined', notExamined: 'not examined', colon: ': ',
    evidence: { pixels: 'Pixels (edits, pasted or painted regions, AI marks)', metadata: 'Metadata (EXIF, XMP, IPTC)', provenance: 'Provenance (C2PA, AI labels)', catalog: 'Comparison with the catalog photos' },
    artifact: (n) => ARTIFACTS[n]?.en ?? n,
    catalogPhoto: (n) => `Catalog photo ${n}`,
  },
  'zh-CN': {
    title: 'claimlens 检测报告', verdict: '结论', score: '风险分', signals: '发现', finding: '发现', code: '代码',
    weight: '权重', strengthHeader: '强度', noSignals: '没有发现。', claimImage: '申请照片', analysis: '分析',
    file: '文件', format: '格式', size: '尺寸', detectors: '已运行的检查', detector: '检查项', statusHeader: '状态', reason: '说明',
    risk: { low: '低风险', medium: '中风险：需人工复核', high: '高风险' },
    strength: { hint: '提示', strong: '强', conclusive: '确定' },
    status: { ok: '已运行', skipped: '已跳过', inconclusive: '无法判断', error: '出错' },
    coverage: '可检查的内容', examined: '已检查', notExamined: '未能检查', colon: '：',
    evidence: { pixels: '像素（修改、粘贴或涂绘的区域、AI 标识）', metadata: '元数据（EXIF、XMP、IPTC）', provenance: '来源（C2PA、AI 标签）', catalog: '与商品主图的比对' },
    artifact: (n) => ARTIFACTS[n]?.['zh-CN'] ?? n,
    catalogPhoto: (n) => `商品主图 ${n}`,
  },
};
