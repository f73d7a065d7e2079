// JSON columns come back as text from SQLite and as parsed values from MySQL.
export function parseJson(value: unknown): unknown {
  return typeof value === 'string' ? JSON.parse(value) : value
}
