import react from "@vitejs/plugin-react";
import { defineConfig } from "vitest/config";

// The dev server proxies the API so the SPA runs on the same origin as in production,
// where the API process serves the built files at `/`.
const api = process.env.REGIE_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: { "/api": api, "/healthz": api, "/readyz": api },
  },
  build: {
    target: "es2022",
    sourcemap: false,
    chunkSizeWarningLimit: 450,
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
    environment: "node",
  },
});
