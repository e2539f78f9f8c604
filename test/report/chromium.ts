import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export interface RenderedPage {
  consoleErrors: string[];
  chartsDrawn: number;
  /** Per canvas: id and how many of its pixels are not transparent. */
  canvases: Array<{ id: string; paintedPixels: number }>;
  screenshot: string;
}

/**
 * Opens an HTML file in Debian's headless Chromium (installed by scripts/ensure-chromium.sh),
 * with the network left unused, and reports console errors, drawn charts and a screenshot.
 */
export async function renderInChromium(htmlFile: string, screenshotDir: string): Promise<RenderedPage> {
  // A fresh profile per launch; playwright takes it as launchPersistentContext's first argument.
  const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'crawlsift-chromium-')), {
    viewport: { width: 1200, height: 900 },
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  try {
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    // A self-contained page fetches nothing: fail any request that is not the file itself.
    await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
    await page.goto(pathToFileURL(htmlFile).href, { waitUntil: 'load' });
    await page.waitForFunction(() => document.body.hasAttribute('data-charts-drawn'), undefined, { timeout: 15_000 }).catch(() => undefined);
    const chartsDrawn = Number(await page.evaluate(() => document.body.getAttribute('data-charts-drawn') ?? '0'));
    const canvases = await page.evaluate(() =>
      [...document.querySelectorAll('canvas')].map((c) => {
        const ctx = c.getContext('2d')!;
        const data = ctx.getImageData(0, 0, c.width, c.height).data;
        let painted = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
        return { id: c.id, paintedPixels: painted };
      }),
    );
    const screenshot = join(screenshotDir, 'report.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    return { consoleErrors, chartsDrawn, canvases, screenshot };
  } finally {
    await context.close();
  }
}
