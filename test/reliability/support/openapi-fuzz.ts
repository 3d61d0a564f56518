import fc from 'fast-check';

/** Minimal OpenAPI 3.0 schema shape used by the fuzzer. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  default?: unknown;
  minItems?: number;
  maxItems?: number;
}

export type Resolver = (schema: Schema) => Schema;

export function makeResolver(components: Record<string, Schema>): Resolver {
  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(components[schema.$ref.replace('#/components/schemas/', '')] ?? {});
    if (schema.allOf && schema.allOf.length > 0) {
      return schema.allOf.map(resolve).reduce<Schema>(
        (acc, s) => ({ ...acc, ...s, properties: { ...acc.properties, ...s.properties }, required: [...(acc.required ?? []), ...(s.required ?? [])] }),
        {},
      );
    }
    return schema;
  };
  return resolve;
}

const junk = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 40 }),
  fc.constant(''),
  fc.constant('x'.repeat(5000)),
  fc.constant('<script>alert(1)</script>'),
  fc.constant("'; DROP TABLE users; --"),
  fc.constant('=HYPERLINK("http://x")'),
  fc.constant('ñandú ÁÉÍÓÚ 💧'),
  fc.constant({ $gt: '' }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.constant({}),
);

const typeOf = (s: Schema): string | undefined => (Array.isArray(s.type) ? s.type[0] : s.type);

/** Values that satisfy the schema, leaning on its edges (min/max lengths and bounds). */
export function validArb(schema: Schema, resolve: Resolver, depth = 0): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (s.enum && s.enum.length > 0) return fc.constantFrom(...s.enum);
  switch (typeOf(s)) {
    case 'integer':
    case 'number': {
      const min = s.minimum ?? -1000;
      const max = s.maximum ?? Math.max(min + 1000, 1000);
      const ints = fc.integer({ min: Math.ceil(min), max: Math.floor(Math.min(max, Number.MAX_SAFE_INTEGER)) });
      return fc.oneof(ints, fc.constant(Math.ceil(min)), fc.constant(Math.floor(max)));
    }
    case 'boolean':
      return fc.boolean();
    case 'string': {
      if (s.format === 'uuid') return fc.uuid();
      if (s.format === 'email') return fc.emailAddress();
      if (s.format === 'date-time') return fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 200));
        } catch {
          return fc.string();
        }
      }
      const minLength = s.minLength ?? 0;
      const maxLength = Math.min(s.maxLength ?? 60, 300);
      return fc.oneof(fc.string({ minLength, maxLength }), fc.string({ unit: 'grapheme', minLength, maxLength: Math.min(maxLength, 40) }));
    }
    case 'array': {
      const min = s.minItems ?? 0;
      return fc.array(s.items ? validArb(s.items, resolve, depth + 1) : junk, { minLength: min, maxLength: Math.max(min, Math.min(s.maxItems ?? 4, 6)) });
    }
    case 'object':
    case undefined:
    default: {
      if (!s.properties || depth > 4) return fc.constant({});
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [name, prop] of Object.entries(s.properties)) record[name] = validArb(prop, resolve, depth + 1);
      return fc.record(record, { requiredKeys: Object.keys(record).filter((k) => required.has(k)) });
    }
  }
}

/** Values that break the schema: wrong types, out-of-range, missing required, unknown fields. */
export function invalidArb(schema: Schema, resolve: Resolver): fc.Arbitrary<unknown> {
  const s = resolve(schema);
  if (typeOf(s) === 'object' || s.properties) {
    const props = Object.keys(s.properties ?? {});
    const base = validArb(s, resolve) as fc.Arbitrary<Record<string, unknown>>;
    const breakOne = props.length
      ? fc.tuple(base, fc.constantFrom(...props), junk).map(([obj, key, value]) => ({ ...obj, [key]: value }))
      : base;
    const extra = fc.tuple(base, fc.constantFrom('role', 'roles', 'organizationId', 'onHand', 'status', 'id', 'isAdmin', '__proto__x'), junk).map(
      ([obj, key, value]) => ({ ...obj, [key]: value }),
    );
    const dropRequired = (s.required ?? []).length
      ? fc.tuple(base, fc.constantFrom(...(s.required ?? []))).map(([obj, key]) => Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key)))
      : base;
    return fc.oneof(breakOne, extra, dropRequired, junk);
  }
  return junk;
}
