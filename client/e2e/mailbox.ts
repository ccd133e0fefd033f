import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from '@playwright/test';

/** Quoted-printable as MimeKit writes text parts: soft line breaks and =XX bytes (UTF-8). */
function decodeQuotedPrintable(text: string): string {
  const joined = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    const hex = joined.slice(i + 1, i + 3);
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(joined[i] ?? '', 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The messages the API wrote (Development: one .eml file each) to `address`, decoded enough to read links. */
function messagesTo(address: string): string[] {
  const folder = process.env.E2E_MAIL_DIR ?? '';
  let files: string[] = [];
  try {
    files = readdirSync(folder).filter((f) => f.endsWith('.eml'));
  } catch {
    return [];
  }
  return files
    .map((f) => readFileSync(join(folder, f), 'utf8'))
    .map((m) => (/Content-Transfer-Encoding: quoted-printable/i.test(m) ? decodeQuotedPrintable(m) : m))
    .filter((m) => new RegExp(`^To: .*${address.replace(/[.+]/g, '\\$&')}`, 'mi').test(m));
}

/** Waits (bounded) until `count` messages have reached `address`; returns them. */
export async function mailTo(address: string, count = 1): Promise<string[]> {
  await expect.poll(() => messagesTo(address).length, { timeout: 15_000 }).toBeGreaterThanOrEqual(count);
  return messagesTo(address);
}

/** The personal registration link (path and fragment) from a registration message. */
export function registrationLink(message: string): string {
  const match = /\/events\/[0-9a-f-]{36}\/registration#id=[0-9a-f-]{36}&token=[A-Za-z0-9_%-]+/.exec(message);
  expect(match, 'a registration link in the message').not.toBeNull();
  return match?.[0] ?? '';
}
