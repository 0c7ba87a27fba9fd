// The import's writer thread. Worker threads do not inherit the TypeScript loader that the command line
// and the tests run under, so this plain module registers it before loading the thread's code.
import { register } from 'tsx/esm/api';

register();
await import('./document-writer.thread.ts');
