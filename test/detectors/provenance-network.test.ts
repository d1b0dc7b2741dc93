/**
 * Offline by default: inspecting a file whose C2PA manifest is only remote (and files whose XMP is full of URLs)
 * makes no network access. Every way out is instrumented to record and refuse the call: `globalThis.fetch` (what
 * the wasm glue uses), `net.Socket.prototype.connect` (anything on TCP/TLS), `dns.lookup` and
 * `dns.promises.lookup`. This file is its own module registry, so the C2PA wasm is initialised cold under the
 * instrumentation too.
 */
import dns from 'node:dns';
import net from 'node:net';
import { join } from 'node:path';
import { createInspector } from '../../src/inspector';
import { provenance } from '../../src/detectors/provenance';
import { CORPUS_DIR, describeCorpus } from '../helpers/corpus';

interface Call {
  via: string;
  target: string;
}

function instrument(): { calls: Call[]; restore: () => void } {
  const calls: Call[] = [];
  const origFetch = globalThis.fetch;
  const origConnect = net.Socket.prototype.connect;
  const origLookup = dns.lookup;
  const origPromisesLookup = dns.promises.lookup;
  const refuse = (via: string, target: unknown): Error => {
    calls.push({ via, target: typeof target === 'string' ? target : JSON.stringify(target) ?? String(target) });
    return new Error(`network access refused in test (${via})`);
  };
  globalThis.fetch = ((input: unknown) => Promise.reject(refuse('fetch', input instanceof Request ? input.url : String(input)))) as typeof fetch;
  net.Socket.prototype.connect = function connect(...args: unknown[]): never {
    throw refuse('net.Socket.connect', args[0]);
  } as typeof net.Socket.prototype.connect;
  (dns as { lookup: unknown }).lookup = (host: string): never => {
    throw refuse('dns.lookup', host);
  };
  (dns.promises as { lookup: unknown }).lookup = (host: string): Promise<never> => Promise.reject(refuse('dns.promises.lookup', host));
  return {
    calls,
    restore: () => {
      globalThis.fetch = origFetch;
      net.Socket.prototype.connect = origConnect;
      (dns as { lookup: unknown }).lookup = origLookup;
      (dns.promises as { lookup: unknown }).lookup = origPromisesLookup;
    },
  };
}

describeCorpus('provenance makes no network access by default', () => {
  test('remote-only manifest (c2parst__cloud.jpg) and XMP with URLs: zero calls, remote reference reported with its URL', async () => {
    const net0 = instrument();
    try {
      const inspector = createInspector({ detectors: [provenance()] });
      const cloud = await inspector.inspect(join(CORPUS_DIR, 'c2pa', 'c2parst__cloud.jpg'));
      // XMP packets full of http:// namespace URIs and a self#jumbf provenance reference; a composite with ingredients.
      const others = await Promise.all(
        ['c2pa/c2parst__no_manifest.jpg', 'c2pa/cattest__composite-dst.jpg', 'ai-labelled/rmaiwm__doubao_black_1x1_1.png'].map((f) => inspector.inspect(join(CORPUS_DIR, f))),
      );
      expect(net0.calls).toEqual([]);
      const remote = cloud.signals.find((s) => s.code === 'provenance.c2pa-remote');
      expect(remote?.details?.url).toBe('https://cai-manifests.adobe.com/manifests/adobe-urn-uuid-5f37e182-3687-462e-a7fb-573462780391');
      expect(remote?.details?.fetched).toBe(false);
      expect(remote?.message).toContain('https://cai-manifests.adobe.com/manifests/');
      for (const v of [cloud, ...others]) expect(v.detectors[0].status).toBe('ok');
    } finally {
      net0.restore();
    }
  });

  test('the instrumentation is live: with remoteManifestFetch on, the reader does try to fetch (and is refused)', async () => {
    const net1 = instrument();
    try {
      const inspector = createInspector({ detectors: [provenance({ remoteManifestFetch: true })] });
      const v = await inspector.inspect(join(CORPUS_DIR, 'c2pa', 'c2parst__cloud.jpg'));
      expect(net1.calls.length).toBeGreaterThan(0);
      expect(net1.calls[0].target).toContain('cai-manifests.adobe.com');
      expect(v.detectors[0].status).not.toBe('skipped');
    } finally {
      net1.restore();
    }
  });
});
