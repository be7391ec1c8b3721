import { test as base } from '@playwright/test';

export { expect } from '@playwright/test';
export type { APIRequestContext, Locator, Page, TestInfo } from '@playwright/test';

/**
 * Playwright's `test`, closing at the end of each test every browser context the test opened
 * itself (`browser.newContext()`): the browser lives for the whole suite, so a context left
 * open keeps its pages, live event streams and timers running through every later test.
 */
export const test = base.extend<{ closeOpenedContexts: void }>({
  closeOpenedContexts: [
    async ({ browser }, use) => {
      const before = new Set(browser.contexts());
      await use();
      const opened = browser.contexts().filter((context) => !before.has(context));
      await Promise.all(opened.map((context) => context.close().catch(() => undefined)));
    },
    { auto: true },
  ],
});
