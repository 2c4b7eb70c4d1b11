// Sign-in: the admin token, checked with one call before it is kept for this tab.
import { useState } from "preact/hooks";
import { checkToken, session, type Problem } from "../api.js";
import { ProblemBox } from "../components.js";

export function Login(props: { onSignedIn: () => void }) {
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState<Problem | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    const refused = await checkToken(token.trim());
    setBusy(false);
    if (refused !== undefined) {
      setProblem(refused);
      return;
    }
    session.signIn(token.trim());
    props.onSignedIn();
  };
  return (
    <main id="main" class="login">
      <h1>Trace Dispatcher</h1>
      <form onSubmit={submit} aria-describedby="login-help">
        <label for="admin-token">Admin token</label>
        <input
          id="admin-token"
          name="admin-token"
          type="password"
          autocomplete="off"
          required
          value={token}
          onInput={(e) => setToken((e.currentTarget as HTMLInputElement).value)}
        />
        <p id="login-help" class="help">
          One of the Dispatcher's admin tokens (<code>TRACE_ADMIN_TOKENS</code>; on <code>npm start</code> it is in
          <code> .data/admin-token</code>). It is kept in this tab only.
        </p>
        <button type="submit" disabled={busy || token.trim() === ""}>Sign in</button>
      </form>
      {problem !== undefined && (
        <ProblemBox problem={problem} title={problem.unauthenticated ? "That admin token was refused" : "Could not sign in"} />
      )}
    </main>
  );
}
