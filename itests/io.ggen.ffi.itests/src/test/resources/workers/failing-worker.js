'use strict';
// A Node worker for ErrorsAcrossLanguagesIT: a function whose error is thrown one call deeper.
const { Worker } = require(process.env.GGEN_SDK_NODE);

function check(n) {
  throw new RangeError(`negative: ${n}`);
}

function total(n) {
  return check(n);
}

new Worker('failing').register('total', total).serve();
