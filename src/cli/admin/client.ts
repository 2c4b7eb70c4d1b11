// The AdminService client the CLI subcommands share, and the one function that turns their
// arguments into a run: target discovery, usage errors and API errors mapped to exit codes.
import { createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-node";
import { AdminService } from "../../../gen/ts/trace/dispatcher/v1/admin_pb.js";
import type { Env } from "../../app/config.js";
import { UsageError } from "./args.js";
import { resolveAdminTarget, TargetError, type AdminTarget } from "./instance.js";
import { ExitCode, reportError, type Io } from "./output.js";

export type AdminClient = Client<typeof AdminService>;

export function adminClient(target: AdminTarget): AdminClient {
  const bearer: Interceptor = (next) => (request) => {
    request.header.set("Authorization", `Bearer ${target.token}`);
    return next(request);
  };
  return createClient(AdminService, createConnectTransport({ baseUrl: target.url, httpVersion: "1.1", interceptors: [bearer] }));
}

export interface AdminIo extends Io {
  env: Env;
}

/** A subcommand: gets the client and its target; resolves with the exit code. */
export type AdminAction = (client: AdminClient, target: AdminTarget) => Promise<number>;

/**
 * Runs `action` against the resolved Dispatcher. `prepare` parses arguments first (throwing
 * UsageError), so a usage mistake never needs a running Dispatcher.
 */
export async function runAdmin(io: AdminIo, usage: string, what: string, prepare: () => { url?: string; action: AdminAction }): Promise<number> {
  let prepared: { url?: string; action: AdminAction };
  let target: AdminTarget;
  try {
    prepared = prepare();
    target = resolveAdminTarget(io.env, prepared.url);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${what}: ${error.message}\n${usage}`);
      return ExitCode.usage;
    }
    if (error instanceof TargetError) {
      io.stderr(`${what}: ${error.message}`);
      return ExitCode.unreachable;
    }
    throw error;
  }
  try {
    return await prepared.action(adminClient(target), target);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${what}: ${error.message}\n${usage}`);
      return ExitCode.usage;
    }
    return reportError(io, what, error);
  }
}
