import { metadataDescriptor, ruleWeight, type MetadataSpec } from '../descriptor';
import { cutsOf, strengthOf } from '../../descriptor';
import { roundTo } from '../../../pixels/stats';

/**
 * One fact counted once: `metadata.editor-software` (an editing program names itself) and `metadata.edit-history`
 * (XMP history, derived-from ids, editor resources, a later ModifyDate) are two readings of the same fact — the
 * file was written by an editing program after capture. An editor that saves a photo writes both (Lightroom and
 * Photoshop exports carry Software/CreatorTool *and* xmpMM:History with their own save events), so summing them
 * made one export weigh as two independent findings: in bench/genuine.ts, 12 of 597 genuine web photos (Unsplash
 * exports naming Lightroom/Photoshop) reached `high` on this pair alone plus hints. The fit cannot learn the
 * correlation (its calibration sets carry no metadata: docs/fusion.md), so the detector states it.
 *
 * Only two *strong* readings are merged: fusion already caps all hints together (fusion/fuse.ts HINT_CAP), so a
 * hint-level reading cannot overstate the fact, while strong signals add up without a cap. Then the stronger keeps
 * its weight and strength (the fact at its strongest reading); the weaker stays in the report for the reviewer but
 * adds only what a further clue adds (`historyPerClue` per clue, as edit-history itself counts further clues), at
 * most a hint. Its own weight is kept in `details.weightAlone`. Merging hint-level readings too was measured and
 * dropped: on ../shared/corpus it took four tampered CASIA files saved by Photoshop (editor strong, history a hint)
 * from medium to low and lowered the fused ROC-AUC (0.9188 with strong pairs only, 0.9176 with every pair).
 */
export function countEditOnce(editor: readonly MetadataSpec[], history: readonly MetadataSpec[]): { editor: MetadataSpec[]; history: MetadataSpec[] } {
  const e = editor[0];
  const h = history[0];
  const strong = (x: MetadataSpec): boolean => strengthOf(x.weight, cutsOf(metadataDescriptor), x) !== 'hint';
  if (!e || !h || !strong(e) || !strong(h)) return { editor: [...editor], history: [...history] };
  const perClue = ruleWeight('historyPerClue').weight;
  // Ties go to the editor signal: it names the program, which is what a reviewer reads first.
  if (e.weight >= h.weight) {
    const evidence = Array.isArray(h.details?.evidence) ? h.details.evidence.length : 1;
    return { editor: [e], history: [demote(h, Math.min(h.weight, perClue * evidence), 'metadata.editor-software')] };
  }
  return { editor: [demote(e, Math.min(e.weight, perClue), 'metadata.edit-history')], history: [h] };
}

function demote(s: MetadataSpec, weight: number, countedIn: string): MetadataSpec {
  return { ...s, weight: roundTo(weight, 2), atMost: 'hint', details: { ...s.details, weightAlone: s.weight, sameFactAs: countedIn } };
}
