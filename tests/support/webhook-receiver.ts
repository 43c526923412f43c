// A real webhook receiver on 127.0.0.1 (node:http) for the webhook tests, the kill -9 script and the
// benchmark: it records every request (headers and raw body) and answers as told: a status per
// request in turn (`script`), then `status`; a `delayMs` longer than the sender's timeout is a timeout.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
}

export interface WebhookReceiver {
  url: string;
  port: number;
  received: ReceivedWebhook[];
  /** Requests answered (also when not recorded). */
  count: number;
  /** Statuses for the next requests, in turn (a number, or "hang" to never answer within the timeout). */
  script: (number | "hang")[];
  /** The answer once the script is used up. */
  status: number;
  close(): Promise<void>;
}

export async function startWebhookReceiver(options: { port?: number; record?: boolean } = {}): Promise<WebhookReceiver> {
  const receiver: WebhookReceiver = { url: "", port: 0, received: [], count: 0, script: [], status: 204, close: async () => undefined };
  const server = createServer((req, res) => {
    const parts: Buffer[] = [];
    req.on("data", (c: Buffer) => parts.push(c));
    req.on("end", () => {
      const next = receiver.script.length ? receiver.script.shift()! : receiver.status;
      if (next === "hang") {
        setTimeout(() => res.destroy(), 30_000).unref();
        return;
      }
      receiver.count++;
      if (options.record !== false) receiver.received.push({ headers: req.headers, body: Buffer.concat(parts).toString("utf8"), at: Date.now() });
      res.statusCode = next;
      // A redirect points back at this receiver, where a sender that followed it would be answered `status`.
      if (next >= 300 && next < 400) res.setHeader("location", "/redirected");
      res.end(next >= 300 ? `answer ${next}` : "");
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  receiver.port = (server.address() as AddressInfo).port;
  receiver.url = `http://127.0.0.1:${receiver.port}/hooks`;
  receiver.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  return receiver;
}
