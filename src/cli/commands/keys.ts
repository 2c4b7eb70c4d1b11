// `keys`: the task-token keyring file (a JWK set of private ES256 keys; the first key signs).
//   keys generate FILE            create a keyring with one signing key (refuses to overwrite)
//   keys rotate FILE              add a new signing key first; old keys keep verifying (overlap)
//   keys retire FILE --after KID  drop every key older than KID, once no live token can need them
//                                 (the longest token lifetime, 24 h, plus the JWKS cache age)
//   keys public FILE              print the public JWK set (what /internal/jwks/task serves)
// Private keys are written with mode 0600 and never printed.
import { existsSync } from "node:fs";
import { createKeyring, publicKeysOf, readKeyringFile, retireKeys, rotateKeyring, writeKeyringFile } from "../../auth/index.js";
import type { CliCommand } from "../command.js";

const USAGE = "usage: keys generate FILE | keys rotate FILE | keys retire FILE --after KID | keys public FILE";

export const command: CliCommand = {
  name: "keys",
  summary: "generate, rotate and retire the ES256 keys that sign task capability tokens",
  help: [
    "usage: trace-dispatcher keys generate FILE | rotate FILE | retire FILE --after KID | public FILE",
    "",
    "  generate FILE              create a keyring with one signing key (refuses to overwrite)",
    "  rotate FILE                add a new signing key first; old keys keep verifying",
    "  retire FILE --after KID    drop every key older than KID (once no live token can need them)",
    "  public FILE                print the public JWK set",
    "",
    "`serve` reads the keyring from TRACE_TASK_JWKS_FILE. Private keys are written 0600, never printed.",
  ].join("\n"),
  run: async (args) => {
    const [action, file, ...rest] = args;
    const out = (value: unknown) => process.stdout.write(`${JSON.stringify(value)}\n`);
    if (!file) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    switch (action) {
      case "generate": {
        if (existsSync(file)) {
          process.stderr.write(`${file} exists; use 'keys rotate' to add a key\n`);
          return 1;
        }
        const jwks = await createKeyring();
        writeKeyringFile(file, jwks);
        out({ file, signing_kid: jwks.keys[0]?.kid });
        return 0;
      }
      case "rotate": {
        const rotated = await rotateKeyring(readKeyringFile(file));
        writeKeyringFile(file, rotated.jwks);
        out({ file, signing_kid: rotated.signingKid, previous_signing_kid: rotated.previousSigningKid });
        return 0;
      }
      case "retire": {
        const after = rest[0] === "--after" ? rest[1] : undefined;
        if (!after) {
          process.stderr.write(`${USAGE}\n`);
          return 2;
        }
        const retired = retireKeys(readKeyringFile(file), after);
        writeKeyringFile(file, retired.jwks);
        out({ file, retired_kids: retired.retiredKids });
        return 0;
      }
      case "public":
        out(publicKeysOf(readKeyringFile(file)));
        return 0;
      default:
        process.stderr.write(`${USAGE}\n`);
        return 2;
    }
  },
};
