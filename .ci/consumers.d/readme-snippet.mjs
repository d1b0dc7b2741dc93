// Write readme.mts: the README's first TypeScript example (under "## Use it") as a fresh consumer would paste it,
// after declarations of the names it leaves to the reader (the bytes, the routing calls, the trust anchors).
// run-readme.mjs gives those names real values when the compiled snippet runs.
import { readFileSync, writeFileSync } from 'node:fs';

const [readme, out] = process.argv.slice(2);
const text = readFileSync(readme, 'utf8');
const section = text.slice(text.indexOf('\n## Use it'));
const match = /```ts\n([\s\S]*?)```/.exec(section);
if (!match) throw new Error(`${readme}: no \`\`\`ts block under "## Use it"`);
const preamble = `declare const catalogJpegBytes: Uint8Array;
declare const claimBytes: Uint8Array;
declare const trustAnchorsPem: string;
declare function approve(): void;
declare function sendToReviewer(v: unknown): void;
`;
writeFileSync(out, `${preamble}${match[1]}export {};\n`);
console.log(`readme.mts: ${match[1].split('\n').length - 1} lines from ${readme}`);
