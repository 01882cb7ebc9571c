// The Node worker of `ggen benchmark-ffi`: its three workloads, on this distribution's SDK.
'use strict';
const path = require('path');
const { Worker } = require(path.join(__dirname, '..', '..', 'sdk', 'node', 'ggen-worker'));

new Worker('benchmark')
  .register('add', (a, b) => a + b)
  .register('length', (s) => s.length)
  .register('transform', (o) => ({
    name: o.name.toUpperCase(),
    total: o.items.reduce((sum, n) => sum + n, 0),
  }))
  .serve();
