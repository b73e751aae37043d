import { existsSync } from 'node:fs';

/**
 * The Chromium to drive with playwright-core: CHROMIUM_PATH, else the
 * system's chromium. (The browser suite's fuller lookup, with the Chromium
 * shipped in @sparticuz/chromium, replaces this with the same signature.)
 */
export async function findChromium(): Promise<string> {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`No Chromium found (tried ${candidates.join(', ')}); set CHROMIUM_PATH.`);
  return found;
}

/** Flags for a headless Chromium on a closed network: no sandbox (containers), no background traffic. */
export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
