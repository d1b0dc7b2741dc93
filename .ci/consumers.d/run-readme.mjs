// Preloaded (node --import) before the compiled README snippet: the values of the names it declares, from the
// example photos shipped in the package, so the snippet runs exactly as printed.
import { readFileSync } from 'node:fs';
import { rootCertificates } from 'node:tls';

const demo = 'node_modules/claimlens/fixtures/demo';
let routed = '';
Object.assign(globalThis, {
  catalogJpegBytes: readFileSync(`${demo}/catalog.jpg`),
  claimBytes: readFileSync(`${demo}/claim.jpg`),
  trustAnchorsPem: rootCertificates[0],
  approve: () => (routed = 'approve'),
  sendToReviewer: (v) => (routed = `review (${v.risk} ${v.score})`),
});
process.on('beforeExit', () => {
  if (!routed) throw new Error('the README snippet did not route the verdict');
  console.log(`README snippet ran: ${routed}`);
  routed = '';
});
