// What a benchmark scenario is. An HTTP scenario serves its routes from a child process (so the
// load generator does not share its event loop) and is measured side by side with a bare Koa route
// serving the very same response bytes: the baseline. A custom scenario measures itself.

export interface HttpScenario {
  kind: 'http'
  name: string
  /** The request to measure. */
  path: string
  method?: 'GET' | 'POST'
  headers?: Record<string, string>
  body?: string
  /** Runs in the child process: starts the server; may add headers (a publishable key) and pick the path. */
  serve: () => Promise<Served>
}

/** What a scenario's server answers with. */
export interface Served {
  url: string
  headers?: Record<string, string>
  path?: string
  /** Many paths to ask instead of one, the most popular first: asked with Zipf-like popularity. */
  paths?: string[]
  /** Figures the server kept during the load (e.g. a cache's hit rate), added to the result row. */
  stats?: () => Record<string, string | number>
}

export interface ResultRow {
  scenario: string
  [column: string]: string | number
}

export interface CustomScenario {
  kind: 'custom'
  name: string
  run: (options: { durationSeconds: number; connections: number }) => Promise<ResultRow[]>
}

export type Scenario = HttpScenario | CustomScenario
