// One copy of the facet and mention values (doc-values.mjs, mention-values.mjs) for every reader thread of a
// pool. A snapshot's arrays live in SharedArrayBuffers, written once by the thread that builds it and never
// again; the builder posts it on the pool's BroadcastChannel and every other thread adopts it, so a new data
// version is a new set of buffers and the old ones are freed once no thread holds them. Plain JavaScript:
// reader worker threads load it without TypeScript.
import { BroadcastChannel, receiveMessageOnPort } from 'node:worker_threads';

const CLOCK = 0;
const LOADING = 1;
const LOADS = 2;
const CONTROL_SLOTS = 3;
// Far longer than a first load of the mention values takes, even of tens of millions of them.
const LOCK_WAIT_MS = 120_000;

let pools = 0;

/** What a pool hands each of its threads (workerData): shared memory for the clock and the load lock, a channel name. */
export function createShareData() {
  return {
    control: new SharedArrayBuffer(CONTROL_SLOTS * Int32Array.BYTES_PER_ELEMENT),
    channel: `trove-values-${process.pid}-${++pools}-${Math.random().toString(36).slice(2)}`,
  };
}

/** A typed array in shared memory, so that posting a snapshot shares its values instead of copying them. */
export function sharedArray(Type, length) {
  return new Type(new SharedArrayBuffer(length * Type.BYTES_PER_ELEMENT));
}

/**
 * A thread's side of the share. Without data (one connection on the main thread) it shares with nobody and
 * works the same way.
 *
 * Which snapshot is fresh enough: PRAGMA data_version is private to each connection, so threads cannot compare
 * versions. They compare ticks of one shared clock instead. A thread takes a tick just after it first sees its
 * connection's current data_version (every commit it knows of came before that tick); a build takes one just
 * before its first read (it holds every commit before that tick). A snapshot built after the tick at which a
 * thread first saw its current version holds everything that thread can see.
 */
export class ValueShare {
  constructor(data = createShareData()) {
    this.control = new Int32Array(data.control);
    this.newest = new Map();
    this.listeners = new Map();
    this.channel = data.channel && typeof BroadcastChannel === 'function' ? new BroadcastChannel(data.channel) : null;
    if (this.channel) {
      // An idle thread takes snapshots as they come, so its queue never holds old ones; a busy one drains it in adopt().
      this.channel.onmessage = ({ data: message }) => this.offer(message.kind, message.snapshot);
      this.channel.unref?.();
    }
  }

  tick() {
    return Atomics.add(this.control, CLOCK, 1) + 1;
  }

  /** One background load at a time across the pool's threads. */
  tryLock() {
    return Atomics.compareExchange(this.control, LOADING, 0, 1) === 0;
  }

  /**
   * The load lock, waiting while another thread holds it: for a first load, which this thread cannot count without.
   * False after `maxWaitMs`, so that a thread that ended while holding it cannot stop the others for good.
   */
  lock(maxWaitMs = LOCK_WAIT_MS) {
    const until = Date.now() + maxWaitMs;
    while (!this.tryLock()) {
      if (Date.now() > until) return false;
      Atomics.wait(this.control, LOADING, 1, 100);
    }
    return true;
  }

  unlock() {
    Atomics.store(this.control, LOADING, 0);
    Atomics.notify(this.control, LOADING);
  }

  /** Notes a load of values from the database, for loads(). */
  countLoad() {
    Atomics.add(this.control, LOADS, 1);
  }

  /** How many loads the pool's threads have made: one per change of the data, when they share as they should. */
  loads() {
    return Atomics.load(this.control, LOADS);
  }

  /** The newest snapshot of this kind that any thread has published, posts not yet taken included. */
  adopt(kind) {
    if (this.channel) {
      for (let message = receiveMessageOnPort(this.channel); message; message = receiveMessageOnPort(this.channel)) {
        this.offer(message.message.kind, message.message.snapshot);
      }
    }
    return this.newest.get(kind);
  }

  publish(kind, snapshot) {
    this.offer(kind, snapshot);
    this.channel?.postMessage({ kind, snapshot });
  }

  /**
   * Called with each newer snapshot of the kind as it arrives, between reads: a thread lets go of the one it
   * counted with at once, not at its next search, so an idle thread does not keep an old copy alive.
   */
  subscribe(kind, listener) {
    this.listeners.set(kind, [...(this.listeners.get(kind) ?? []), listener]);
  }

  offer(kind, snapshot) {
    const held = this.newest.get(kind);
    if (held && snapshot.tick <= held.tick) return;
    this.newest.set(kind, snapshot);
    for (const listener of this.listeners.get(kind) ?? []) listener(snapshot);
  }

  close() {
    this.channel?.close();
  }
}

/** A connection's data_version as last seen, and the tick taken when it was first seen (see ValueShare). */
export class SeenVersion {
  constructor(share) {
    this.share = share;
    this.version = undefined;
    this.since = 0;
  }

  /** @returns the tick a snapshot must be newer than to hold everything the connection sees at `version` */
  see(version) {
    if (version !== this.version) {
      this.version = version;
      this.since = this.share.tick();
    }
    return this.since;
  }
}
