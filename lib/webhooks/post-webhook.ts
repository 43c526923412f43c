// The HTTP client of webhook delivery: one POST, 10 s for the whole exchange, no redirect followed (a
// 3xx is an answer like any other non-2xx: a failure), and the socket connected to the address that
// destination.ts checked after resolving the host, never to a second resolution of the name.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { bareHost, parseWebhookUrl, resolveDestination, WebhookDestinationError, type Resolver } from "./destination";

export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Characters of the receiver's answer kept in the delivery log. */
export const RESPONSE_EXCERPT_CHARS = 500;
/** Bytes of the answer read at most; the rest is not awaited. */
const MAX_RESPONSE_BYTES = 64 * 1024;

// Keep-alive pools: delivery sends many small requests to few receivers. Plain module state: the
// delivery job runs in one copy of lib/ per process (see lib/process-registry.ts).
const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 16 }), https: new https.Agent({ keepAlive: true, maxSockets: 16 }) };

export interface PostWebhookOptions {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs?: number;
  resolve?: Resolver;
}

export interface PostWebhookResult {
  /** The receiver's status code, when it answered. */
  statusCode?: number;
  /** Why there was no answer (timeout, connection refused, refused destination). */
  error?: string;
  latencyMs: number;
  responseExcerpt?: string;
}

export async function postWebhook({ url: raw, headers, body, timeoutMs = WEBHOOK_TIMEOUT_MS, resolve }: PostWebhookOptions): Promise<PostWebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = parseWebhookUrl(raw);
    // Checked here for a literal address (the socket does not look those up) and for a name, so a
    // refusal is reported as such; the lookup below checks again the addresses it connects to.
    await resolveDestination(bareHost(url), resolve);
  } catch (e) {
    return { error: e instanceof WebhookDestinationError ? `refused: ${e.message}` : String(e), latencyMs: elapsed() };
  }
  const lookup: LookupFunction = (hostname, options, callback) => {
    resolveDestination(hostname, resolve).then(
      (addresses) => {
        if (options.all) callback(null, addresses);
        else callback(null, addresses[0].address, addresses[0].family);
      },
      (e: Error) => callback(Object.assign(e, { code: "EREFUSED_DESTINATION" }), "", 0),
    );
  };
  const client = url.protocol === "https:" ? https : http;
  return new Promise<PostWebhookResult>((done) => {
    let settled = false;
    const finish = (result: Omit<PostWebhookResult, "latencyMs">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      done({ ...result, latencyMs: elapsed() });
    };
    const request = client.request(
      url,
      {
        method: "POST",
        agent: url.protocol === "https:" ? agents.https : agents.http,
        lookup,
        headers: { ...headers, "content-length": String(Buffer.byteLength(body)) },
      },
      (response) => {
        const parts: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          if (size < MAX_RESPONSE_BYTES) parts.push(chunk);
          size += chunk.length;
          if (size >= MAX_RESPONSE_BYTES) {
            response.destroy();
            finish({ statusCode: response.statusCode, responseExcerpt: excerpt(parts) });
          }
        });
        response.on("end", () => finish({ statusCode: response.statusCode, responseExcerpt: excerpt(parts) }));
        response.on("error", () => finish({ statusCode: response.statusCode, responseExcerpt: excerpt(parts) }));
      },
    );
    const timer = setTimeout(() => {
      request.destroy();
      finish({ error: `timeout: no complete answer within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    request.on("error", (e: NodeJS.ErrnoException) => finish({ error: describeError(e) }));
    request.end(body);
  });
}

function excerpt(parts: Buffer[]): string | undefined {
  const text = Buffer.concat(parts).toString("utf8").slice(0, RESPONSE_EXCERPT_CHARS);
  return text || undefined;
}

function describeError(e: NodeJS.ErrnoException): string {
  if (e.code === "EREFUSED_DESTINATION") return `refused: ${e.message}`;
  if (e.code === "ECONNREFUSED") return "connection refused";
  if (e.code === "ECONNRESET") return "connection reset";
  if (e.code === "ENOTFOUND" || e.code === "EAI_AGAIN") return "host not found";
  return e.code ? `${e.code}: ${e.message}` : e.message;
}
