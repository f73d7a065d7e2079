// Form parts: every field has a label, its own error under it (from the check before sending, or
// from the API's `issues`), and the first invalid field takes the focus.
import {
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
  useEffect,
  useId,
  useRef,
  useState,
} from 'react'
import { ApiError } from '../api'

export type FieldErrors = Record<string, string>

export interface FormState {
  errors: FieldErrors
  formError: string | null
  busy: boolean
  /** Checks, then sends; API errors land next to their fields. */
  submit: (event: FormEvent, check: () => FieldErrors, send: () => Promise<void>) => Promise<void>
  clear: () => void
  /** A text or select field's name, value, error and change handler, for `{...form.field(…)}`. */
  field: (name: string, value: string, set: (value: string) => void) => BoundField
}

export interface BoundField {
  name: string
  value: string
  error: string | undefined
  onChange: (event: { target: { value: string } }) => void
}

export function useForm(): FormState {
  const [errors, setErrors] = useState<FieldErrors>({})
  const [formError, setFormError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const sending = useRef(false)
  // The first invalid field takes the focus once React has drawn the errors (and re-enabled the form).
  const invalidForm = useRef<HTMLFormElement | null>(null)
  const [focusRequest, setFocusRequest] = useState(0)
  useEffect(() => {
    if (focusRequest) invalidForm.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus()
  }, [focusRequest])
  const focusFirstInvalid = (form: HTMLFormElement) => {
    invalidForm.current = form
    setFocusRequest((count) => count + 1)
  }

  async function submit(event: FormEvent, check: () => FieldErrors, send: () => Promise<void>) {
    event.preventDefault()
    if (sending.current) return
    const form = event.currentTarget as HTMLFormElement
    const found = check()
    setErrors(found)
    if (Object.keys(found).length) {
      setFormError('Fix the fields marked below.')
      focusFirstInvalid(form)
      return
    }
    setFormError(null)
    sending.current = true
    setBusy(true)
    try {
      await send()
    } catch (caught) {
      if (caught instanceof ApiError && caught.issues.length) {
        const byField: FieldErrors = {}
        for (const issue of caught.issues) byField[issue.field] ??= issue.message
        setErrors(byField)
        setFormError(caught.message)
        focusFirstInvalid(form)
      } else {
        setFormError(caught instanceof Error ? caught.message : 'Something went wrong.')
      }
    } finally {
      sending.current = false
      setBusy(false)
    }
  }

  return {
    errors,
    formError,
    busy,
    submit,
    clear: () => {
      setErrors({})
      setFormError(null)
    },
    field: (name, value, set) => ({
      name,
      value,
      error: errors[name],
      onChange: (event) => set(event.target.value),
    }),
  }
}

export function FormError({ message }: { message: string | null }) {
  if (!message) return null
  return (
    <p className="error" role="alert">
      {message}
    </p>
  )
}

export interface FormActionsProps {
  form: FormState
  /** The submit button's words. */
  label: ReactNode
  submitClassName?: string
  /** Shows a Cancel button (an edit form going back to "new"). */
  onCancel?: () => void
  className?: string
}

/** The end of a form: what went wrong, an optional Cancel, and the submit button, off while sending. */
export function FormActions({
  form,
  label,
  submitClassName,
  onCancel,
  className = 'form-actions span-2',
}: FormActionsProps) {
  return (
    <div className={className}>
      <FormError message={form.formError} />
      {onCancel && (
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      )}
      <button type="submit" className={submitClassName} disabled={form.busy}>
        {label}
      </button>
    </div>
  )
}

/** A form that checks its fields, then sends, with its actions at the end. */
export function Form({
  form,
  check = () => ({}),
  send,
  formClassName,
  children,
  ...actions
}: FormActionsProps & {
  check?: () => FieldErrors
  send: () => Promise<void>
  formClassName?: string
  children?: ReactNode
}) {
  return (
    <form className={formClassName} noValidate onSubmit={(event) => form.submit(event, check, send)}>
      {children}
      <FormActions form={form} {...actions} />
    </form>
  )
}

interface FieldFrame {
  label: string
  error?: string
  hint?: string
  className?: string
}

function Frame({
  id,
  label,
  error,
  hint,
  className,
  children,
}: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

function describedBy(id: string, error?: string, hint?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined
}

export function TextField({
  label,
  error,
  hint,
  className,
  ...input
}: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const id = useId()
  return (
    <Frame id={id} label={label} error={error} hint={hint} className={className}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </Frame>
  )
}

export function TextAreaField({
  label,
  error,
  hint,
  className,
  ...input
}: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = useId()
  return (
    <Frame id={id} label={label} error={error} hint={hint} className={className}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...input}
      />
    </Frame>
  )
}

export function SelectField({
  label,
  error,
  hint,
  className,
  options,
  ...select
}: FieldFrame &
  SelectHTMLAttributes<HTMLSelectElement> & { options: Array<{ value: string; label: string }> }) {
  const id = useId()
  return (
    <Frame id={id} label={label} error={error} hint={hint} className={className}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        {...select}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </Frame>
  )
}

export function CheckboxField({
  label,
  checked,
  disabled,
  onChange,
}: {
  label: string
  checked: boolean
  disabled?: boolean
  onChange: (checked: boolean) => void
}) {
  const id = useId()
  return (
    <div className="field checkbox">
      <input
        id={id}
        type="checkbox"
        checked={checked}
        disabled={disabled}
        onChange={(event) => onChange(event.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
    </div>
  )
}

/** A date window picked as local times (`yyyy-mm-ddThh:mm`); either end may stay open. */
export function DateWindowFields({
  form,
  starts,
  ends,
  onStarts,
  onEnds,
}: {
  form: FormState
  starts: string
  ends: string
  onStarts: (value: string) => void
  onEnds: (value: string) => void
}) {
  return (
    <>
      <TextField label="Starts" type="datetime-local" {...form.field('starts_at', starts, onStarts)} />
      <TextField label="Ends" type="datetime-local" {...form.field('ends_at', ends, onEnds)} />
    </>
  )
}

/** The error of a date window whose end is not after its start. */
export function dateWindowError(starts: string, ends: string): string | undefined {
  return starts && ends && new Date(ends) <= new Date(starts) ? 'End after the start.' : undefined
}

/** A local date picker's `yyyy-mm-ddThh:mm` as an ISO instant; empty stays open-ended. */
export function toInstant(local: string): string | null {
  return local ? new Date(local).toISOString() : null
}

/** An ISO instant as a local date picker's `yyyy-mm-ddThh:mm`. */
export function fromInstant(iso: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  return new Date(date.getTime() - date.getTimezoneOffset() * 60_000).toISOString().slice(0, 16)
}

/** Required text: the message when empty, else none. */
export function required(value: string, message: string): string | undefined {
  return value.trim() ? undefined : message
}

/** Keeps only the entries that carry a message. */
export function errorsOf(entries: Record<string, string | undefined>): FieldErrors {
  return Object.fromEntries(Object.entries(entries).filter((entry): entry is [string, string] => !!entry[1]))
}

export const HANDLE_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
