// Preloaded (node --import) into `npm run synth` by test/infra/synth-offline.test.ts: any attempt
// to open a socket or resolve a name ends the process with exit code 97 and says what it tried.
import dns from "node:dns";
import net from "node:net";

const refuse = (what) => {
  process.stderr.write(`NETWORK ATTEMPT: ${what}\n`);
  process.exit(97);
};
const originalConnect = net.Socket.prototype.connect;
net.Socket.prototype.connect = function (...args) {
  const target = args[0];
  // Local IPC (a path) is not the network.
  if (typeof target === "string" || (target && typeof target === "object" && "path" in target && target.path)) return originalConnect.apply(this, args);
  refuse(`connect ${JSON.stringify(target && typeof target === "object" ? { host: target.host, port: target.port } : args.slice(0, 2))}`);
};
dns.lookup = (host) => refuse(`dns.lookup ${host}`);
dns.promises.lookup = async (host) => refuse(`dns.promises.lookup ${host}`);
dns.resolve = (host) => refuse(`dns.resolve ${host}`);
