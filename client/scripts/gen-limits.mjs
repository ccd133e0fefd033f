#!/usr/bin/env node
// Writes src/api/limits.ts from ../openapi.yaml: for every request body schema, what each property accepts (required,
// lengths, bounds, item counts), so the forms put maxLength, required, min and max on their inputs from the same place
// the API's validators reach. `node scripts/gen-limits.mjs --print` writes the module to stdout instead (check:api).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import yaml from 'js-yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const spec = yaml.load(readFileSync(resolve(root, '../openapi.yaml'), 'utf8'), { schema: yaml.JSON_SCHEMA });
const schemas = spec.components?.schemas ?? {};
const keywords = ['minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'format'];

const refName = (node) => (typeof node?.$ref === 'string' ? node.$ref.split('/').pop() : null);

/** The schema a property stands for: behind a $ref, or the one branch of a oneOf beside null. */
function target(node) {
  const name = refName(node);
  if (name) return target(schemas[name]);
  const branches = (node?.oneOf ?? node?.anyOf ?? []).filter((branch) => branch?.type !== 'null');
  return branches.length === 1 ? target(branches[0]) : node;
}

/** The keywords of one value a form can use. */
function limitsOf(node, required) {
  const out = {};
  if (required) out.required = true;
  for (const keyword of keywords) {
    if (node?.[keyword] !== undefined) out[keyword] = node[keyword];
  }
  return out;
}

/** Every field of an object schema by the path the API names it with in errors (`address.street`, `parties[].role`). */
function fields(schema, prefix, into, seen) {
  const required = new Set(schema.required ?? []);
  for (const [property, node] of Object.entries(schema.properties ?? {})) {
    const path = prefix + property;
    into[path] = limitsOf(node, required.has(property));
    const value = target(node);
    if (value?.properties && !seen.has(value)) fields(value, `${path}.`, into, new Set([...seen, value]));
    const items = target(value?.items);
    if (items) {
      if (items.properties && !seen.has(items)) fields(items, `${path}[].`, into, new Set([...seen, items]));
      else if (Object.keys(limitsOf(items, false)).length > 0) into[`${path}[]`] = limitsOf(items, false);
    }
  }
  return into;
}

/** Each request body schema by name, with its fields. */
const limits = {};
for (const item of Object.values(spec.paths ?? {})) {
  for (const operation of Object.values(item)) {
    const name = refName(operation?.requestBody?.content?.['application/json']?.schema);
    if (name && !limits[name]) limits[name] = fields(schemas[name], '', {}, new Set([schemas[name]]));
  }
}
const sorted = Object.fromEntries(Object.keys(limits).sort().map((name) => [name, limits[name]]));

const text = `// Generated from ../openapi.yaml by scripts/gen-limits.mjs (npm run gen:api): do not edit.
/**
 * What each request body's fields accept, as openapi.yaml says, by the path the API names a field with in its errors
 * (\`address.street\`, \`parties[].role\`): for the forms' maxLength, required, min and max.
 */
export const limits = ${JSON.stringify(sorted, null, 2)} as const;
`;

if (process.argv.includes('--print')) {
  process.stdout.write(text);
} else {
  writeFileSync(resolve(root, 'src/api/limits.ts'), text);
}
