// The console's only way to the Dispatcher: the generated AdminService client over Connect (JSON),
// built from the same gen/ts descriptors the server serves, so the page cannot drift from the
// contract. The admin token lives in sessionStorage (per tab, gone with the tab, never in a URL or
// a cookie), and is sent as `Authorization: Bearer`; with no cookie there is nothing for a
// cross-site request to ride on, so the console needs no CSRF token.
import { Code, ConnectError, createClient, type Client, type Interceptor } from "@connectrpc/connect";
import { createConnectTransport } from "@connectrpc/connect-web";
import { ErrorDetailSchema } from "../../gen/ts/trace/dispatcher/v1/errors_pb.js";
import { AdminService } from "../../gen/ts/trace/dispatcher/v1/admin_pb.js";

const TOKEN_KEY = "trace-dispatcher-admin-token";

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

const bearer: Interceptor = (next) => async (request) => {
  const token = session.token();
  if (token !== null) request.header.set("authorization", `Bearer ${token}`);
  return next(request);
};

export type Admin = Client<typeof AdminService>;

export const admin: Admin = createClient(
  AdminService,
  createConnectTransport({ baseUrl: location.origin, useBinaryFormat: false, interceptors: [bearer] }),
);

/** A refusal as the console shows it: the Connect code, the contract's reason, the message. */
export interface Problem {
  readonly code: string;
  readonly reason: string;
  readonly message: string;
  readonly unauthenticated: boolean;
}

export function problemOf(error: unknown): Problem {
  const connectError = ConnectError.from(error);
  const reason = connectError.findDetails(ErrorDetailSchema)[0]?.reason ?? "";
  return {
    code: Code[connectError.code] ?? "Unknown",
    reason,
    message: connectError.rawMessage,
    unauthenticated: connectError.code === Code.Unauthenticated,
  };
}

/** Verifies a token before keeping it: one cheap admin call. */
export async function checkToken(token: string): Promise<Problem | undefined> {
  const client = createClient(AdminService, createConnectTransport({ baseUrl: location.origin, useBinaryFormat: false }));
  try {
    await client.listTasks({ pageSize: 1 }, { headers: { authorization: `Bearer ${token}` } });
    return undefined;
  } catch (error) {
    return problemOf(error);
  }
}
