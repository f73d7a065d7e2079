// Browser tests: Debian's Chromium driven by playwright-core, never a downloaded browser. Every page
// is watched for console errors, which fail the test that caused them.
import { type Browser, chromium, type Page } from 'playwright-core'

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export async function launchBrowser(): Promise<Browser> {
  // Playwright gives every launch a fresh, temporary profile (its own --user-data-dir).
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  })
}

export interface WatchedPage {
  page: Page
  /** Console errors and uncaught page errors seen so far. */
  errors: string[]
}

export async function openPage(browser: Browser, width = 1280, height = 900): Promise<WatchedPage> {
  const page = await browser.newPage({ viewport: { width, height } })
  const errors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  return { page, errors }
}

/** Every visible input, select and textarea has a label a screen reader announces. */
export async function unlabelledFields(page: Page): Promise<string[]> {
  return page.$$eval('input:not([type=hidden]), select, textarea', (fields) =>
    fields
      .filter((field) => {
        const element = field as unknown as {
          labels?: { length: number }
          getAttribute(name: string): string | null
        }
        const labelled =
          element.labels?.length ||
          element.getAttribute('aria-label') ||
          element.getAttribute('aria-labelledby')
        return !labelled
      })
      .map((field) => field.outerHTML),
  )
}
