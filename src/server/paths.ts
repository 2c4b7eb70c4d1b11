// Paths of the endpoints that are not RPCs (RPC paths come from the proto `http` options only).
export const PlainPath = {
  /** Public keys verifying task capability tokens (JWKS); content from the auth module. */
  jwksTask: "/internal/jwks/task",
  /** Liveness: the process serves HTTP. */
  healthz: "/healthz",
  /** Readiness: the process can do its work (database reachable, ...). */
  readyz: "/readyz",
  /** Prometheus text exposition. */
  metrics: "/metrics",
} as const;

export type PlainPathName = keyof typeof PlainPath;
