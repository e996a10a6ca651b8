// JSON text of a value the browser parsed (an XMLHttpRequest's 'json' response), for the MAIN-world tap.
//
// The page shares the tap's world and may patch anything reachable from the object: Object.prototype.toJSON
// (which JSON.stringify calls), getters on Object.prototype or Array.prototype, the array iterator, an
// object's toString or Symbol.toPrimitive. This walker calls none of them: the built-ins it uses are captured
// when this module is evaluated (in the tap's bundle, at document_start, before any page script), it reads
// own data properties only (a property descriptor's own `value`, never a getter), and JSON.stringify only
// ever sees a string or a number. What JSON.parse made, it writes exactly as JSON.stringify would.

const ownKeys = Reflect.ownKeys;
const ownDescriptor = Object.getOwnPropertyDescriptor;
const hasOwn = Object.hasOwn;
const isArray = Array.isArray;
const stringify = JSON.stringify;

/** Deeper than any list response: a body nested further is not read (and the stack stays small). */
const MAX_DEPTH = 256;

/**
 * JSON text of `root`, or undefined when it holds anything JSON.parse does not make (an accessor, a symbol
 * key, a hole, undefined, a function, a bigint) or the text would pass `maxChars`.
 */
export function parsedJsonText(root: unknown, maxChars: number): string | undefined {
  let out = '';
  /** An own data property: its value, and whether JSON.stringify would write it. */
  const own = (holder: object, key: string | number): { value: unknown; enumerable: boolean } | undefined => {
    const d = ownDescriptor(holder, key);
    // A data descriptor has its own `value`; reading an absent one would reach Object.prototype.
    return d && hasOwn(d, 'value') ? { value: d.value as unknown, enumerable: d.enumerable === true } : undefined;
  };
  const walk = (v: unknown, depth: number): boolean => {
    if (out.length > maxChars || depth > MAX_DEPTH) return false;
    if (v === null) {
      out += 'null';
      return true;
    }
    switch (typeof v) {
      case 'string':
      case 'number':
        out += stringify(v) as string;
        return true;
      case 'boolean':
        out += v ? 'true' : 'false';
        return true;
      case 'object':
        break;
      default:
        return false;
    }
    const obj = v as object;
    if (isArray(obj)) {
      const length = own(obj, 'length')?.value;
      if (typeof length !== 'number') return false;
      out += '[';
      // Index loops only: for…of would call the array iterator the page may have patched.
      for (let i = 0; i < length; i++) {
        if (i > 0) out += ',';
        const item = own(obj, i);
        if (!item || !walk(item.value, depth + 1)) return false;
      }
      out += ']';
      return true;
    }
    const keys = ownKeys(obj);
    out += '{';
    let first = true;
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      if (typeof key !== 'string') return false;
      const prop = own(obj, key);
      if (!prop) return false;
      if (!prop.enumerable) continue;
      out += (first ? '' : ',') + (stringify(key) as string) + ':';
      first = false;
      if (!walk(prop.value, depth + 1)) return false;
    }
    out += '}';
    return true;
  };
  return walk(root, 0) && out.length <= maxChars ? out : undefined;
}
