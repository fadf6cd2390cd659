// docs/openapi.yaml and the server agree on the length of every text field of every form, field by
// field. The server declares each form's text fields once (core::FormSpec; `baoan forms` prints them);
// this test resolves the OpenAPI component each form names (through $ref and allOf) and compares.
// Before the forms were declared, the spec said org names 100, role names 50 and user names 50
// while the server refused more than 50, 30 and 20.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { spec } from './lib.mjs';

const forms = JSON.parse(execFileSync(process.env.BAOAN_BIN, ['forms'], { encoding: 'utf8', timeout: 30000 }));
const doc = spec();

function resolve(schema) {
  if (schema?.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = doc.components.schemas[name];
    assert.ok(target, `no schema ${name}`);
    const { $ref, ...siblings } = schema;
    void $ref;
    return { ...resolve(target), ...siblings };
  }
  return schema;
}

// All properties of an object schema, through allOf.
function properties(schema) {
  const s = resolve(schema);
  const out = { ...(s.properties ?? {}) };
  for (const part of s.allOf ?? []) Object.assign(out, properties(part));
  return out;
}

test('baoan forms lists the forms with their text fields', () => {
  assert.ok(forms.length >= 3, `${forms.length} forms`);
  for (const f of forms) {
    assert.ok(doc.components.schemas[f.schema], `the spec has the schema ${f.schema}`);
    assert.ok(f.fields.length > 0, f.schema);
    for (const field of f.fields) assert.ok(field.maxLength > 0, `${f.schema}.${field.key} has a limit`);
  }
});

test('every text field of every form has the same maxLength in docs/openapi.yaml', () => {
  const differ = [];
  for (const f of forms) {
    const props = properties(doc.components.schemas[f.schema]);
    for (const field of f.fields) {
      const p = props[field.key] && resolve(props[field.key]);
      if (!p) differ.push(`${f.schema}.${field.key}: not in the spec (the server reads it, ${field.maxLength} characters)`);
      else if (p.maxLength !== field.maxLength)
        differ.push(`${f.schema}.${field.key}: spec maxLength ${p.maxLength ?? '(none)'}, server ${field.maxLength}`);
    }
  }
  assert.deepEqual(differ, [], `\n  ${differ.join('\n  ')}`);
});

test('no string property of those schemas claims a limit the server does not declare', () => {
  const extra = [];
  for (const f of forms) {
    const declared = new Set(f.fields.map((x) => x.key));
    for (const [key, prop] of Object.entries(properties(doc.components.schemas[f.schema]))) {
      const p = resolve(prop);
      if (p.maxLength !== undefined && !declared.has(key)) extra.push(`${f.schema}.${key}: maxLength ${p.maxLength} in the spec only`);
    }
  }
  assert.deepEqual(extra, [], `\n  ${extra.join('\n  ')}`);
});
