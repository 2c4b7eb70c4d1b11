// A small bar chart of attempts finished per minute (SVG elements, no script or inline style: it
// renders under the console's Content-Security-Policy).
import type { ThroughputBucket } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import { time } from "./format.js";

const WIDTH = 600;
const HEIGHT = 90;

export function ThroughputChart(props: { buckets: readonly ThroughputBucket[] }) {
  const max = Math.max(1, ...props.buckets.map((b) => Number(b.completed + b.failed + b.other)));
  const step = WIDTH / Math.max(1, props.buckets.length);
  const total = props.buckets.reduce((sum, b) => sum + Number(b.completed), 0);
  const failed = props.buckets.reduce((sum, b) => sum + Number(b.failed), 0);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={`${total} attempts completed and ${failed} failed in the last ${props.buckets.length} minutes`}>
        {props.buckets.map((b, i) => {
          const completed = (Number(b.completed) / max) * HEIGHT;
          const bad = (Number(b.failed) / max) * HEIGHT;
          return (
            <g>
              <title>{`${time(b.minute)}: ${b.completed} completed, ${b.failed} failed, ${b.other} other`}</title>
              <rect class="bar-ok" x={i * step + 1} y={HEIGHT - completed} width={Math.max(1, step - 2)} height={completed} />
              <rect class="bar-bad" x={i * step + 1} y={HEIGHT - completed - bad} width={Math.max(1, step - 2)} height={bad} />
            </g>
          );
        })}
      </svg>
      <figcaption>
        Attempts finished per minute, last {props.buckets.length} minutes: {total} completed, {failed} failed.
      </figcaption>
    </figure>
  );
}
