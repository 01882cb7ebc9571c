'use strict';
// A minimal platform side for tests: starts a worker, writes frames, reads frames.
const { spawn } = require('child_process');

function encodeFrame(message) {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
}

function notificationFrame(method, params) {
  return encodeFrame({ jsonrpc: '2.0', method, params });
}

/** Calls onMessage(parsed) for every frame on stream, onMessage(null) at its end. */
function readFrames(stream, onMessage) {
  let buffer = Buffer.alloc(0);
  stream.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const end = buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(buffer.subarray(0, end).toString())[1]);
      if (buffer.length < end + 4 + length) return;
      onMessage(JSON.parse(buffer.subarray(end + 4, end + 4 + length).toString('utf8')));
      buffer = buffer.subarray(end + 4 + length);
    }
  });
  stream.on('end', () => onMessage(null));
}

class WorkerProcess {
  constructor(argv, env = process.env) {
    this.child = spawn(argv[0], argv.slice(1), { env, stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.child.stderr.on('data', (chunk) => { this.stderr += chunk; });
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code)));
    this.queue = [];
    this.waiters = [];
    this.pending = new Map();
    this.nextId = 0;
    readFrames(this.child.stdout, (message) => {
      const waiter = this.waiters.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
  }

  writeRaw(bytes) { this.child.stdin.write(bytes); }

  send(message) { this.writeRaw(encodeFrame(message)); }

  request(method, params) {
    const [id, frame] = this.requestFrame(method, params);
    this.writeRaw(frame);
    return id;
  }

  /** A request with the next id, for the caller to write (with others in one write): [id, frame]. */
  requestFrame(method, params) {
    const id = ++this.nextId;
    return [id, encodeFrame(params === undefined ? { jsonrpc: '2.0', id, method } : { jsonrpc: '2.0', id, method, params })];
  }

  notify(method, params) { this.writeRaw(notificationFrame(method, params)); }

  nextMessage(timeoutMs = 10000) {
    if (this.queue.length) return Promise.resolve(this.queue.shift());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no frame within ${timeoutMs} ms; stderr: ${this.stderr}`)), timeoutMs);
      this.waiters.push((message) => {
        clearTimeout(timer);
        if (message === null) reject(new Error(`worker closed stdout; stderr: ${this.stderr}`));
        else resolve(message);
      });
    });
  }

  async response(id, timeoutMs) {
    while (!this.pending.has(id)) {
      const message = await this.nextMessage(timeoutMs);
      this.pending.set(message.id, message);
    }
    const message = this.pending.get(id);
    this.pending.delete(id);
    return message;
  }

  roundtrip(method, params) { return this.response(this.request(method, params)); }

  call(fn, ...args) { return this.roundtrip('call', { function: fn, args }); }

  exitCode(timeoutMs = 10000) {
    return Promise.race([this.exited,
      new Promise((resolve, reject) => setTimeout(() => reject(new Error('worker did not exit')), timeoutMs).unref())]);
  }

  kill() { if (this.child.exitCode === null) this.child.kill(); }
}

module.exports = { WorkerProcess, encodeFrame, notificationFrame, readFrames };
