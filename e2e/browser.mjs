// Headless Debian Chromium through playwright-core (no browser download).
//
//   import { launch } from './browser.mjs';
//   const ctx = await launch();            // a persistent context in a fresh tmp profile
//   const page = await ctx.newPage();
//   ...
//   await ctx.close();                     // also removes the tmp profile dir
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * @param {object} [options] extra options for launchPersistentContext (viewport, locale, ...)
 * @returns {Promise<import('playwright-core').BrowserContext>} close() also deletes the profile
 */
export async function launch(options = {}) {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`);
  }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'nianbao-chromium-'));
  // Chromium may still be writing into the profile for a moment after close: retry, never throw.
  let removing;
  const cleanup = () =>
    (removing ||= fs.promises
      .rm(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 })
      .catch((e) => console.error(`warning: could not remove ${profile}: ${e.message}`)));
  let context;
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 900 },
      locale: 'zh-CN',
      ...options,
    });
  } catch (err) {
    await cleanup();
    throw err;
  }
  const close = context.close.bind(context);
  let closed = false;
  context.close = async (...args) => {
    if (closed) return;
    closed = true;
    try {
      await close(...args);
    } finally {
      await cleanup();
    }
  };
  // If the browser dies on its own, still remove the profile.
  context.on('close', () => {
    closed = true;
    setTimeout(cleanup, 200);
  });
  return context;
}
