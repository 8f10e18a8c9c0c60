import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  typedRoutes: false,
  // Close-out evidence still travels as base64 through a server action (lib/attachments/service.ts
  // uploadAttachment): room for one file at the 20 MB cap (+⅓ for base64) until it moves to POST /attachments.
  experimental: { serverActions: { bodySizeLimit: "28mb" } },
  // Browsers ask for /favicon.ico on pages without an icon link (e.g. a streamed 404): serve the SVG icon.
  async rewrites() {
    return [{ source: "/favicon.ico", destination: "/icon.svg" }];
  },
};

export default nextConfig;
