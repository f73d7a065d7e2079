// How the admin shows money and dates. Amounts travel in the currency's minor unit (cents); the
// browser's Intl knows each currency's number of decimals.

function decimals(currency: string): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ??
      2
    )
  } catch {
    return 2
  }
}

export function formatMoney(amount: number, currency: string): string {
  const digits = decimals(currency)
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: currency.toUpperCase() }).format(
      amount / 10 ** digits,
    )
  } catch {
    return `${(amount / 10 ** digits).toFixed(digits)} ${currency.toUpperCase()}`
  }
}

/** "12.50" in USD → 1250; undefined when the text is not an amount with at most the currency's decimals. */
export function toMinorUnits(text: string, currency: string): number | undefined {
  const digits = decimals(currency)
  const match = /^\s*(\d{1,12})(?:[.,](\d*))?\s*$/.exec(text)
  if (!match) return undefined
  const fraction = match[2] ?? ''
  if (fraction.length > digits) return undefined
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0)
}

export function fromMinorUnits(amount: number, currency: string): string {
  const digits = decimals(currency)
  return (amount / 10 ** digits).toFixed(digits)
}

export function formatDate(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '—'
  const date = new Date(value)
  return Number.isNaN(date.getTime())
    ? '—'
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' })
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat().format(value)
}
