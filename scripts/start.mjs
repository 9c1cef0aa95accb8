#!/usr/bin/env node
/**
 * `npm start`: builds the renderer and serves it locally, printing the address to open. (The desktop
 * shell will launch Electron here where its binary is available, and fall back to this.)
 */
import { build, preview } from 'vite';

const config = new URL('../renderer/vite.config.ts', import.meta.url).pathname;
await build({ configFile: config, logLevel: 'warn' });
const port = Number(process.env.PORT ?? 4173);
const server = await preview({ configFile: config, preview: { host: '127.0.0.1', port, strictPort: false } });
const url = server.resolvedUrls?.local[0] ?? `http://127.0.0.1:${port}/`;
console.log(`ArchSim is running at ${url} — open it in your browser. Press Ctrl+C to stop.`);
