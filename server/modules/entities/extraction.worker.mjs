// The extraction thread's entry. Worker threads do not inherit the TypeScript loader that the command
// line and the tests run under, so this plain module registers it before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./extraction.thread.ts');
