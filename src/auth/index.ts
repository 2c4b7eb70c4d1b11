// Public surface of the task capability-token module (CONTRACT §5).
export * from "./errors.js";
export * from "./claims.js";
export * from "./verify.js";
export * from "./keyring.js";
export * from "./jwks.js";
export * from "./mint.js";
export * from "./keyring-admin.js";
