// How long a presigned bundle URL must work (CONTRACT §3: "the bundle URL stays valid for as long
// as a delivery may arrive"). Lambda may deliver an Event up to MaximumEventAgeInSeconds after
// accepting it (TRACE_LAMBDA_MAX_EVENT_AGE_SECONDS, enforced on the function's event-invoke config),
// and the runner then downloads for up to its download timeout. A URL that only covered the lease
// at invoke time expired under a delivery that Lambda held back, so the lifetime is
//   max(lease expiry, now + max event age + download allowance), capped at the presign cap.
// The presign cap is how long a URL signed with the Dispatcher's S3 credentials can be trusted to
// work (temporary credentials end a URL early; SigV4 itself stops at 7 days). A configuration
// whose max event age plus download allowance exceeds the cap cannot keep the promise and is refused.

/** The runner's default bundle download timeout (src/runner/options.ts, downloadTimeoutMs). */
export const BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS = 60;
/** SigV4 query signatures are valid for at most 7 days. */
export const SIGV4_MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

export interface BundleUrlLifetime {
  /** Every bundle URL works at least this long after it is signed. */
  minSeconds: number;
  /** No bundle URL is signed for longer (the presign cap). */
  maxSeconds: number;
}

export class BundleUrlLifetimeError extends Error {
  override readonly name = "BundleUrlLifetimeError";
}

/** The lifetime for a runner function whose events may be `maxEventAgeSeconds` old; refuses what cannot hold. */
export function bundleUrlLifetime(maxEventAgeSeconds: number, presignCapSeconds: number): BundleUrlLifetime {
  const minSeconds = maxEventAgeSeconds + BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS;
  const maxSeconds = Math.min(presignCapSeconds, SIGV4_MAX_PRESIGN_SECONDS);
  if (minSeconds > maxSeconds) {
    throw new BundleUrlLifetimeError(
      `a delivery may download its bundle up to ${minSeconds} s after the invoke (max event age ${maxEventAgeSeconds} s + ` +
        `${BUNDLE_DOWNLOAD_ALLOWANCE_SECONDS} s download), longer than bundle URLs may be signed for (${maxSeconds} s)`,
    );
  }
  return { minSeconds, maxSeconds };
}

/** When a bundle URL signed at `now` for a lease ending at `leaseExpiresAt` stops working. */
export function bundleUrlNotAfter(now: Date, leaseExpiresAt: Date, lifetime: BundleUrlLifetime): Date {
  const leaseSeconds = Math.ceil((leaseExpiresAt.getTime() - now.getTime()) / 1000);
  const seconds = Math.min(lifetime.maxSeconds, Math.max(lifetime.minSeconds, leaseSeconds));
  return new Date(now.getTime() + seconds * 1000);
}
