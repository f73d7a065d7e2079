// The admin UI in a real browser: served at /app, labelled, usable at phone and desktop widths.
import { existsSync, mkdtempSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { createTestApp, type TestApp } from '@shopwright/core/testing'
import { launchBrowser, openPage, unlabelledFields } from '@shopwright/core/testing/browser'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const dist = fileURLToPath(new URL('../dist', import.meta.url))
const ADMIN_TOKEN = 'browser-test-admin-token-0123456789'

describe('admin UI', () => {
  let app: TestApp
  let browser: Browser
  const shots = mkdtempSync(path.join(tmpdir(), 'sw-admin-shots-'))

  beforeAll(async () => {
    expect(existsSync(path.join(dist, 'index.html')), 'the admin UI is built by npm install').toBe(true)
    process.env.SHOPWRIGHT_ADMIN_TOKEN = ADMIN_TOKEN
    app = await createTestApp({ config: { http: { static: [{ prefix: '/app', dir: dist, spa: true }] } } })
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await app?.close()
    delete process.env.SHOPWRIGHT_ADMIN_TOKEN
  })

  for (const width of [390, 1280]) {
    it(`shows a labelled sign-in form at ${width} px, with no console errors`, async () => {
      const { page, errors } = await openPage(browser, width)
      await page.goto(`${app.url()}/app/`)
      await page.getByRole('heading', { name: 'Sign in to Shopwright' }).waitFor()
      expect(await unlabelledFields(page)).toEqual([])
      const form = await page.locator('form').boundingBox()
      expect(form!.width).toBeLessThanOrEqual(width)
      const file = path.join(shots, `sign-in-${width}.png`)
      await page.screenshot({ path: file, fullPage: true })
      expect(statSync(file).size).toBeGreaterThan(1000)
      expect(errors).toEqual([])
      await page.close()
    })
  }

  it('checks the form before sending it', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${app.url()}/app/`)
    await page.getByRole('button', { name: 'Sign in' }).click()
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/email address/)
    expect(errors).toEqual([])
    await page.close()
  })

  it('serves the app for its own routes and its assets with long caching', async () => {
    const deep = await fetch(`${app.url()}/app/orders/order_123`)
    expect(deep.status).toBe(200)
    expect(await deep.text()).toContain('<div id="root">')
    const html = await (await fetch(`${app.url()}/app/`)).text()
    const asset = /src="(\/app\/assets\/[^"]+\.js)"/.exec(html)![1]!
    const script = await fetch(`${app.url()}${asset}`)
    expect(script.status).toBe(200)
    expect(script.headers.get('cache-control')).toContain('immutable')
    expect((await fetch(`${app.url()}/app/assets/missing.js`)).status).toBe(404)
  })

  it('lists failed deliveries for a signed-in admin', async () => {
    const { page, errors } = await openPage(browser)
    await page.goto(`${app.url()}/app/`)
    await page.evaluate(
      (token: string) => (globalThis as any).sessionStorage.setItem('shopwright.admin.token', token),
      ADMIN_TOKEN,
    )
    await page.reload()
    await page.getByRole('heading', { name: 'Failed deliveries' }).waitFor()
    await expect(page.getByText('Nothing has failed').count()).resolves.toBe(1)
    expect(errors).toEqual([])
    await page.close()
  })
})
