import "server-only";
import { Server, type IncomingMessage } from "node:http";

/**
 * Next's request objects do not expose the connecting socket's address, and
 * it keeps any X-Forwarded-For a client sends, so that header can be forged.
 * At start-up we stamp every incoming request with the socket's address in
 * a header of our own, overwriting whatever a client put there.
 */
export const clientAddressHeader = "x-studio-client-address";

let isInstalled = false;

export function installClientAddressHeader(): void {
  if (isInstalled) return;
  isInstalled = true;
  const emit = Server.prototype.emit;
  Server.prototype.emit = function emitWithClientAddress(this: Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as IncomingMessage;
      request.headers[clientAddressHeader] = request.socket.remoteAddress ?? "unknown";
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof Server.prototype.emit;
}
