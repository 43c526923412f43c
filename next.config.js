// Security headers on every response (admin pages, API routes and static files alike). They are
// fixed at build time (Next writes them into the routes manifest), so nothing here may depend on
// start-time environment.
//
// Content-Security-Policy: Next.js inlines the scripts that boot React and stream server components,
// so script-src needs 'unsafe-inline' (a per-request nonce would force every page to render
// dynamically). What still holds: scripts only from this origin, no plugins, no <base> hijacking,
// forms post only to this origin, no framing at all, and no connections to other origins, so an
// injected script could not exfiltrate anything. `next dev` additionally needs eval for React Refresh.
const isDev = process.env.NODE_ENV === "development";

const contentSecurityPolicy = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${isDev ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  `connect-src 'self'${isDev ? " ws: wss:" : ""}`,
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** @type {{ key: string; value: string }[]} */
const securityHeaders = [
  { key: "Content-Security-Policy", value: contentSecurityPolicy },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  // Browsers ignore HSTS received over plain HTTP (RFC 6797 §8.1), so this only takes effect when
  // Roster is served over HTTPS, which is how it must be exposed to Entra ID.
  { key: "Strict-Transport-Security", value: "max-age=31536000" },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  serverExternalPackages: ["better-sqlite3", "pg"],
  async headers() {
    return [{ source: "/:path*", headers: securityHeaders }];
  },
  experimental: {
    // Server actions already refuse a request whose Origin differs from the Host it was sent to;
    // no extra origins are allowed.
    serverActions: { bodySizeLimit: "1mb" },
  },
};

module.exports = nextConfig;
