// Small pieces every page uses.
import type { ComponentChildren } from "preact";
import type { Problem } from "./api.js";

export function ProblemBox(props: { problem: Problem; title?: string }) {
  const { problem } = props;
  return (
    <div class="problem" role="alert">
      <strong>{props.title ?? "The Dispatcher refused the request"}</strong>
      <div>
        {problem.code}
        {problem.reason !== "" ? ` / ${problem.reason}` : ""}: {problem.message}
      </div>
    </div>
  );
}

export function StateBadge(props: { state: string }) {
  return <span class={`state state-${props.state.toLowerCase()}`}>{props.state}</span>;
}

export function Section(props: { title: string; children: ComponentChildren }) {
  return (
    <section aria-label={props.title}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** JSON shown as text: whatever a task's config holds (even "<script>") is never markup. */
export function JsonBlock(props: { value: unknown }) {
  return <pre class="json">{JSON.stringify(props.value, null, 2)}</pre>;
}
