// Run by wasm.engine.test.ts in a child process whose network calls all throw: OCR one image with the WebAssembly engine.
import { readFileSync } from 'node:fs';
import { wasmEngine } from './wasm.engine.ts';
import { parseTsv } from './tsv.ts';
const engine = (await wasmEngine())!;
const [page] = parseTsv(await engine.recognizeTsv(readFileSync(process.argv[2]!), ['eng']));
await engine.close();
console.log(JSON.stringify({ words: page?.words.length, text: page?.text.split('\n')[0] }));
