#!/usr/bin/env node
// Bundles the chat widget into one self-contained script (socket.io-client included) and copies
// the demo page; the API serves both (/widget.js, /chat-demo). Prints the bundle size.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const out = join(root, 'dist/apps/chat-widget');
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'apps/chat-widget/src/main.ts')],
  outfile: join(out, 'widget.js'),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2018'],
  platform: 'browser',
  tsconfig: join(root, 'apps/chat-widget/tsconfig.json'),
  legalComments: 'none',
  logLevel: 'warning',
});
copyFileSync(join(root, 'apps/chat-widget/src/demo.html'), join(out, 'demo.html'));

const bundle = readFileSync(join(out, 'widget.js'));
console.log(`dist/apps/chat-widget/widget.js: ${(bundle.length / 1024).toFixed(1)} KB, ${(gzipSync(bundle).length / 1024).toFixed(1)} KB gzipped`);
