// Seeds the benchmark catalog for BENCH_PRODUCTS on the backend DATABASE_URL/REDIS_URL name, unless
// it is there already: `node --import tsx bench/seed.ts` (the matrix runs it before measuring).
import { openCatalog } from './scenarios/catalog'

const { app } = await openCatalog((line) => console.log(line))
await app.shutdown()
