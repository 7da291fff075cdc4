// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  buildSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  isRequiredArgument,
  isRequiredInputField,
  isUnionType,
  parse,
  validate,
  validateSchema,
  type GraphQLSchema,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import * as queries from '../../lib/discovery/queries';
import { buildMockSchema } from '../support/mock-discovery-resolvers';

const SHARED_SCHEMA = fileURLToPath(new URL('../../../shared/discovery/schema.graphql', import.meta.url));
const SUBSET_SDL = readFileSync(fileURLToPath(new URL('../support/discovery-schema.graphql', import.meta.url)), 'utf8');

/**
 * Everything in `subset` that is not in `full` as it is there: missing types, fields, arguments,
 * input fields, enum values, interfaces, or a different type or nullability. Also a required
 * argument or input field of `full` that the subset leaves out (a query valid against the mock
 * would then be invalid against the real API).
 */
function subsetProblems(subset: GraphQLSchema, full: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of Object.values(subset.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    const real = full.getType(type.name);
    if (!real) {
      problems.push(`type ${type.name} does not exist`);
      continue;
    }
    if (real.constructor !== type.constructor) problems.push(`${type.name} is a ${real.constructor.name} in the real schema`);
    if ((isObjectType(type) || isInterfaceType(type)) && (isObjectType(real) || isInterfaceType(real))) {
      const realFields = real.getFields();
      for (const field of Object.values(type.getFields())) {
        const rf = realFields[field.name];
        if (!rf) {
          problems.push(`${type.name}.${field.name} does not exist`);
          continue;
        }
        if (String(rf.type) !== String(field.type)) problems.push(`${type.name}.${field.name} is ${String(rf.type)}, not ${String(field.type)}`);
        for (const arg of field.args) {
          const ra = rf.args.find((a) => a.name === arg.name);
          if (!ra) problems.push(`${type.name}.${field.name}(${arg.name}) does not exist`);
          else if (String(ra.type) !== String(arg.type) || ra.defaultValue !== arg.defaultValue) problems.push(`${type.name}.${field.name}(${arg.name}) is ${String(ra.type)}, not ${String(arg.type)}`);
        }
        for (const ra of rf.args) if (isRequiredArgument(ra) && !field.args.some((a) => a.name === ra.name)) problems.push(`${type.name}.${field.name}(${ra.name}) is required but left out`);
      }
      const realInterfaces = real.getInterfaces().map((i) => i.name);
      for (const i of type.getInterfaces()) if (!realInterfaces.includes(i.name)) problems.push(`${type.name} does not implement ${i.name}`);
    }
    if (isInputObjectType(type) && isInputObjectType(real)) {
      const realFields = real.getFields();
      for (const field of Object.values(type.getFields())) {
        const rf = realFields[field.name];
        if (!rf) problems.push(`input ${type.name}.${field.name} does not exist`);
        else if (String(rf.type) !== String(field.type)) problems.push(`input ${type.name}.${field.name} is ${String(rf.type)}, not ${String(field.type)}`);
      }
      for (const rf of Object.values(realFields)) if (isRequiredInputField(rf) && !type.getFields()[rf.name]) problems.push(`input ${type.name}.${rf.name} is required but left out`);
    }
    if (isEnumType(type) && isEnumType(real)) {
      for (const v of type.getValues()) if (!real.getValue(v.name)) problems.push(`enum ${type.name}.${v.name} does not exist`);
    }
    if (isUnionType(type) && isUnionType(real)) {
      const members = real.getTypes().map((t) => t.name);
      for (const t of type.getTypes()) if (!members.includes(t.name)) problems.push(`union ${type.name} has no member ${t.name}`);
    }
  }
  if (subset.getQueryType()?.name !== full.getQueryType()?.name) problems.push('the query root types differ');
  return problems;
}

const REAL_LIKE = `
  scalar BigInt
  type Query { environment(id: BigInt!): Environment! }
  type Environment { adapterType: String dbtProjectName: String }
  enum RunStatus { error success }
  input Filter { uniqueIds: [String!] schema: String! }
`;

describe('the subset check', () => {
  const full = buildSchema(REAL_LIKE);

  it('accepts a true subset', () => {
    expect(subsetProblems(buildSchema('scalar BigInt type Query { environment(id: BigInt!): Environment! } type Environment { adapterType: String }'), full)).toEqual([]);
  });

  it('catches a field whose nullability differs', () => {
    const wrong = buildSchema('scalar BigInt type Query { environment(id: BigInt!): Environment! } type Environment { adapterType: String! }');
    expect(subsetProblems(wrong, full)).toEqual(['Environment.adapterType is String, not String!']);
  });

  it('catches a wrong argument type, an invented field, an invented enum value and a dropped required input field', () => {
    const wrong = buildSchema(`
      type Query { environment(id: Int!): Environment! }
      type Environment { adapterType: String, owner: String }
      enum RunStatus { error success reused }
      input Filter { uniqueIds: [String!] }
    `);
    expect(subsetProblems(wrong, full)).toEqual(
      expect.arrayContaining([
        'Query.environment(id) is BigInt!, not Int!',
        'Environment.owner does not exist',
        'enum RunStatus.reused does not exist',
        'input Filter.schema is required but left out',
      ]),
    );
  });
});

describe('the mock server schema', () => {
  const subset = buildMockSchema();

  it('is a valid schema', () => {
    expect(validateSchema(subset)).toEqual([]);
  });

  it.skipIf(!existsSync(SHARED_SCHEMA))('is a true subset of the real Discovery API schema (../shared/discovery/schema.graphql)', () => {
    const full = buildSchema(readFileSync(SHARED_SCHEMA, 'utf8'));
    expect(subsetProblems(buildSchema(SUBSET_SDL), full)).toEqual([]);
  });

  if (!existsSync(SHARED_SCHEMA)) {
    it('cannot check the subset: the shared schema file is absent here (it is present in CI)', () => {
      expect(existsSync(SHARED_SCHEMA)).toBe(false);
    });
  }

  const documents = Object.entries(queries as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string');

  it('serves every query the extension sends', () => {
    expect(documents.length).toBeGreaterThan(0);
    for (const [name, source] of documents) {
      expect({ name, errors: validate(subset, parse(source)).map((e) => e.message) }).toEqual({ name, errors: [] });
    }
  });
});
