#!/usr/bin/env node
// The CLI is written in TypeScript; tsx compiles it on load so there is no build step for the server.
import { register } from 'tsx/esm/api';

register();
await import('./trove.ts');
