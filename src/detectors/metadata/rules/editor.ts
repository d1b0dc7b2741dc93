import type { MetadataSpec } from '../descriptor';
import { EDITORS, EDITOR_WEIGHTS, NOT_EDITORS, type EditorRow, type NotEditorRow } from '../data/editors';
import { str, type MetadataFacts } from '../facts';

/** What a software string is. */
export type SoftwareClass = { kind: 'editor'; row: EditorRow } | { kind: 'not-editor'; row: NotEditorRow } | { kind: 'unknown' };

/** Classify one software string: firmware / OS / camera app first (never an editor), then editing programs. */
export function classifySoftware(value: string): SoftwareClass {
  const v = value.trim().slice(0, 256);
  const ne = NOT_EDITORS.find((r) => r.pattern.test(v));
  if (ne) return { kind: 'not-editor', row: ne };
  const ed = EDITORS.find((r) => r.pattern.test(v));
  return ed ? { kind: 'editor', row: ed } : { kind: 'unknown' };
}

/** A tag holding a software name, and its value. */
export interface SoftwareTag {
  tag: string;
  value: string;
}

/** Every place a program names itself: EXIF, XMP (CreatorTool and history agents), IPTC, PNG text. */
export function softwareTags(f: MetadataFacts): SoftwareTag[] {
  const out: SoftwareTag[] = [];
  const add = (tag: string, value: string | undefined): void => {
    if (value && !out.some((o) => o.value === value && o.tag === tag)) out.push({ tag, value: value.slice(0, 256) });
  };
  add('Software', str(f.ifd0, 'Software'));
  add('ProcessingSoftware', str(f.ifd0, 'ProcessingSoftware'));
  add('xmp:CreatorTool', f.xmp.creatorTool);
  for (const e of f.xmp.history) add('xmpMM:History softwareAgent', e.softwareAgent);
  add('IPTC OriginatingProgram', str(f.iptc, 'OriginatingProgram'));
  for (const t of f.pngText) if (/^(software|creator|creation software)$/i.test(t.keyword)) add(`PNG ${t.keyword}`, t.text.trim());
  return out;
}

/**
 * Rule 1, editing software: an editing program named in any software tag → `metadata.editor-software`, weighted by
 * the program's kind (AI editor > pixel/beauty editor > organiser > converter). Camera firmware, phone OS versions
 * and vendor camera apps are recognised and never flagged.
 */
export function editorRule(f: MetadataFacts): MetadataSpec[] {
  const found: { tag: string; value: string; row: EditorRow }[] = [];
  for (const t of softwareTags(f)) {
    const c = classifySoftware(t.value);
    if (c.kind === 'editor') found.push({ ...t, row: c.row });
  }
  if (found.length === 0) return [];
  found.sort((a, b) => EDITOR_WEIGHTS[b.row.kind] - EDITOR_WEIGHTS[a.row.kind]);
  const top = found[0];
  const weight = EDITOR_WEIGHTS[top.row.kind];
  return [
    {
      code: 'metadata.editor-software',
      weight,
      // Any editing program named contradicts a camera original (every kind weighs ≥ 0.5, EDITOR_WEIGHTS).
      contradictsCamera: true,
      params: { software: top.value, tag: top.tag },
      details: {
        tag: top.tag,
        value: top.value,
        program: top.row.name,
        kind: top.row.kind,
        found: found.slice(0, 16).map((x) => ({ tag: x.tag, value: x.value, program: x.row.name, kind: x.row.kind })),
      },
    },
  ];
}
