import { Injectable, OnModuleDestroy } from '@nestjs/common';
import type { Browser } from 'playwright-core';
import { CHROMIUM_ARGS, requireChromium } from '../common/chromium';
import { invalidState } from '../common/errors';

/**
 * An edition's PDF, printed by Chromium from the edition page itself, so the
 * PDF says exactly what the page says: its print stylesheet drops the site
 * navigation, the page's table of contents is the PDF's, and the footer
 * carries the label and page numbers. One browser is kept for the process
 * and each PDF gets its own page; the browser starts on first use.
 */
@Injectable()
export class EditionPdfService implements OnModuleDestroy {
  private browser: Promise<Browser> | null = null;

  async render(html: string, label: string): Promise<Buffer> {
    const browser = await this.launch();
    const page = await browser.newPage({ javaScriptEnabled: false });
    try {
      // The page has no script and no remote resource; nothing may load from the network.
      await page.route('**/*', (route) => route.abort());
      await page.setContent(html, { waitUntil: 'load' });
      const footer = `<div style="font: 8pt system-ui, sans-serif; width: 100%; padding: 0 1.5cm; display: flex; justify-content: space-between;">
<span>${label.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`)}</span><span>Page <span class="pageNumber"></span> of <span class="totalPages"></span></span></div>`;
      return await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: footer,
        margin: { top: '1.8cm', bottom: '2cm', left: '1.8cm', right: '1.8cm' },
        outline: true,
        tagged: true,
      });
    } finally {
      await page.close();
    }
  }

  private launch(): Promise<Browser> {
    this.browser ??= (async () => {
      try {
        // Loaded on the first PDF: playwright-core is 7 MB of JavaScript that every start would otherwise compile.
        const { chromium } = await import('playwright-core');
        return await chromium.launch({ executablePath: await requireChromium(), headless: true, args: CHROMIUM_ARGS });
      } catch (err) {
        this.browser = null;
        throw invalidState(`The PDF cannot be made on this server: ${(err as Error).message.split('\n')[0]}`);
      }
    })();
    return this.browser;
  }

  async onModuleDestroy() {
    const browser = await this.browser?.catch(() => null);
    await browser?.close();
  }
}
