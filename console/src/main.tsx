// The operator console: a single page served by the Dispatcher at /console/. Routing is by the
// URL hash (#/tasks/<id>), so every view has a link an operator can paste, and the server only
// ever serves static files.
import { render } from "preact";
import { useEffect, useState } from "preact/hooks";
import { session } from "./api.js";
import { DatasetsPage } from "./pages/datasets.js";
import { JobPage, JobsPage } from "./pages/jobs.js";
import { Login } from "./pages/login.js";
import { OutboxPage } from "./pages/outbox.js";
import { OverviewPage } from "./pages/overview.js";
import { TaskPage } from "./pages/task.js";
import { TasksPage } from "./pages/tasks.js";

export type Route =
  | { readonly page: "overview" }
  | { readonly page: "jobs"; readonly query: URLSearchParams }
  | { readonly page: "job"; readonly jobId: string }
  | { readonly page: "tasks"; readonly query: URLSearchParams }
  | { readonly page: "task"; readonly taskId: string }
  | { readonly page: "outbox" }
  | { readonly page: "datasets" };

export function parseRoute(hash: string): Route {
  const [path = "", search = ""] = hash.replace(/^#/, "").split("?", 2);
  const parts = path.split("/").filter((p) => p.length > 0);
  if (parts[0] === "tasks" && parts[1] !== undefined) return { page: "task", taskId: decodeURIComponent(parts[1]) };
  if (parts[0] === "outbox") return { page: "outbox" };
  if (parts[0] === "datasets") return { page: "datasets" };
  if (parts[0] === "jobs" && parts[1] !== undefined) return { page: "job", jobId: decodeURIComponent(parts[1]) };
  if (parts[0] === "jobs") return { page: "jobs", query: new URLSearchParams(search) };
  if (parts[0] === "tasks") return { page: "tasks", query: new URLSearchParams(search) };
  return { page: "overview" };
}

function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onChange);
    return () => removeEventListener("hashchange", onChange);
  }, []);
  return route;
}

function App() {
  const [signedIn, setSignedIn] = useState(() => session.token() !== null);
  const route = useRoute();
  if (!signedIn) return <Login onSignedIn={() => setSignedIn(true)} />;
  const signOut = () => {
    session.signOut();
    setSignedIn(false);
  };
  return (
    <>
      <header class="top">
        <a class="brand" href="#/">Trace Dispatcher</a>
        <nav aria-label="Main">
          <a href="#/" aria-current={route.page === "overview" ? "page" : undefined}>Overview</a>
          <a href="#/jobs" aria-current={route.page === "jobs" || route.page === "job" ? "page" : undefined}>Jobs</a>
          <a href="#/tasks" aria-current={route.page === "tasks" || route.page === "task" ? "page" : undefined}>Tasks</a>
          <a href="#/outbox" aria-current={route.page === "outbox" ? "page" : undefined}>Outbox</a>
          <a href="#/datasets" aria-current={route.page === "datasets" ? "page" : undefined}>Datasets</a>
        </nav>
        <button type="button" class="link" onClick={signOut}>Sign out</button>
      </header>
      <main id="main">
        {route.page === "overview" && <OverviewPage onUnauthenticated={signOut} />}
        {route.page === "jobs" && <JobsPage query={route.query} onUnauthenticated={signOut} />}
        {route.page === "job" && <JobPage jobId={route.jobId} onUnauthenticated={signOut} />}
        {route.page === "tasks" && <TasksPage query={route.query} onUnauthenticated={signOut} />}
        {route.page === "task" && <TaskPage taskId={route.taskId} onUnauthenticated={signOut} />}
        {route.page === "outbox" && <OutboxPage onUnauthenticated={signOut} />}
        {route.page === "datasets" && <DatasetsPage onUnauthenticated={signOut} />}
      </main>
    </>
  );
}

const root = document.getElementById("app");
if (root !== null) render(<App />, root);
