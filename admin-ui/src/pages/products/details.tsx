// The product fields that both creating and editing show: title, handle, text, status, grouping, images.
import { useState } from 'react'
import { uploadFile } from '../../api'
import { useOptionalResource } from '../../hooks'
import type { Category, Collection, Product, ProductStatus } from '../../types'
import { type FieldErrors, HANDLE_PATTERN, SelectField, TextAreaField, TextField } from '../../ui/form'

export interface ProductDetails {
  title: string
  handle: string
  subtitle: string
  description: string
  status: ProductStatus
  collection_id: string
  category_ids: string[]
  tags: string
  images: string[]
}

export function detailsOf(product?: Product): ProductDetails {
  return {
    title: product?.title ?? '',
    handle: product?.handle ?? '',
    subtitle: product?.subtitle ?? '',
    description: product?.description ?? '',
    status: product?.status ?? 'draft',
    collection_id: product?.collection_id ?? '',
    category_ids: product?.categories.map((category) => category.id) ?? [],
    tags: product?.tags.map((tag) => tag.value).join(', ') ?? '',
    images: product?.images.map((image) => image.url) ?? [],
  }
}

export function checkDetails(details: ProductDetails): FieldErrors {
  const errors: FieldErrors = {}
  if (!details.title.trim()) errors.title = 'Give the product a title.'
  if (details.handle && !HANDLE_PATTERN.test(details.handle))
    errors.handle = 'Use lowercase letters, digits and dashes, e.g. linen-shirt.'
  return errors
}

/** The body the API takes for these fields. */
export function detailsBody(details: ProductDetails) {
  return {
    title: details.title.trim(),
    ...(details.handle && { handle: details.handle }),
    subtitle: details.subtitle.trim() || null,
    description: details.description.trim() || null,
    status: details.status,
    collection_id: details.collection_id || null,
    category_ids: details.category_ids,
    tags: [
      ...new Set(
        details.tags
          .split(',')
          .map((tag) => tag.trim())
          .filter(Boolean),
      ),
    ],
    images: details.images.map((url) => ({ url })),
    thumbnail: details.images[0] ?? null,
  }
}

const STATUSES = [
  { value: 'draft', label: 'Draft: hidden from shoppers' },
  { value: 'published', label: 'Published: for sale' },
  { value: 'proposed', label: 'Proposed: waiting for review' },
  { value: 'rejected', label: 'Rejected' },
]

export function DetailsFields({
  details,
  onChange,
  errors,
}: {
  details: ProductDetails
  onChange: (details: ProductDetails) => void
  errors: FieldErrors
}) {
  const collections = useOptionalResource<{ collections: Collection[] }>(
    'GET /admin/collections',
    '/admin/collections?limit=200',
  )
  const categories = useOptionalResource<{ product_categories: Category[] }>(
    'GET /admin/product-categories',
    '/admin/product-categories?limit=200',
  )
  const set = <K extends keyof ProductDetails>(key: K, value: ProductDetails[K]) =>
    onChange({ ...details, [key]: value })

  return (
    <div className="grid-2">
      <TextField
        label="Title"
        name="title"
        value={details.title}
        error={errors.title}
        onChange={(event) => set('title', event.target.value)}
      />
      <TextField
        label="Handle"
        name="handle"
        value={details.handle}
        error={errors.handle}
        hint="The product's address in the shop; made from the title when left empty."
        onChange={(event) => set('handle', event.target.value)}
      />
      <TextField
        label="Subtitle"
        name="subtitle"
        value={details.subtitle}
        error={errors.subtitle}
        onChange={(event) => set('subtitle', event.target.value)}
      />
      <SelectField
        label="Status"
        name="status"
        value={details.status}
        error={errors.status}
        options={STATUSES}
        onChange={(event) => set('status', event.target.value as ProductStatus)}
      />
      <TextAreaField
        label="Description"
        name="description"
        className="span-2"
        rows={4}
        value={details.description}
        error={errors.description}
        onChange={(event) => set('description', event.target.value)}
      />
      {collections.data && (
        <SelectField
          label="Collection"
          name="collection_id"
          value={details.collection_id}
          error={errors.collection_id}
          options={[
            { value: '', label: 'None' },
            ...collections.data.collections.map((item) => ({ value: item.id, label: item.title })),
          ]}
          onChange={(event) => set('collection_id', event.target.value)}
        />
      )}
      {categories.data && (
        <SelectField
          label="Categories"
          name="category_ids"
          multiple
          value={details.category_ids}
          error={errors.category_ids}
          options={categories.data.product_categories.map((item) => ({ value: item.id, label: item.name }))}
          onChange={(event) =>
            set(
              'category_ids',
              [...event.target.selectedOptions].map((option) => option.value),
            )
          }
        />
      )}
      <TextField
        label="Tags"
        name="tags"
        value={details.tags}
        error={errors.tags}
        hint="Separate tags with commas."
        onChange={(event) => set('tags', event.target.value)}
      />
      <ImagesField
        images={details.images}
        error={errors.images}
        onChange={(images) => set('images', images)}
      />
    </div>
  )
}

const MAX_IMAGE_BYTES = 5 * 1024 * 1024
const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif', 'image/avif']

function ImagesField({
  images,
  error,
  onChange,
}: {
  images: string[]
  error?: string
  onChange: (images: string[]) => void
}) {
  const [problem, setProblem] = useState<string>()
  const [busy, setBusy] = useState(false)

  async function add(files: FileList | null) {
    setProblem(undefined)
    if (!files?.length) return
    const chosen = [...files]
    const wrong = chosen.find((file) => !IMAGE_TYPES.includes(file.type))
    if (wrong) return setProblem(`${wrong.name} is not a PNG, JPEG, WebP, GIF or AVIF image.`)
    const large = chosen.find((file) => file.size > MAX_IMAGE_BYTES)
    if (large) return setProblem(`${large.name} is larger than 5 MB.`)
    setBusy(true)
    try {
      const stored: string[] = []
      for (const file of chosen) stored.push((await uploadFile(file)).url)
      onChange([...images, ...stored])
    } catch (caught) {
      setProblem((caught as Error).message)
    } finally {
      setBusy(false)
    }
  }

  const message = problem ?? error
  return (
    <div className="field span-2">
      <label htmlFor="product-images">Images</label>
      {images.length > 0 && (
        <ul className="images">
          {images.map((url, index) => (
            <li key={url}>
              <img
                src={url}
                alt={`${index + 1} of ${images.length}${index === 0 ? ', the thumbnail' : ''}`}
              />
              <button
                type="button"
                className="link small"
                onClick={() => onChange(images.filter((image) => image !== url))}
              >
                Remove<span className="visually-hidden"> image {index + 1}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id="product-images"
        type="file"
        accept={IMAGE_TYPES.join(',')}
        multiple
        disabled={busy}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? 'product-images-error' : 'product-images-hint'}
        onChange={(event) => {
          void add(event.target.files)
          event.target.value = ''
        }}
      />
      {message ? (
        <p className="field-error" id="product-images-error">
          {message}
        </p>
      ) : (
        <p className="hint" id="product-images-hint">
          {busy ? 'Uploading…' : 'PNG, JPEG, WebP, GIF or AVIF, up to 5 MB each. The first is the thumbnail.'}
        </p>
      )}
    </div>
  )
}
