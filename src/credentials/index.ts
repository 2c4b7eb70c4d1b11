// Public surface of the credentials module (scoped S3 credentials for task attempts).
export * from "./s3-prefix.js";
export * from "./session-policy.js";
export * from "./sts.js";
