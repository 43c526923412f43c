// SCIM calls the way Microsoft Entra ID sends them: a client-credentials token, then JSON requests with
// the bearer token and application/scim+json bodies.
import type { HttpClient, HttpResult } from "./http-client";
import type { LatencyRecorder } from "./latency";

export interface DirectoryCredentials {
  directoryId: string;
  clientId: string;
  clientSecret: string;
}

export const SCIM_BASE = "/api/scim/v2";

export class ScimClient {
  private token = "";

  constructor(
    readonly http: HttpClient,
    readonly credentials: DirectoryCredentials,
  ) {}

  get directoryId() {
    return this.credentials.directoryId;
  }

  async signIn(): Promise<void> {
    const body = new URLSearchParams({ grant_type: "client_credentials", client_id: this.credentials.clientId, client_secret: this.credentials.clientSecret }).toString();
    const res = await this.http.request({ method: "POST", path: "/api/oauth/token", headers: { "content-type": "application/x-www-form-urlencoded" }, body });
    if (res.status !== 200) throw new Error(`Token request failed: ${res.status} ${res.text.slice(0, 300)}`);
    this.token = (JSON.parse(res.text) as { access_token: string }).access_token;
  }

  call(method: string, path: string, recorder?: LatencyRecorder, body?: unknown, okStatuses?: number[]): Promise<HttpResult> {
    const headers: Record<string, string> = { authorization: `Bearer ${this.token}`, accept: "application/scim+json" };
    if (body !== undefined) headers["content-type"] = "application/scim+json";
    return this.http.request({ method, path: `${SCIM_BASE}${path}`, headers, body: body === undefined ? undefined : JSON.stringify(body), recorder, okStatuses });
  }
}

/** Entra's query-string form of an eq filter: `filter=userName+eq+%22…%22`. */
export function eqFilterQuery(attribute: string, value: string): string {
  return `filter=${attribute}+eq+%22${encodeURIComponent(value)}%22`;
}

export function parseJson<T>(res: HttpResult): T | undefined {
  try {
    return JSON.parse(res.text) as T;
  } catch {
    return undefined;
  }
}
