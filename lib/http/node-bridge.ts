// Node's http objects ⇄ the Web-standard Request/Response that Roster's API handlers take (the same
// functions the Next.js route files call). Used by the production server's API routes and by tests.
import type { IncomingMessage, ServerResponse } from "node:http";

/** Origin for request.url: handlers read the public origin from Host / X-Forwarded-* headers, not from it. */
const URL_ORIGIN = "http://localhost";

function carriesBody(req: IncomingMessage): boolean {
  if (req.method === "GET" || req.method === "HEAD") return false;
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] !== undefined || (length !== undefined && length !== "0");
}

/**
 * The request body as a stream with backpressure, read from the socket only when a handler reads it.
 * Handlers read with their own size limit and may stop early (413); cancelling then discards the rest
 * as it arrives instead of destroying the socket, so the client still receives the answer.
 */
function bodyStream(req: IncomingMessage): ReadableStream<Uint8Array> {
  let listening = false;
  let finished = false;
  return new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (!listening) {
          listening = true;
          req.on("data", (chunk: Buffer) => {
            if (finished) return;
            controller.enqueue(chunk);
            if ((controller.desiredSize ?? 0) <= 0) req.pause();
          });
          req.once("end", () => {
            if (finished) return;
            finished = true;
            controller.close();
          });
          req.once("error", (e) => {
            if (finished) return;
            finished = true;
            controller.error(e);
          });
        }
        req.resume();
      },
      cancel() {
        finished = true;
        req.resume();
      },
    },
    { highWaterMark: 0 },
  );
}

export function toWebRequest(req: IncomingMessage): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  const request = new Request(new URL(req.url ?? "/", URL_ORIGIN), {
    method: req.method ?? "GET",
    headers,
    body: carriesBody(req) ? bodyStream(req) : undefined,
    duplex: "half",
  } as RequestInit);
  bridged.add(request);
  return request;
}

// The requests made by toWebRequest: their answers are written by sendWebResponse (the production
// server's and the test server's only way back), never read as a Web Response by anyone else.
const bridged = new WeakSet<Request>();

// The text of each Response built by textResponse: sent as it is instead of read back through the
// Response's body stream (a stream read per answer, on every API request).
const bodyTexts = new WeakMap<Response, string>();

/**
 * A Response with a text body (or none), which sendWebResponse writes without reading its stream.
 * Answering a request made by toWebRequest, the Response itself carries no body: building one from a
 * string makes a ReadableStream for it, which costs more than the rest of the Response and would never
 * be read. Any other request's answer (Next's route files, tests calling a handler) carries its body.
 */
export function textResponse(text: string | null, init: ResponseInit, request?: Request): Response {
  const response = new Response(request && bridged.has(request) ? null : text, init);
  if (text !== null) bodyTexts.set(response, text);
  return response;
}

/** Writes a Web Response; `defaults` are headers the response may override (e.g. security headers). */
export async function sendWebResponse(res: ServerResponse, response: Response, defaults: Record<string, string> = {}): Promise<void> {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(defaults)) headers[name.toLowerCase()] = value;
  response.headers.forEach((value, name) => {
    if (name !== "set-cookie") headers[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers["set-cookie"] = cookies;
  const text = bodyTexts.get(response);
  const body = text !== undefined ? Buffer.from(text) : response.body ? Buffer.from(await response.arrayBuffer()) : undefined;
  if (body) headers["content-length"] = String(body.byteLength);
  res.writeHead(response.status, headers);
  res.end(body);
}
