// Child process for test/db/postgres-driver-patch.test.ts: a transaction on the project's own
// Database whose backend PostgreSQL terminates mid-transaction, then one more statement in it.
// Unpatched postgres.js 3.4.9 dies here with an uncatchable TypeError (exit 1 with a stack); the
// patched driver rejects the statement with CONNECTION_CLOSED and the pool keeps working.
// Prints one JSON line: what the transaction threw and whether the pool still answers.
import postgres from "postgres";
import { openDatabase } from "../../src/db/index.js";

const url = process.env.CHILD_DATABASE_URL;
if (!url) throw new Error("CHILD_DATABASE_URL is required");
const db = await openDatabase({ url, migrate: false, maxConnections: 2 });
const admin = postgres(url, { max: 1, onnotice: () => {} });

let thrown = "nothing";
try {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await admin`SELECT pg_terminate_backend(${row!.pid})`;
    // Let the close arrive before the next statement is written (the crash needs that order).
    await new Promise((resolve) => setTimeout(resolve, 200));
    await tx.query("SELECT 1");
  });
} catch (err) {
  thrown = (err as { code?: string }).code ?? String(err);
}
await new Promise((resolve) => setTimeout(resolve, 300));
const [after] = await db.query<{ answer: number }>("SELECT 42 AS answer");
process.stdout.write(`${JSON.stringify({ thrown, poolAnswer: after?.answer })}\n`);
await admin.end();
await db.close();
