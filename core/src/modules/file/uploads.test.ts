// Admin uploads: images are stored under the project folder and served at /static/uploads; anything
// too large, of another type, or not the image it claims to be is refused and leaves no file behind.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { staticDir } from '../../seed/demo'
import { createTestApp, type TestApp } from '../../testing'
import { MAX_UPLOAD_BYTES } from '.'

const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  Buffer.from('a tiny product photo'),
])

describe('admin uploads', () => {
  let app: TestApp
  let uploads: string

  beforeAll(async () => {
    app = await createTestApp({ serve: [] })
    uploads = path.join(staticDir(app.config.projectDir), 'uploads')
  })
  afterAll(async () => {
    await app?.close()
  })

  const stored = () => readdirSync(uploads, { withFileTypes: true }).filter((entry) => entry.isFile())

  it('stores a PNG and serves the same bytes at the address it answers', async () => {
    const answer = await app.request('POST', '/admin/uploads', {
      rawBody: PNG,
      headers: { ...app.adminHeaders, 'content-type': 'image/png' },
    })
    expect(answer.status).toBe(201)
    expect(answer.body.file).toMatchObject({ size: PNG.length, content_type: 'image/png' })
    expect(answer.body.file.url).toMatch(/^\/static\/uploads\/file_[0-9a-z]+\.png$/)

    const served = await fetch(`${app.url()}${answer.body.file.url}`)
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('image/png')
    expect(Buffer.from(await served.arrayBuffer()).equals(PNG)).toBe(true)
  })

  it('refuses a file larger than the limit, and keeps nothing of it', async () => {
    const before = stored().length
    const large = Buffer.concat([PNG, Buffer.alloc(MAX_UPLOAD_BYTES)])
    const answer = await app.request('POST', '/admin/uploads', {
      rawBody: large,
      headers: { ...app.adminHeaders, 'content-type': 'image/png' },
    })
    expect(answer.status).toBe(413)
    expect(answer.body).toMatchObject({
      type: 'payload_too_large',
      message: expect.stringContaining('limit'),
    })
    expect(stored()).toHaveLength(before)
  })

  it('refuses a file sent without a length once it passes the limit, and keeps nothing of it', async () => {
    const before = stored().length
    const chunk = Buffer.alloc(256 * 1024)
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(PNG)
        controller.enqueue(chunk)
        sent += chunk.length
        if (sent > MAX_UPLOAD_BYTES * 2) controller.close()
      },
    })
    const answer = await fetch(`${app.url()}/admin/uploads`, {
      method: 'POST',
      headers: { ...app.adminHeaders, 'content-type': 'image/png' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(answer.status).toBe(413)
    expect(stored()).toHaveLength(before)
    expect(readdirSync(uploads).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('refuses a type that is not an image', async () => {
    const answer = await app.request('POST', '/admin/uploads', {
      rawBody: '<script>alert(1)</script>',
      headers: { ...app.adminHeaders, 'content-type': 'text/html' },
    })
    expect(answer.status).toBe(415)
    expect(answer.body.message).toContain('image/png')
  })

  it('refuses a file that claims to be a PNG but is not one, and keeps nothing of it', async () => {
    const before = stored().length
    const answer = await app.request('POST', '/admin/uploads', {
      rawBody: '<html><script>alert(1)</script></html>',
      headers: { ...app.adminHeaders, 'content-type': 'image/png' },
    })
    expect(answer.status).toBe(415)
    expect(answer.body.message).toBe("The file's content is not image/png")
    expect(readdirSync(uploads)).toHaveLength(before)
  })

  it('lets catalog staff upload, and refuses staff whose role may not store files', async () => {
    const catalog = await app.createStaff('catalog')
    const support = await app.createStaff('support')
    const upload = (headers: Record<string, string>) =>
      app.request('POST', '/admin/uploads', {
        rawBody: PNG,
        headers: { ...headers, 'content-type': 'image/png' },
      })
    expect((await upload(catalog.headers)).status).toBe(201)
    expect((await upload(support.headers)).status).toBe(403)
  })

  it('refuses callers who are not signed in as staff', async () => {
    const answer = await app.request('POST', '/admin/uploads', {
      rawBody: PNG,
      headers: { 'content-type': 'image/png' },
    })
    expect(answer.status).toBe(401)
  })
})
