// The parts of `next/*` that server actions and pages call, for tests that run them outside Next.
// One module for every test file:
//   vi.mock("next/navigation", () => import("../support/next-mocks"));
//   vi.mock("next/cache", () => import("../support/next-mocks"));
//   vi.mock("next/headers", () => import("../support/next-mocks"));
// redirect() and notFound() throw errors with Next's own digests, as the real ones do, so code that
// relies on them stopping the action behaves the same; expectRedirect() reads the target back.
import { vi } from "vitest";

export const redirect = vi.fn((url: string): never => {
  throw Object.assign(new Error(`NEXT_REDIRECT ${url}`), { digest: `NEXT_REDIRECT;replace;${url};307;` });
});

export const notFound = vi.fn((): never => {
  throw Object.assign(new Error("NEXT_HTTP_ERROR_FALLBACK;404"), { digest: "NEXT_HTTP_ERROR_FALLBACK;404" });
});

export const revalidatePath = vi.fn();
export const revalidateTag = vi.fn();

/** The URL a server action redirected to (it must have). */
export async function expectRedirect(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    const digest = (e as { digest?: string }).digest ?? "";
    if (digest.startsWith("NEXT_REDIRECT")) return digest.split(";")[2];
    throw e;
  }
  throw new Error("expected a redirect");
}

/** The request headers a server action sees: a proxy's X-Forwarded-For, so audit rows get an address. */
export const TEST_CLIENT_ADDRESS = "203.0.113.7";
export const headers = vi.fn(async () => new Headers({ "x-forwarded-for": TEST_CLIENT_ADDRESS }));
