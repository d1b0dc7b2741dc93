import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import { join } from 'node:path';
import sharp from 'sharp';
import { inspect } from '../../src/inspector';
import { CORPUS_DIR, HAS_CORPUS } from '../helpers/corpus';

/**
 * Records and refuses every way Node can reach the network while `fn` runs: fetch, sockets, TLS, HTTP(S), DNS.
 * Instrumentation of Node's own entry points, not a mock of any library under test.
 */
async function withNetworkTrap<T>(fn: () => Promise<T>): Promise<{ result: T; calls: string[] }> {
  const calls: string[] = [];
  const refuse = (what: string) => (...args: unknown[]): never => {
    calls.push(`${what}(${args.map((a) => (typeof a === 'string' ? a : typeof a)).join(', ')})`);
    throw new Error(`network access refused in test: ${what}`);
  };
  const saved = {
    fetch: globalThis.fetch, connect: net.Socket.prototype.connect, tlsConnect: tls.connect, httpRequest: http.request, httpsRequest: https.request,
    lookup: dns.lookup, resolve: dns.resolve, pLookup: dns.promises.lookup, pResolve: dns.promises.resolve,
  };
  globalThis.fetch = refuse('fetch') as typeof fetch;
  net.Socket.prototype.connect = refuse('net.Socket.connect') as typeof net.Socket.prototype.connect;
  (tls as { connect: unknown }).connect = refuse('tls.connect');
  (http as { request: unknown }).request = refuse('http.request');
  (https as { request: unknown }).request = refuse('https.request');
  (dns as { lookup: unknown }).lookup = refuse('dns.lookup');
  (dns as { resolve: unknown }).resolve = refuse('dns.resolve');
  (dns.promises as { lookup: unknown }).lookup = refuse('dns.promises.lookup');
  (dns.promises as { resolve: unknown }).resolve = refuse('dns.promises.resolve');
  try {
    return { result: await fn(), calls };
  } finally {
    globalThis.fetch = saved.fetch;
    net.Socket.prototype.connect = saved.connect;
    (tls as { connect: unknown }).connect = saved.tlsConnect;
    (http as { request: unknown }).request = saved.httpRequest;
    (https as { request: unknown }).request = saved.httpsRequest;
    (dns as { lookup: unknown }).lookup = saved.lookup;
    (dns as { resolve: unknown }).resolve = saved.resolve;
    (dns.promises as { lookup: unknown }).lookup = saved.pLookup;
    (dns.promises as { resolve: unknown }).resolve = saved.pResolve;
  }
}

const XMP_WITH_URLS = `<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/" dcterms:provenance="https://example.com/manifests/abc.c2pa" xmpMM:DocumentID="https://example.com/doc/1"/>
</rdf:RDF></x:xmpmeta>`;

describe('no network during inspect with default options', () => {
  test('the trap itself catches fetch, sockets and DNS', async () => {
    const { calls } = await withNetworkTrap(async () => {
      try { await fetch('http://127.0.0.1:9/'); } catch { /* refused */ }
      try { net.connect(9, '127.0.0.1'); } catch { /* refused */ }
      try { dns.lookup('example.com', () => undefined); } catch { /* refused */ }
      return null;
    });
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });

  test('a file whose XMP references remote manifests and URLs', async () => {
    const bytes = await sharp({ create: { width: 200, height: 150, channels: 3, background: '#7a9' } }).withXmp(XMP_WITH_URLS).jpeg().toBuffer();
    const { result, calls } = await withNetworkTrap(() => inspect(bytes));
    expect(calls).toEqual([]);
    expect(result.detectors.every((d) => d.status !== 'error')).toBe(true);
  });

  (HAS_CORPUS ? test : test.skip)('the C2PA file whose manifest is remote only (shared corpus c2parst__cloud.jpg)', async () => {
    const { result, calls } = await withNetworkTrap(() => inspect(join(CORPUS_DIR, 'c2pa', 'c2parst__cloud.jpg')));
    expect(calls).toEqual([]);
    expect(result.detectors.find((d) => d.name === 'provenance')?.status).not.toBe('error');
  });
});
