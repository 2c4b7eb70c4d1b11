// A Database that records every statement it runs (text and parameters), on itself and in its
// transactions: plan tests and the history benchmark EXPLAIN the real statements of the lifecycle
// functions instead of hand-written copies. No test framework imports (benchmarks load it too).
import type { Database, Queryable, Row } from "../../src/db/index.js";

export interface RecordedStatement {
  text: string;
  params: readonly unknown[];
}

export function recordingDatabase(db: Database, log: RecordedStatement[]): Database {
  const wrap = (q: Queryable): Queryable => ({
    query: <T extends Row = Row>(text: string, params: readonly unknown[] = []) => {
      log.push({ text, params });
      return q.query<T>(text, params);
    },
  });
  return Object.assign(Object.create(db) as Database, {
    query: wrap(db).query,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(wrap(tx))),
  });
}
