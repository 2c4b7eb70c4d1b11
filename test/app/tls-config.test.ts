// TRACE_TLS_CERT_FILE / TRACE_TLS_KEY_FILE: both or neither, read at start, and the default public
// URL follows the scheme.
import { afterAll, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../../src/app/config.js";
import { selfSignedCertificate } from "../support/self-signed.js";

const certificate = selfSignedCertificate();
afterAll(() => certificate.dispose());

it("serves cleartext without the TLS variables", () => {
  const config = loadConfig({ PORT: "9000" });
  expect(config.tls).toBeUndefined();
  expect(config.publicUrl).toBe("http://127.0.0.1:9000");
});

it("serves TLS with both files, read at start, and defaults the public URL to https", () => {
  const config = loadConfig({ PORT: "9000", TRACE_TLS_CERT_FILE: certificate.certFile, TRACE_TLS_KEY_FILE: certificate.keyFile });
  expect(config.tls).toEqual({ cert: certificate.cert, key: certificate.key });
  expect(config.publicUrl).toBe("https://127.0.0.1:9000");
});

it("refuses one file without the other, and a file it cannot read, naming the variable", () => {
  expect(() => loadConfig({ TRACE_TLS_CERT_FILE: certificate.certFile })).toThrow(ConfigError);
  expect(() => loadConfig({ TRACE_TLS_KEY_FILE: certificate.keyFile })).toThrow(/TRACE_TLS_CERT_FILE and TRACE_TLS_KEY_FILE go together/);
  expect(() => loadConfig({ TRACE_TLS_CERT_FILE: "/nonexistent/cert.pem", TRACE_TLS_KEY_FILE: certificate.keyFile })).toThrow(/TRACE_TLS_CERT_FILE: cannot read \/nonexistent\/cert.pem \(ENOENT\)/);
});
