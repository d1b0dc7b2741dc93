import { fingerprint } from '../../detectors/catalog/fingerprint';
import { parseArgs, UsageError } from '../args';
import { EXIT, type CliIO } from '../io';

/** Help text of `claimlens fingerprint`. */
export const FINGERPRINT_HELP = `Usage: claimlens fingerprint <img>...

Fingerprint seller catalog photos once, at listing time. Prints one CatalogFingerprint JSON per line;
store it and pass it back with 'claimlens inspect --catalog fp.json'.`;

/** `claimlens fingerprint`. */
export async function fingerprintCommand(argv: string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, [], ['debug', 'help']);
  if (args.flags.has('help')) {
    io.stdout(`${FINGERPRINT_HELP}\n`);
    return EXIT.ok;
  }
  if (args.positionals.length === 0) throw new UsageError('missing <img>');
  for (const p of args.positionals) io.stdout(`${JSON.stringify(await fingerprint(p))}\n`);
  return EXIT.ok;
}
