// Typed functions for BindgenIT, described by typed_math.d.ts.
function add(a, b) { return a + b; }
function shout(text, times = 1) { return (text.toUpperCase() + "!").repeat(times); }
function evens(values) { return values.filter(v => v % 2 === 0); }
function doubled(table) { const out = {}; for (const k in table) out[k] = table[k] * 2; return out; }
function find(table, key) { return key in table ? table[key] : null; }
