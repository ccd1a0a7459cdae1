// Generates ../resources/quill-reference-cases.json: random (seeded, deterministic) cases with the
// results of the real quill-delta (version pinned in package.json) for compose, transform,
// transformPosition and invert, plus AttributeMap compose/diff/invert/transform.
// QuillReferenceTest replays every case against dev.tandem.ot and expects equal results.
// Usage: npm ci && node generate.mjs [seed] [cases]
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Delta from 'quill-delta';

const require = createRequire(import.meta.url);
const QUILL_VERSION = require('quill-delta/package.json').version;
const AttributeMap = Delta.AttributeMap;

const SEED = Number(process.argv[2] ?? 20240611);
const CASES = Number(process.argv[3] ?? 2000);
const ATTRIBUTE_CASES = 500;

// mulberry32: tiny, well-known, seedable PRNG (Math.random cannot be seeded).
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const random = mulberry32(SEED);
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1)); // inclusive
const pick = (xs) => xs[int(0, xs.length - 1)];
const chance = (p) => random() < p;

// Attribute values: strings, booleans and small ints only (no fractions: JSON number
// identity between JS and Java is not what this suite checks).
const INLINE = { bold: [true], italic: [true], underline: [true], code: [true],
                 link: ['https://a.example', 'https://b.example'], author: ['u1', 'u2'] };
const BLOCK = { header: [1, 2, 3], list: ['bullet', 'ordered'], blockquote: [true],
                align: ['center', 'right'] };
const ALL = { ...INLINE, ...BLOCK };

function attributes(pool, allowNull, maxKeys = 2) {
  if (chance(0.45)) return undefined;
  const keys = Object.keys(pool);
  const out = {};
  for (let i = int(1, maxKeys); i > 0; i--) {
    const key = pick(keys);
    out[key] = allowNull && chance(0.3) ? null : pick(pool[key]);
  }
  return out;
}

// Text: ASCII letters, spaces, newlines and whole surrogate pairs (the document is made of whole
// code points; changes may still cut between the two halves of a pair, as Quill allows).
const CHUNKS = ['a', 'b', 'c', 'x', ' ', '\n', '\u{1F600}', '\u{1D11E}'];
function text(maxChunks) {
  let s = '';
  for (let i = int(1, maxChunks); i > 0; i--) s += pick(CHUNKS);
  return s;
}

function randomDocument() {
  const doc = new Delta();
  for (let i = int(0, 6); i > 0; i--) {
    if (chance(0.25)) doc.insert('\n', attributes(BLOCK, false));
    else doc.insert(text(4).replaceAll('\n', ''), attributes(INLINE, false));
  }
  return doc;
}

// A change whose retains and deletes stay within `length` (no lengths past the end).
function randomChange(length) {
  const change = new Delta();
  let left = length;
  for (let i = int(0, 6); i > 0; i--) {
    const kind = int(0, 3);
    if (kind === 0 || left === 0) {
      change.insert(text(3), attributes(ALL, false));
    } else if (kind === 1) {
      const n = int(1, left);
      change.retain(n, attributes(ALL, true));
      left -= n;
    } else if (kind === 2) {
      const n = int(1, left);
      change.retain(n);
      left -= n;
    } else {
      const n = int(1, left);
      change.delete(n);
      left -= n;
    }
  }
  return change.chop();
}

const cases = [];
for (let i = 0; i < CASES; i++) {
  const doc = randomDocument();
  const n = doc.length();
  const a = randomChange(n);
  const b = randomChange(n);
  const afterA = doc.compose(a);
  const c = randomChange(afterA.length());
  const priority = chance(0.5);
  const position = int(0, n);
  cases.push({
    doc: doc.ops, a: a.ops, b: b.ops, c: c.ops, priority, position,
    apply: afterA.ops,
    compose: a.compose(c).ops,
    transform: a.transform(b, priority).ops,
    transformPosition: a.transformPosition(position, priority),
    invert: a.invert(doc).ops,
  });
}

const attributeCases = [];
for (let i = 0; i < ATTRIBUTE_CASES; i++) {
  const a = attributes(ALL, true, 3);
  const b = attributes(ALL, true, 3);
  const keepNull = chance(0.5);
  attributeCases.push({
    a: a ?? null, b: b ?? null, keepNull,
    compose: AttributeMap.compose(a, b, keepNull) ?? null,
    diff: AttributeMap.diff(a, b) ?? null,
    invert: AttributeMap.invert(a, b) ?? null,
    transformPriority: AttributeMap.transform(a, b, true) ?? null,
    transformNoPriority: AttributeMap.transform(a, b, false) ?? null,
  });
}

const out = new URL('../resources/quill-reference-cases.json', import.meta.url);
writeFileSync(out, JSON.stringify({ quillDelta: QUILL_VERSION, seed: SEED, cases, attributeCases }) + '\n');
console.log(`wrote ${cases.length} delta cases and ${attributeCases.length} attribute cases (quill-delta ${QUILL_VERSION}, seed ${SEED}) to ${out.pathname}`);
