// yauzl's own fromBuffer reads every header through a pair of streams, which costs more than the
// entry itself for the small files leaks are made of; this reader copies straight from memory.
import { Readable } from 'node:stream';
import yauzl from 'yauzl';

type ReadCallback = (error: Error | null, bytesRead?: number) => void;

export class ZipBufferReader extends yauzl.RandomAccessReader {
  constructor(private readonly bytes: Buffer) {
    super();
  }

  override _readStreamForRange(start: number, end: number): Readable {
    return Readable.from([this.bytes.subarray(start, end)], { objectMode: false });
  }

  override read(buffer: Buffer, offset: number, length: number, position: number, callback: ReadCallback): void {
    const copied = position < this.bytes.length ? this.bytes.copy(buffer, offset, position, position + length) : 0;
    // yauzl reads the count to detect a short read; asynchronous as yauzl expects.
    queueMicrotask(() => callback(null, copied));
  }
}
