// The kernel: config defaults, plugin options checked at boot, provider registries, lifecycle order.
import { afterEach, describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createTestApp, type TestApp } from '../testing'
import { resolveConfig } from './config'
import { ConfigError } from './errors'
import { definePlugin } from './plugin'
import type { Providers } from './providers'

describe('config', () => {
  it('gives every value a default, so an empty config runs', () => {
    const config = resolveConfig({}, {})
    expect(config.http.port).toBe(9000)
    expect(config.database.url).toBeUndefined()
    expect(config.redis.url).toBeUndefined()
    expect(config.plugins).toEqual([])
  })

  it('reads the environment where the config is silent', () => {
    const config = resolveConfig(
      {},
      {
        PORT: '9100',
        DATABASE_URL: 'sqlite:shop.db',
        REDIS_URL: 'redis://127.0.0.1:6379',
        STORE_CORS: 'http://a,http://b',
      },
    )
    expect(config.http.port).toBe(9100)
    expect(config.database.url).toBe('sqlite:shop.db')
    expect(config.redis.url).toBe('redis://127.0.0.1:6379')
    expect(config.http.storeCors).toEqual(['http://a', 'http://b'])
  })

  it('refuses a bad value, naming it', () => {
    expect(() => resolveConfig({}, { PORT: 'ninety' })).toThrow(/http\.port/)
  })
})

const paymentPlugin = definePlugin({
  name: 'payment-acme',
  options: z.object({ apiKey: z.string().min(10), currency: z.enum(['usd', 'eur']).default('usd') }),
  register(ctx) {
    ctx.providers.payment.register({ id: 'pp_acme', currency: ctx.options.currency } as never)
  },
})

describe('plugins', () => {
  let app: TestApp | undefined
  afterEach(async () => {
    await app?.close()
    app = undefined
  })

  it('stops boot on a bad option, naming the plugin and the option', async () => {
    const boot = createTestApp({ plugins: [[paymentPlugin, { apiKey: 'short' }]] })
    await expect(boot).rejects.toThrow(ConfigError)
    await expect(createTestApp({ plugins: [[paymentPlugin, { apiKey: 'short' }]] })).rejects.toThrow(
      /Plugin "payment-acme".*option "apiKey"/,
    )
  })

  it('passes validated options with their defaults, and resolves providers by id', async () => {
    app = await createTestApp({
      plugins: [{ resolve: paymentPlugin, options: { apiKey: 'sk_test_0123456789' } }],
    })
    const providers = app.container.resolve<Providers>('providers')
    expect(providers.payment.get('pp_acme')).toMatchObject({ id: 'pp_acme', currency: 'usd' })
    expect(() => providers.payment.get('pp_missing')).toThrow(
      /No payment provider is registered with the id pp_missing/,
    )
    // Core's own default is there beside the plugin's.
    expect(providers.search.list().map((provider) => provider.id)).toEqual(['search_embedded'])
  })

  it('refuses the same plugin listed twice', async () => {
    const plain = definePlugin({ name: 'twice' })
    await expect(createTestApp({ plugins: [plain, plain] })).rejects.toThrow(/"twice" is listed twice/)
  })

  it('runs register, boot and shutdown in order, shutdown in reverse', async () => {
    const calls: string[] = []
    const tracked = (name: string) =>
      definePlugin({
        name,
        register: () => void calls.push(`${name}.register`),
        boot: () => void calls.push(`${name}.boot`),
        shutdown: () => void calls.push(`${name}.shutdown`),
      })
    app = await createTestApp({ plugins: [tracked('first'), tracked('second')] })
    expect(calls).toEqual(['first.register', 'second.register', 'first.boot', 'second.boot'])
    await app.close()
    app = undefined
    expect(calls.slice(4)).toEqual(['second.shutdown', 'first.shutdown'])
  })

  it('gives each request a scope of its own', async () => {
    const seen: unknown[] = []
    const probe = definePlugin({
      name: 'probe',
      register(ctx) {
        ctx.addRoutes({
          method: 'get',
          path: '/store/probe',
          summary: 'Which request is this',
          response: z.object({ ok: z.boolean() }),
          handler: ({ scope }) => {
            seen.push(scope.resolve('requestContext'))
            return { ok: true }
          },
        })
      },
    })
    app = await createTestApp({ plugins: [probe] })
    await app.request('GET', '/store/probe', { headers: { 'x-request-id': 'req-one' } })
    await app.request('GET', '/store/probe', { headers: { 'x-request-id': 'req-two' } })
    expect(seen).toEqual([
      { requestId: 'req-one', actor: null },
      { requestId: 'req-two', actor: null },
    ])
  })
})
