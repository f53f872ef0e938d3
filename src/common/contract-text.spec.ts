import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { type ZodType, z } from 'zod';
import { ONE_LINE_MESSAGE, PLAIN_TEXT_MESSAGE, text, textProblem } from '../contracts/text.js';

/** Every contract module, the crisis and support ones included: each one's strings are walked. */
const CONTRACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'contracts');

/** The zod definition fields the walk below reads; zod 4 keeps them under `_zod.def`. */
interface Definition {
  type: string;
  format?: string;
  shape?: Record<string, ZodType>;
  innerType?: ZodType;
  in?: ZodType;
  out?: ZodType;
  options?: ZodType[];
  element?: ZodType;
  items?: ZodType[];
  left?: ZodType;
  right?: ZodType;
  valueType?: ZodType;
  getter?: () => ZodType;
}

const definition = (schema: ZodType) => (schema as unknown as { _zod: { def: Definition } })._zod.def;

/** Every string schema inside a schema, with where it is. */
function stringLeaves(schema: ZodType, path: string, seen = new Set<ZodType>()): [string, ZodType][] {
  if (seen.has(schema)) {
    return [];
  }
  seen.add(schema);
  const def = definition(schema);
  if (def.type === 'string') {
    return [[path, schema]];
  }
  const children: [string, ZodType | undefined][] = [
    ...Object.entries(def.shape ?? {}).map(([key, child]): [string, ZodType] => [`${path}.${key}`, child]),
    [path, def.innerType],
    [path, def.in],
    [path, def.out],
    [path, def.element],
    [path, def.left],
    [path, def.right],
    [path, def.valueType],
    [path, def.getter?.()],
    ...(def.options ?? []).map((option, index): [string, ZodType] => [`${path}|${index}`, option]),
    ...(def.items ?? []).map((item, index): [string, ZodType] => [`${path}[${index}]`, item]),
  ];
  return children.flatMap(([childPath, child]) => (child ? stringLeaves(child, childPath, seen) : []));
}

async function contractSchemas(): Promise<[string, ZodType][]> {
  const files = readdirSync(CONTRACTS).filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts'));
  const schemas: [string, ZodType][] = [];
  for (const file of files) {
    const module = (await import(`../contracts/${file.replace(/\.ts$/, '.js')}`)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      if (value instanceof z.ZodType) {
        schemas.push([`${file}:${name}`, value]);
      }
    }
  }
  return schemas;
}

const BAD_TEXTS = {
  nul: 'ab\u0000cd',
  bell: 'ab\u0007cd',
  delete: 'ab\u007fcd',
  c1: 'ab\u0085cd',
  escape: 'ab\u001b[31mcd',
  'lone surrogate': 'ab\ud800cd',
};

describe('the text rule of the contracts', () => {
  it('is used by every string field of every contract: each refuses NUL, control characters and lone surrogates', async () => {
    const schemas = await contractSchemas();
    expect(schemas.length).toBeGreaterThan(20);
    const leaves = schemas.flatMap(([name, schema]) => stringLeaves(schema, name));
    expect(leaves.length).toBeGreaterThan(30);
    const missing: string[] = [];
    for (const [path, leaf] of leaves) {
      // uuids and ISO dates are formats: they admit nothing else at all.
      if (definition(leaf).format !== undefined) {
        continue;
      }
      for (const [kind, value] of Object.entries(BAD_TEXTS)) {
        const result = leaf.safeParse(value);
        const ruled = result.error?.issues.some((issue) => issue.message === PLAIN_TEXT_MESSAGE) ?? false;
        if (!ruled) {
          missing.push(`${path} accepts ${kind}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('allows line breaks and tabs in multi-line text only', () => {
    const body = text({ min: 1, max: 100, multiline: true });
    const title = text({ min: 1, max: 100 });
    expect(body.safeParse('one\ntwo\r\n\tthree').success).toBe(true);
    expect(title.safeParse('one\ttwo').error?.issues.map((issue) => issue.message)).toEqual([ONE_LINE_MESSAGE]);
    expect(title.safeParse('one\ntwo').error?.issues.map((issue) => issue.message)).toEqual([ONE_LINE_MESSAGE]);
  });

  it('keeps every other character: accents, emoji and right-to-left script', () => {
    expect(textProblem('Zoë 😀 שלום — “quoted”')).toBeUndefined();
    expect(text({ max: 100 }).parse('  Zoë 😀  ')).toBe('Zoë 😀');
  });

  it('bounds every text: max is required and counted after trimming', () => {
    const short = text({ min: 3, max: 5, tooShort: 'too short' });
    expect(short.safeParse('  abcde  ').success).toBe(true);
    expect(short.safeParse('abcdef').success).toBe(false);
    expect(short.safeParse('  ab  ').error?.issues.map((issue) => issue.message)).toEqual(['too short']);
  });
});
