import { execFileSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const SYSTEM_NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
const MAC_APPS = ['/Applications/Chromium.app/Contents/MacOS/Chromium', '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome'];

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

/** Whether the dynamic linker knows NSS, which Chromium needs and a bare Linux may lack. */
function hasNss(): boolean {
  try {
    return execFileSync('ldconfig', ['-p'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).includes('libnss3.so');
  } catch {
    return false;
  }
}

/**
 * A headless Chromium to drive (the browser tests, PDF rendering), in this
 * order: CHROMIUM_PATH; a chromium or Chrome on PATH (or in /Applications on
 * a Mac); the one shipped inside the @sparticuz/chromium npm package
 * (linux-x64, unpacked to the temporary folder on first use). Null when none
 * can be had, e.g. on another OS without Chrome, or where that package is not
 * installed (it is a development dependency).
 */
export async function findChromium(): Promise<string | null> {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return executable(configured) ? configured : null;
  for (const name of SYSTEM_NAMES) {
    const found = onPath(name);
    if (found) return found;
  }
  if (process.platform === 'darwin') return MAC_APPS.find(executable) ?? null;
  if (process.platform !== 'linux' || process.arch !== 'x64') return null;
  try {
    // Without NSS on the system, have the package unpack the libraries it
    // ships for Amazon Linux 2023 too and put them on LD_LIBRARY_PATH, which
    // the browser inherits. The package decides that when it is loaded.
    if (!hasNss()) process.env.AWS_LAMBDA_JS_RUNTIME ??= 'nodejs20.x';
    const { default: chromium } = await import('@sparticuz/chromium');
    return await chromium.executablePath();
  } catch {
    return null;
  }
}
