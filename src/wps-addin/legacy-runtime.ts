/**
 * Library functions newer than ES2017 that the engine and the pane call, for the older Chromium embedded in
 * some WPS builds (a 12.1 build lacks `crypto.randomUUID`). Loaded first on both WPS pages; each is defined
 * only where the browser lacks it, so a current Chromium runs its own. Syntax is lowered at build time; these
 * are the run-time half.
 */

type Writable = Record<string, unknown>;

function define(owner: object, name: string, value: unknown): void {
  if (name in owner) return;
  Object.defineProperty(owner, name, { value, writable: true, configurable: true, enumerable: false });
}

const root: Writable = (() => {
  if (typeof globalThis !== 'undefined') return globalThis as unknown as Writable;
  // `self` is the window in a page and the global scope in a worker; ES2017 engines have no `globalThis`.
  return self as unknown as Writable;
})();
define(root, 'globalThis', root);

function flatInto(out: unknown[], items: readonly unknown[], depth: number): unknown[] {
  for (const item of items) {
    if (Array.isArray(item) && depth > 0) flatInto(out, item, depth - 1);
    else out.push(item);
  }
  return out;
}

define(Array.prototype, 'flat', function flat(this: unknown[], depth = 1) {
  return flatInto([], this, Math.floor(Number(depth)) || 0);
});

define(Array.prototype, 'flatMap', function flatMap<
  T,
  U,
>(this: T[], map: (value: T, index: number, array: T[]) => U | U[], thisArg?: unknown) {
  return flatInto([], this.map(map, thisArg), 1);
});

define(Array.prototype, 'at', function at(this: unknown[], index: number) {
  const i = Math.trunc(index) || 0;
  return this[i < 0 ? this.length + i : i];
});

define(String.prototype, 'at', function at(this: string, index: number) {
  const i = Math.trunc(index) || 0;
  return this.charAt(i < 0 ? this.length + i : i) || undefined;
});

define(Array.prototype, 'findLast', function findLast<
  T,
>(this: T[], test: (value: T, index: number) => boolean) {
  for (let i = this.length - 1; i >= 0; i -= 1) if (test(this[i] as T, i)) return this[i];
  return undefined;
});

define(Array.prototype, 'findLastIndex', function findLastIndex<
  T,
>(this: T[], test: (value: T, index: number) => boolean) {
  for (let i = this.length - 1; i >= 0; i -= 1) if (test(this[i] as T, i)) return i;
  return -1;
});

define(Object, 'fromEntries', function fromEntries(entries: Iterable<readonly [PropertyKey, unknown]>) {
  const out: Record<PropertyKey, unknown> = {};
  for (const [key, value] of entries) out[key] = value;
  return out;
});

define(Object, 'hasOwn', function hasOwn(object: object, key: PropertyKey) {
  return Object.prototype.hasOwnProperty.call(object, key);
});

define(String.prototype, 'trimStart', function trimStart(this: string) {
  return this.replace(/^\s+/, '');
});

define(String.prototype, 'trimEnd', function trimEnd(this: string) {
  return this.replace(/\s+$/, '');
});

define(
  String.prototype,
  'replaceAll',
  function replaceAll(this: string, search: string | RegExp, replacement: string) {
    if (search instanceof RegExp) {
      if (!search.global) throw new TypeError('replaceAll needs a global RegExp');
      return this.replace(search, replacement);
    }
    return this.split(search).join(replacement);
  },
);

define(Promise.prototype, 'finally', function promiseFinally<T>(this: Promise<T>, after: () => void) {
  return this.then(
    (value) => Promise.resolve(after()).then(() => value),
    (reason: unknown) =>
      Promise.resolve(after()).then(() => {
        throw reason;
      }),
  );
});

define(Promise, 'allSettled', function allSettled(promises: Iterable<unknown>) {
  return Promise.all(
    Array.from(promises, (p) =>
      Promise.resolve(p).then(
        (value) => ({ status: 'fulfilled', value }),
        (reason: unknown) => ({ status: 'rejected', reason }),
      ),
    ),
  );
});

const cryptoObject = root.crypto as { getRandomValues?: (bytes: Uint8Array) => Uint8Array } | undefined;
if (cryptoObject !== undefined && typeof cryptoObject.getRandomValues === 'function') {
  const getRandomValues = cryptoObject.getRandomValues.bind(cryptoObject);
  define(cryptoObject, 'randomUUID', function randomUUID() {
    const bytes = getRandomValues(new Uint8Array(16));
    bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
    bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
    const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  });
}

export {};
