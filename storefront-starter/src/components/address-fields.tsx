// The fields of a postal address, labelled, with the countries of the shopper's region to choose from.
import type { Region } from '../lib/store-client'

export interface AddressValues {
  first_name: string
  last_name: string
  address_1: string
  city: string
  postal_code: string
  country_code: string
  phone: string
}

export const EMPTY_ADDRESS: AddressValues = {
  first_name: '',
  last_name: '',
  address_1: '',
  city: '',
  postal_code: '',
  country_code: '',
  phone: '',
}

export function addressFrom(
  source: Partial<Record<keyof AddressValues, string | null | undefined>> | null | undefined,
) {
  const values = { ...EMPTY_ADDRESS }
  for (const key of Object.keys(values) as Array<keyof AddressValues>) values[key] = source?.[key] ?? ''
  return values
}

export function AddressFields(props: {
  prefix: string
  values: AddressValues
  region: Region | undefined
  onChange: (values: AddressValues) => void
}) {
  const { prefix, values } = props
  const field = (name: keyof AddressValues, label: string, extra: Record<string, string | boolean> = {}) => (
    <div className="field">
      <label htmlFor={`${prefix}-${name}`}>{label}</label>
      <input
        id={`${prefix}-${name}`}
        name={name}
        value={values[name]}
        onChange={(event) => props.onChange({ ...values, [name]: event.target.value })}
        {...extra}
      />
    </div>
  )
  return (
    <>
      <div className="fields-2">
        {field('first_name', 'First name', { required: true, autoComplete: 'given-name' })}
        {field('last_name', 'Last name', { required: true, autoComplete: 'family-name' })}
      </div>
      {field('address_1', 'Address', { required: true, autoComplete: 'address-line1' })}
      <div className="fields-2">
        {field('postal_code', 'Postal code', { required: true, autoComplete: 'postal-code' })}
        {field('city', 'City', { required: true, autoComplete: 'address-level2' })}
      </div>
      <div className="fields-2">
        <div className="field">
          <label htmlFor={`${prefix}-country_code`}>Country</label>
          <select
            id={`${prefix}-country_code`}
            name="country_code"
            required
            value={values.country_code}
            onChange={(event) => props.onChange({ ...values, country_code: event.target.value })}
          >
            <option value="">Choose a country</option>
            {(props.region?.countries ?? []).map((country) => (
              <option key={country.iso_2} value={country.iso_2}>
                {country.display_name ?? country.iso_2?.toUpperCase()}
              </option>
            ))}
          </select>
        </div>
        {field('phone', 'Phone (optional)', { type: 'tel', autoComplete: 'tel' })}
      </div>
    </>
  )
}
