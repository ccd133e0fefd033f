import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A webhook receiver on 127.0.0.1 for one test: answers 200 and keeps what it was sent (or fails on request). */
export interface Receiver {
  url: string;
  received: Received[];
  /** Answers the next this many deliveries with 500. */
  failNext: (count: number) => void;
  close: () => Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Received[] = [];
  let failing = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const fail = failing > 0;
      if (fail) failing -= 1;
      else received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(fail ? 500 : 200, { 'Content-Type': 'text/plain' });
      response.end(fail ? 'not now' : 'ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/communityhub`,
    received,
    failNext: (count) => {
      failing = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The receiver's check of `CommunityHub-Signature: t=<unix>,v1=<hex HMAC-SHA256("t.body")>` (docs/webhooks.md). */
export function signatureMatches(delivery: Received, secret: string): boolean {
  const header = String(delivery.headers['communityhub-signature'] ?? '');
  const t = /(?:^|,)t=(\d+)/.exec(header)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]+)/.exec(header)?.[1];
  if (!t || !v1) return false;
  return createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex') === v1;
}
