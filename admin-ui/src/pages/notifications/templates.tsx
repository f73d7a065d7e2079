// Notification templates: the defaults and the merchant's overrides (handlebars), with a live preview.
import { useEffect, useState } from 'react'
import { Link, useParams, useSearchParams } from 'react-router'
import { api, queryString } from '../../api'
import { useResource } from '../../hooks'
import {
  errorsOf,
  type FieldErrors,
  FormError,
  SelectField,
  TextAreaField,
  TextField,
  useForm,
} from '../../ui/form'
import { DataTable, ErrorNotice, Loading, PageHeader, Section } from '../../ui/page'
import { TEMPLATE_NAMES } from './log'
import { MessagePreview, type RenderedMessage } from './preview'
import { NotificationTabs } from './tabs'

interface Template {
  id: string
  description: string
  channel: 'email' | 'sms'
  locale: string
  overridden: boolean
  subject: string | null
  html: string | null
  text: string
}

export function TemplateListPage() {
  const templates = useResource<{ templates: Template[] }>('/admin/notification-templates')
  return (
    <>
      <PageHeader title="Notifications" subtitle="Emails and text messages sent to customers." />
      <NotificationTabs />
      <ErrorNotice error={templates.error} />
      {!templates.data && <Loading />}
      {templates.data && (
        <DataTable columns={['Template', 'Channel', 'Version']}>
          {templates.data.templates.map((template) => (
            <tr key={`${template.id}-${template.channel}-${template.locale}`}>
              <td>
                <Link to={`/notifications/templates/${template.id}?channel=${template.channel}`}>
                  {TEMPLATE_NAMES[template.id] ?? template.id}
                </Link>
                <span className="muted small block">{template.description}</span>
              </td>
              <td>{template.channel === 'sms' ? 'SMS' : 'Email'}</td>
              <td>{template.overridden ? 'Your own' : 'Default'}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  )
}

export function TemplateEditPage() {
  const { id } = useParams() as { id: string }
  const [params] = useSearchParams()
  const [channel, setChannel] = useState<'email' | 'sms'>(params.get('channel') === 'sms' ? 'sms' : 'email')
  const [locale, setLocale] = useState('en')
  const [settledLocale, setSettledLocale] = useState('en')
  const template = useResource<{ template: Template }>(
    `/admin/notification-templates/${id}${queryString({ channel, locale: settledLocale })}`,
  )
  return (
    <>
      <PageHeader
        title={TEMPLATE_NAMES[id] ?? id}
        subtitle={<Link to="/notifications/templates">Back to templates</Link>}
      />
      <div className="filters">
        <SelectField
          label="Channel"
          value={channel}
          options={[
            { value: 'email', label: 'Email' },
            { value: 'sms', label: 'SMS' },
          ]}
          onChange={(event) => setChannel(event.target.value as 'email' | 'sms')}
        />
        <TextField
          label="Language"
          value={locale}
          hint="A language tag such as en or de-AT."
          onChange={(event) => setLocale(event.target.value)}
          onBlur={() => /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/.test(locale) && setSettledLocale(locale)}
        />
      </div>
      <ErrorNotice error={template.error} />
      {!template.data && template.loading && <Loading />}
      {template.data && (
        <TemplateEditor
          key={`${channel}-${settledLocale}-${template.data.template.overridden}`}
          template={template.data.template}
          channel={channel}
          locale={settledLocale}
          reload={template.reload}
        />
      )}
    </>
  )
}

function TemplateEditor({
  template,
  channel,
  locale,
  reload,
}: {
  template: Template
  channel: 'email' | 'sms'
  locale: string
  reload: () => Promise<void>
}) {
  const form = useForm()
  const [subject, setSubject] = useState(template.subject ?? '')
  const [html, setHtml] = useState(template.html ?? '')
  const [text, setText] = useState(template.text)
  const [preview, setPreview] = useState<RenderedMessage>()
  const [previewError, setPreviewError] = useState<Error>()
  const [saved, setSaved] = useState<string>()
  const email = channel === 'email'

  const draft = () => ({ text, ...(email && { subject, ...(html.trim() && { html }) }) })

  useEffect(() => {
    const timer = setTimeout(() => {
      if (!text.trim()) return
      api<{ preview: RenderedMessage }>('POST', `/admin/notification-templates/${template.id}/preview`, {
        channel,
        locale,
        draft: { text, ...(email && { subject, ...(html.trim() && { html }) }) },
      })
        .then((answer) => {
          setPreview(answer.preview)
          setPreviewError(undefined)
        })
        .catch((caught: Error) => setPreviewError(caught))
    }, 300)
    return () => clearTimeout(timer)
  }, [template.id, channel, locale, email, subject, html, text])

  function check(): FieldErrors {
    return errorsOf({
      subject: email && !subject.trim() ? 'An email needs a subject.' : undefined,
      text: text.trim() ? undefined : 'Write the plain-text version.',
    })
  }

  async function save() {
    await api('POST', `/admin/notification-templates/${template.id}`, { channel, locale, ...draft() })
    setSaved('Template saved: new messages use it.')
    await reload()
  }

  async function reset() {
    if (!window.confirm('Go back to the default template?')) return
    await api('DELETE', `/admin/notification-templates/${template.id}${queryString({ channel, locale })}`)
    setSaved('Back to the default template.')
    await reload()
  }

  return (
    <div className="two-columns equal">
      <Section title={template.overridden ? 'Your template' : 'Default template'}>
        <form noValidate onSubmit={(event) => form.submit(event, check, save)}>
          <p className="muted small">
            {template.description}. Handlebars: {'{{order.display_id}}'}, {'{{shop.name}}'}…
          </p>
          {email && <TextField label="Subject" {...form.field('subject', subject, setSubject)} />}
          {email && (
            <TextAreaField label="HTML" rows={10} className="code" {...form.field('html', html, setHtml)} />
          )}
          <TextAreaField
            label={email ? 'Plain text' : 'Message'}
            rows={email ? 6 : 4}
            className="code"
            {...form.field('text', text, setText)}
          />
          <FormError message={form.formError} />
          {saved && !form.formError && (
            <p className="notice" role="status">
              {saved}
            </p>
          )}
          <div className="form-actions">
            {template.overridden && (
              <button type="button" className="secondary" onClick={() => void reset()}>
                Use the default
              </button>
            )}
            <button type="submit" disabled={form.busy}>
              Save template
            </button>
          </div>
        </form>
      </Section>
      <Section title="Preview with sample data">
        <ErrorNotice error={previewError} />
        {preview && <MessagePreview preview={preview} title="Email preview" />}
      </Section>
    </div>
  )
}
