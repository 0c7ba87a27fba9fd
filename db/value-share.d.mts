export interface ShareData {
  control: SharedArrayBuffer;
  channel: string;
}

export declare function createShareData(): ShareData;
export declare function sharedArray<T>(Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number }, length: number): T;

export declare class ValueShare {
  constructor(data?: ShareData);
  tick(): number;
  tryLock(): boolean;
  /** Waits while another thread holds the load lock; false after `maxWaitMs` (two minutes by default). */
  lock(maxWaitMs?: number): boolean;
  unlock(): void;
  countLoad(): void;
  /** Loads of values the pool's threads have made. */
  loads(): number;
  adopt(kind: string): unknown;
  publish(kind: string, snapshot: { tick: number }): void;
  subscribe(kind: string, listener: (snapshot: { tick: number }) => void): void;
  close(): void;
}
