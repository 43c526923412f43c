import type { IncomingMessage } from "node:http";
import { describe, expect, it } from "vitest";
import { clientAddress, pinClientAddress } from "./client-address";

function nodeRequest(headers: IncomingMessage["headers"], remoteAddress: string | undefined) {
  return { headers: { ...headers }, socket: { remoteAddress } } as Pick<IncomingMessage, "headers" | "socket">;
}
const asWeb = (req: Pick<IncomingMessage, "headers">) => ({ headers: new Headers(req.headers as Record<string, string>) });

describe("clientAddress", () => {
  it("reads the first X-Forwarded-For hop, else X-Real-IP", () => {
    expect(clientAddress({ headers: new Headers({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }) })).toBe("203.0.113.7");
    expect(clientAddress({ headers: new Headers({ "x-real-ip": " 198.51.100.2 " }) })).toBe("198.51.100.2");
    expect(clientAddress({ headers: new Headers() })).toBeUndefined();
  });
});

describe("pinClientAddress", () => {
  it("without a trusted proxy, a forged X-Forwarded-For or X-Real-IP gives way to the socket's address", () => {
    const forged = nodeRequest({ "x-forwarded-for": "203.0.113.7", "x-real-ip": "198.51.100.2" }, "127.0.0.1");
    pinClientAddress(forged, false);
    expect(clientAddress(asWeb(forged))).toBe("127.0.0.1");
    expect(forged.headers["x-real-ip"]).toBeUndefined();

    const onlyRealIp = nodeRequest({ "x-real-ip": "198.51.100.2" }, "::1");
    pinClientAddress(onlyRealIp, false);
    expect(clientAddress(asWeb(onlyRealIp))).toBe("::1");

    const noSocketAddress = nodeRequest({ "x-forwarded-for": "203.0.113.7" }, undefined);
    pinClientAddress(noSocketAddress, false);
    expect(clientAddress(asWeb(noSocketAddress))).toBeUndefined();
  });

  it("behind a trusted proxy, the proxy's headers are kept", () => {
    const proxied = nodeRequest({ "x-forwarded-for": "203.0.113.7, 10.0.0.1" }, "10.0.0.1");
    pinClientAddress(proxied, true);
    expect(clientAddress(asWeb(proxied))).toBe("203.0.113.7");
  });
});
