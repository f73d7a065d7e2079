// Local file storage: admin uploads (product images) land under the project's static folder, which
// the server serves at /static, so a store needs no outside file service to start with.
import { createWriteStream } from 'node:fs'
import { mkdir, rename, rm } from 'node:fs/promises'
import path from 'node:path'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { generateId } from '../../infra/ids'
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../kernel/errors'

export interface StoredFile {
  url: string
  size: number
  content_type: string
}

/** Image types a shop shows, each recognised by its first bytes: a file must be what it claims. */
const IMAGE_TYPES: Record<string, { extension: string; matches: (head: Buffer) => boolean }> = {
  'image/png': {
    extension: 'png',
    matches: (head) =>
      head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  'image/jpeg': {
    extension: 'jpg',
    matches: (head) => head.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])),
  },
  'image/gif': {
    extension: 'gif',
    matches: (head) => /^GIF8[79]a$/.test(head.subarray(0, 6).toString('latin1')),
  },
  'image/webp': {
    extension: 'webp',
    matches: (head) =>
      head.subarray(0, 4).toString('latin1') === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  'image/avif': {
    extension: 'avif',
    matches: (head) =>
      head.subarray(4, 8).toString('latin1') === 'ftyp' &&
      /^avi[fs]$/.test(head.subarray(8, 12).toString('latin1')),
  },
}

export const UPLOAD_CONTENT_TYPES = Object.keys(IMAGE_TYPES)

export class LocalFileStorage {
  constructor(
    /** The folder files are written to. */
    private readonly dir: string,
    /** The address that folder is served at, e.g. /static/uploads. */
    private readonly urlPrefix: string,
    readonly maxBytes: number,
  ) {}

  /** Writes the stream to a file of its own, or nothing at all when it is too large or not the image it claims. */
  async store(
    body: NodeJS.ReadableStream,
    contentType: string,
    declaredLength?: number,
  ): Promise<StoredFile> {
    const mediaType = contentType.split(';')[0]!.trim().toLowerCase()
    const type = IMAGE_TYPES[mediaType]
    if (!type) {
      throw new UnsupportedMediaTypeError(
        `Cannot store ${mediaType || 'a file without a content type'}; send one of ${UPLOAD_CONTENT_TYPES.join(', ')}`,
      )
    }
    const tooLarge = () =>
      new PayloadTooLargeError(`The file is larger than the limit of ${Math.round(this.maxBytes / 1024)} KB`)
    if (declaredLength !== undefined && declaredLength > this.maxBytes) throw tooLarge()

    await mkdir(this.dir, { recursive: true })
    const name = `${generateId('file').toLowerCase()}.${type.extension}`
    const partial = path.join(this.dir, `${name}.part`)
    let size = 0
    let head = Buffer.alloc(0)
    const counter = new Transform({
      transform: (chunk: Buffer, _encoding, done) => {
        size += chunk.length
        if (size > this.maxBytes) return done(tooLarge())
        if (head.length < 16) head = Buffer.concat([head, chunk.subarray(0, 16 - head.length)])
        done(null, chunk)
      },
    })
    try {
      await pipeline(body, counter, createWriteStream(partial))
      if (size === 0) throw new UnsupportedMediaTypeError('The file is empty')
      if (!type.matches(head)) throw new UnsupportedMediaTypeError(`The file's content is not ${mediaType}`)
      await rename(partial, path.join(this.dir, name))
    } catch (error) {
      await rm(partial, { force: true })
      throw error
    }
    return { url: `${this.urlPrefix}/${name}`, size, content_type: mediaType }
  }
}
