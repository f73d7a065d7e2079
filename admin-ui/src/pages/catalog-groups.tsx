// Categories (nested) and collections: create them, and list them where the server offers a list.
import { useEffect, useState } from 'react'
import { api, availableRoutes } from '../api'
import { useResource } from '../hooks'
import type { Category, Collection } from '../types'
import {
  CheckboxField,
  errorsOf,
  type FieldErrors,
  FormError,
  HANDLE_PATTERN,
  SelectField,
  TextField,
  useForm,
} from '../ui/form'
import { EmptyState, ErrorNotice, PageHeader, Section } from '../ui/page'

function handleError(handle: string) {
  return handle && !HANDLE_PATTERN.test(handle) ? 'Use lowercase letters, digits and dashes.' : undefined
}

function useRoutes() {
  const [routes, setRoutes] = useState<Set<string>>()
  useEffect(() => void availableRoutes().then(setRoutes), [])
  return routes
}

export function CategoriesPage() {
  const routes = useRoutes()
  const list = useResource<{ product_categories: Category[]; count: number }>(
    routes?.has('GET /admin/product-categories') ? '/admin/product-categories?limit=500' : null,
  )
  const form = useForm()
  const [name, setName] = useState('')
  const [handle, setHandle] = useState('')
  const [description, setDescription] = useState('')
  const [parent, setParent] = useState('')
  const [active, setActive] = useState(true)
  const [created, setCreated] = useState<Category[]>([])
  const categories = list.data?.product_categories ?? created

  function check(): FieldErrors {
    return errorsOf({ name: name.trim() ? undefined : 'Name the category.', handle: handleError(handle) })
  }

  async function send() {
    const { product_category } = await api<{ product_category: Category }>(
      'POST',
      '/admin/product-categories',
      {
        name: name.trim(),
        ...(handle && { handle }),
        ...(description.trim() && { description: description.trim() }),
        parent_category_id: parent || null,
        is_active: active,
      },
    )
    setName('')
    setHandle('')
    setDescription('')
    setCreated([...created, product_category])
    await list.reload()
  }

  const nameOf = new Map(categories.map((category) => [category.id, category.name]))
  return (
    <>
      <PageHeader title="Categories" subtitle="Group products into a tree shoppers browse." />
      <Section title="New category">
        <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
          <TextField
            label="Name"
            name="name"
            value={name}
            error={form.errors.name}
            onChange={(e) => setName(e.target.value)}
          />
          <TextField
            label="Handle"
            name="handle"
            value={handle}
            hint="Made from the name when left empty."
            error={form.errors.handle}
            onChange={(e) => setHandle(e.target.value)}
          />
          <TextField
            label="Description"
            name="description"
            value={description}
            error={form.errors.description}
            onChange={(e) => setDescription(e.target.value)}
          />
          <SelectField
            label="Parent category"
            name="parent_category_id"
            value={parent}
            error={form.errors.parent_category_id}
            options={[
              { value: '', label: 'None (top level)' },
              ...categories.map((c) => ({ value: c.id, label: c.name })),
            ]}
            onChange={(e) => setParent(e.target.value)}
          />
          <CheckboxField label="Active: shown in the shop" checked={active} onChange={setActive} />
          <div className="form-actions span-2">
            <FormError message={form.formError} />
            <button type="submit" disabled={form.busy}>
              Create category
            </button>
          </div>
        </form>
      </Section>
      <ErrorNotice error={list.error} />
      {categories.length === 0 ? (
        <EmptyState title="No categories yet">Create one above.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Handle</th>
                <th scope="col" className="hide-sm">
                  Parent
                </th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {categories.map((category) => (
                <tr key={category.id}>
                  <td>{category.name}</td>
                  <td>{category.handle}</td>
                  <td className="hide-sm">
                    {category.parent_category_id ? (nameOf.get(category.parent_category_id) ?? '—') : '—'}
                  </td>
                  <td>{category.is_active ? 'Active' : 'Hidden'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

export function CollectionsPage() {
  const routes = useRoutes()
  const list = useResource<{ collections: Collection[]; count: number }>(
    routes?.has('GET /admin/collections') ? '/admin/collections?limit=500' : null,
  )
  const form = useForm()
  const [title, setTitle] = useState('')
  const [handle, setHandle] = useState('')
  const [created, setCreated] = useState<Collection[]>([])
  const collections = list.data?.collections ?? created

  function check(): FieldErrors {
    return errorsOf({
      title: title.trim() ? undefined : 'Give the collection a title.',
      handle: handleError(handle),
    })
  }

  async function send() {
    const { collection } = await api<{ collection: Collection }>('POST', '/admin/collections', {
      title: title.trim(),
      ...(handle && { handle }),
    })
    setTitle('')
    setHandle('')
    setCreated([...created, collection])
    await list.reload()
  }

  return (
    <>
      <PageHeader title="Collections" subtitle="Curated sets of products, such as Summer or Best sellers." />
      <Section title="New collection">
        <form className="grid-2" noValidate onSubmit={(event) => form.submit(event, check, send)}>
          <TextField
            label="Title"
            name="title"
            value={title}
            error={form.errors.title}
            onChange={(e) => setTitle(e.target.value)}
          />
          <TextField
            label="Handle"
            name="handle"
            value={handle}
            hint="Made from the title when left empty."
            error={form.errors.handle}
            onChange={(e) => setHandle(e.target.value)}
          />
          <div className="form-actions span-2">
            <FormError message={form.formError} />
            <button type="submit" disabled={form.busy}>
              Create collection
            </button>
          </div>
        </form>
      </Section>
      <ErrorNotice error={list.error} />
      {collections.length === 0 ? (
        <EmptyState title="No collections yet">Create one above.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Handle</th>
              </tr>
            </thead>
            <tbody>
              {collections.map((collection) => (
                <tr key={collection.id}>
                  <td>{collection.title}</td>
                  <td>{collection.handle}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}
