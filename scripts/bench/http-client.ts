// A keep-alive HTTP client for the load driver. node:http rather than fetch: on a 2-core machine the
// driver shares the CPU with the server it measures, and node:http costs it far less per request.
// It only ever talks to the loopback address.
import http from "node:http";
import type { LatencyRecorder } from "./latency";

export interface HttpResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  ms: number;
}

export interface RequestOptions {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Where the latency goes; a non-2xx answer (or a network error) counts as an error there. */
  recorder?: LatencyRecorder;
  /** Answers that are expected and not errors (e.g. 404 for a deleted user). */
  okStatuses?: number[];
}

const REQUEST_TIMEOUT_MS = 60_000;

export class HttpClient {
  private readonly agent: http.Agent;
  readonly origin: string;
  private readonly port: number;

  constructor(origin: string, sockets: number) {
    const url = new URL(origin);
    // Load is only ever sent to this machine (the workplace's rule and plain good manners).
    if (url.hostname !== "127.0.0.1") throw new Error(`The bench only targets 127.0.0.1, not ${url.hostname}`);
    this.origin = url.origin;
    this.port = Number(url.port);
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets, maxFreeSockets: sockets });
  }

  request(options: RequestOptions): Promise<HttpResult> {
    return this.attempt(options, performance.now(), true);
  }

  private attempt(options: RequestOptions, started: number, mayRetry: boolean): Promise<HttpResult> {
    const headers: Record<string, string | number> = { ...(options.headers ?? {}) };
    if (options.body !== undefined) headers["content-length"] = Buffer.byteLength(options.body);
    return new Promise<HttpResult>((resolve) => {
      const req = http.request(
        { host: "127.0.0.1", port: this.port, method: options.method, path: options.path, headers, agent: this.agent, timeout: REQUEST_TIMEOUT_MS },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve(this.finish(options, started, res.statusCode ?? 0, res.headers, Buffer.concat(chunks).toString("utf8"))));
          res.on("error", (e) => resolve(this.finish(options, started, 0, {}, `response error: ${e.message}`)));
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
      req.on("error", (e: NodeJS.ErrnoException) => {
        // The server closed an idle keep-alive socket just as it was reused (a race every keep-alive
        // client has; Node's documentation suggests exactly this): nothing was processed, send again.
        if (mayRetry && req.reusedSocket && (e.code === "ECONNRESET" || e.message === "socket hang up")) {
          resolve(this.attempt(options, started, false));
          return;
        }
        resolve(this.finish(options, started, 0, {}, `request error: ${e.message}`));
      });
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  }

  private finish(options: RequestOptions, started: number, status: number, headers: http.IncomingHttpHeaders, text: string): HttpResult {
    const ms = performance.now() - started;
    const ok = (status >= 200 && status < 300) || (options.okStatuses?.includes(status) ?? false);
    if (options.recorder) {
      if (ok) options.recorder.record(ms);
      else options.recorder.fail(ms, `${options.method} ${options.path.slice(0, 160)} → ${status} ${text.slice(0, 300)}`);
    }
    return { status, headers, text, ms };
  }

  close() {
    this.agent.destroy();
  }
}
