#!/usr/bin/env -S node --max-semi-space-size=4
// A young generation of 4 MB, where Node lets it grow to 32 MB under load: the server's requests make short-lived
// garbage, and with it the server at ten million passages kept about 30 MB less resident at the same speed, an
// import of the 200k archive took as long (bench/README.md, session 17). `npm start` and bench:scale pass the same
// flags (bin/node-flags.ts reads them from this line).
// The CLI is written in TypeScript; tsx compiles it on load so there is no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('./trove.ts');
