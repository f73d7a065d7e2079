// Categories (nested) and collections: create them, and list them where the server offers a list.
import { useState } from 'react'
import { api } from '../api'
import { useChange, useOptionalResource, useRoutes } from '../hooks'
import type { Category, Collection } from '../types'
import {
  CheckboxField,
  errorsOf,
  type FieldErrors,
  Form,
  HANDLE_PATTERN,
  SelectField,
  TextField,
  useForm,
} from '../ui/form'
import { EmptyState, ErrorNotice, PageHeader, Section } from '../ui/page'

function handleError(handle: string) {
  return handle && !HANDLE_PATTERN.test(handle) ? 'Use lowercase letters, digits and dashes.' : undefined
}

export function CategoriesPage() {
  const list = useOptionalResource<{ product_categories: Category[]; count: number }>(
    'GET /admin/product-categories',
    '/admin/product-categories?limit=500',
  )
  const form = useForm()
  const [name, setName] = useState('')
  const [handle, setHandle] = useState('')
  const [description, setDescription] = useState('')
  const [parent, setParent] = useState('')
  const [active, setActive] = useState(true)
  const [created, setCreated] = useState<Category[]>([])
  const [editing, setEditing] = useState<Category | null>(null)
  const { problem, run: change } = useChange(list.reload)
  const routes = useRoutes()
  const editable = routes?.has('POST /admin/product-categories/{id}') ?? false
  const categories = list.data?.product_categories ?? created

  function check(): FieldErrors {
    return errorsOf({
      name: name.trim() ? undefined : 'Name the category.',
      handle: handleError(handle),
      parent_category_id:
        editing && parent === editing.id ? 'A category cannot be its own parent.' : undefined,
    })
  }

  function fill(category: Category | null) {
    setEditing(category)
    setName(category?.name ?? '')
    setHandle(category?.handle ?? '')
    setDescription(category?.description ?? '')
    setParent(category?.parent_category_id ?? '')
    setActive(category?.is_active ?? true)
    form.clear()
    if (category) window.scrollTo({ top: 0, behavior: 'smooth' })
  }

  async function send() {
    const body = {
      name: name.trim(),
      ...(handle && { handle }),
      ...((description.trim() || editing) && { description: description.trim() }),
      parent_category_id: parent || null,
      is_active: active,
    }
    if (editing) {
      await api('POST', `/admin/product-categories/${editing.id}`, body)
    } else {
      const { product_category } = await api<{ product_category: Category }>(
        'POST',
        '/admin/product-categories',
        body,
      )
      setCreated([...created, product_category])
    }
    fill(null)
    await list.reload()
  }

  async function remove(category: Category) {
    if (!window.confirm(`Delete the category ${category.name}? Its products stay.`)) return
    const deleted = await change(() => api('DELETE', `/admin/product-categories/${category.id}`))
    if (deleted && editing?.id === category.id) fill(null)
  }

  const nameOf = new Map(categories.map((category) => [category.id, category.name]))
  return (
    <>
      <PageHeader title="Categories" subtitle="Group products into a tree shoppers browse." />
      <Section
        title={editing ? `Edit ${editing.name}` : 'New category'}
        actions={
          editing && (
            <button type="button" className="secondary" onClick={() => fill(null)}>
              Cancel
            </button>
          )
        }
      >
        <Form
          formClassName="grid-2"
          form={form}
          check={check}
          send={send}
          label={editing ? 'Save category' : 'Create category'}
        >
          <TextField label="Name" {...form.field('name', name, setName)} />
          <TextField
            label="Handle"
            hint="Made from the name when left empty."
            {...form.field('handle', handle, setHandle)}
          />
          <TextField label="Description" {...form.field('description', description, setDescription)} />
          <SelectField
            label="Parent category"
            options={[
              { value: '', label: 'None (top level)' },
              ...categories.map((c) => ({ value: c.id, label: c.name })),
            ]}
            {...form.field('parent_category_id', parent, setParent)}
          />
          <CheckboxField label="Active: shown in the shop" checked={active} onChange={setActive} />
        </Form>
      </Section>
      <ErrorNotice error={list.error ?? problem} />
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
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
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
                  {editable && (
                    <td className="cell-actions">
                      <RowActions
                        name={category.name}
                        onEdit={() => fill(category)}
                        onDelete={() => void remove(category)}
                      />
                    </td>
                  )}
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
  const list = useOptionalResource<{ collections: Collection[]; count: number }>(
    'GET /admin/collections',
    '/admin/collections?limit=500',
  )
  const form = useForm()
  const [title, setTitle] = useState('')
  const [handle, setHandle] = useState('')
  const [created, setCreated] = useState<Collection[]>([])
  const [editing, setEditing] = useState<Collection | null>(null)
  const { problem, run: change } = useChange(list.reload)
  const routes = useRoutes()
  const editable = routes?.has('POST /admin/collections/{id}') ?? false
  const collections = list.data?.collections ?? created

  function fill(collection: Collection | null) {
    setEditing(collection)
    setTitle(collection?.title ?? '')
    setHandle(collection?.handle ?? '')
    form.clear()
    if (collection) window.scrollTo({ top: 0, behavior: 'smooth' })
  }

  async function remove(collection: Collection) {
    if (!window.confirm(`Delete the collection ${collection.title}? Its products stay.`)) return
    const deleted = await change(() => api('DELETE', `/admin/collections/${collection.id}`))
    if (deleted && editing?.id === collection.id) fill(null)
  }

  function check(): FieldErrors {
    return errorsOf({
      title: title.trim() ? undefined : 'Give the collection a title.',
      handle: handleError(handle),
    })
  }

  async function send() {
    const body = { title: title.trim(), ...(handle && { handle }) }
    if (editing) {
      await api('POST', `/admin/collections/${editing.id}`, body)
    } else {
      const { collection } = await api<{ collection: Collection }>('POST', '/admin/collections', body)
      setCreated([...created, collection])
    }
    fill(null)
    await list.reload()
  }

  return (
    <>
      <PageHeader title="Collections" subtitle="Curated sets of products, such as Summer or Best sellers." />
      <Section
        title={editing ? `Edit ${editing.title}` : 'New collection'}
        actions={
          editing && (
            <button type="button" className="secondary" onClick={() => fill(null)}>
              Cancel
            </button>
          )
        }
      >
        <Form
          formClassName="grid-2"
          form={form}
          check={check}
          send={send}
          label={editing ? 'Save collection' : 'Create collection'}
        >
          <TextField label="Title" {...form.field('title', title, setTitle)} />
          <TextField
            label="Handle"
            hint="Made from the title when left empty."
            {...form.field('handle', handle, setHandle)}
          />
        </Form>
      </Section>
      <ErrorNotice error={list.error ?? problem} />
      {collections.length === 0 ? (
        <EmptyState title="No collections yet">Create one above.</EmptyState>
      ) : (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Handle</th>
                {editable && (
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {collections.map((collection) => (
                <tr key={collection.id}>
                  <td>{collection.title}</td>
                  <td>{collection.handle}</td>
                  {editable && (
                    <td className="cell-actions">
                      <RowActions
                        name={collection.title}
                        onEdit={() => fill(collection)}
                        onDelete={() => void remove(collection)}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  )
}

function RowActions({ name, onEdit, onDelete }: { name: string; onEdit: () => void; onDelete: () => void }) {
  return (
    <>
      <button type="button" className="link" onClick={onEdit}>
        Edit<span className="visually-hidden"> {name}</span>
      </button>{' '}
      <button type="button" className="link danger-text" onClick={onDelete}>
        Delete<span className="visually-hidden"> {name}</span>
      </button>
    </>
  )
}
