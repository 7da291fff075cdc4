/**
 * The fault matrix: every way the Discovery API misbehaves that Docent must survive, with what
 * Docent does about it. tests/unit/fault-matrix.test.ts runs each row against the mock Discovery
 * API; tests/support/reliability-report.ts turns that run's results into docs/reliability.md, so
 * the document says only what the tests showed.
 */
import type { Fault } from './mock-discovery';

export type FaultClass =
  /** Heals on its own: Docent retries with back-off and the next success clears it. */
  | 'transient'
  /** Needs a person: a new token, a permission, another environment id; recovers at Refresh now or Save. */
  | 'configuration'
  /** Not an error at all for the sync: the data is read and made safe. */
  | 'absorbed';

export interface FaultRow {
  /** Test titles start with it: `401: …`. */
  id: string;
  fault: string;
  inject: Fault | 'unknownEnvironment';
  klass: FaultClass;
  /** The error kind the sync ends with (absorbed faults: none). */
  kind?: string;
  /** The options page and popup headline: what happened and what to do. */
  says?: RegExp;
  /** What Docent does, in the words docs/reliability.md uses. */
  does: string;
}

/** Rewrites the values under `key` in a GraphQL answer (the first `limit` of them). */
export function rewriteKey(key: string, value: (old: unknown) => unknown, limit = Infinity) {
  return (answer: { data?: unknown; errors?: unknown[] }) => {
    let left = limit;
    const walk = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(walk);
      if (node && typeof node === 'object') {
        return Object.fromEntries(
          Object.entries(node).map(([k, v]) => [k, k === key && typeof v === 'string' && left-- > 0 ? value(v) : walk(v)]),
        );
      }
      return node;
    };
    return walk(answer) as typeof answer;
  };
}

const MANY = 1_000;
export const TWENTY_MB = 20 * 1024 * 1024;

export const FAULT_MATRIX: FaultRow[] = [
  {
    id: '401', fault: 'HTTP 401: bad or expired token', inject: { status: 401, times: MANY }, klass: 'configuration', kind: 'unauthorized',
    says: /rejected the service token.*(new service token|copied)/,
    does: 'Names the token as the cause and how to make a new one; keeps the last index; waits for Save or Refresh now.',
  },
  {
    id: '403 permission', fault: 'HTTP 403: token lacks the Metadata permission',
    inject: { status: 403, times: MANY, statusMessage: 'This service token does not have the Metadata Only permission.' }, klass: 'configuration', kind: 'forbidden',
    says: /Metadata Only permission/,
    does: 'Names the missing permission (and the plan); keeps the last index; waits for Save or Refresh now.',
  },
  {
    id: '403 plan', fault: 'HTTP 403: the plan lacks API access',
    inject: { status: 403, times: MANY, statusMessage: 'Your account plan does not include access to the Discovery API.' }, klass: 'configuration', kind: 'forbidden',
    says: /plan includes the Discovery API/,
    does: 'Says to check that the dbt plan includes the Discovery API, with dbt\'s own words; keeps the last index.',
  },
  {
    id: 'environment not found', fault: 'Environment not found (HTTP 200 with a GraphQL error)', inject: 'unknownEnvironment', klass: 'configuration', kind: 'notFound',
    says: /does not know environment .*Environment ID/,
    does: 'Says which environment id dbt does not know and where to copy the right one; keeps the last index.',
  },
  {
    id: '429 Retry-After', fault: 'HTTP 429 with Retry-After: 120', inject: { status: 429, retryAfterSeconds: 120, times: MANY }, klass: 'transient', kind: 'rateLimited',
    says: /rate limiting.*try again in 2 min/,
    does: 'Sends nothing for the 120 s dbt asked for (Refresh now and page loads included), then retries on its own.',
  },
  {
    id: '429 bare', fault: 'HTTP 429 without Retry-After', inject: { status: 429, times: MANY }, klass: 'transient', kind: 'rateLimited',
    says: /rate limiting.*try again in 5 min/,
    does: 'Holds off 5 minutes (dbt\'s documented hold-off), then retries on its own.',
  },
  {
    id: '500', fault: 'HTTP 500', inject: { status: 500, times: MANY }, klass: 'transient', kind: 'server',
    says: /failing \(HTTP 500\).*dbt's side/,
    does: 'Says the fault is on dbt\'s side; backs off (30 s, 60 s, then every 2 minutes) and retries on its own.',
  },
  {
    id: '502', fault: 'HTTP 502', inject: { status: 502, times: MANY }, klass: 'transient', kind: 'server',
    says: /failing \(HTTP 502\).*dbt's side/,
    does: 'As for 500.',
  },
  {
    id: '503', fault: 'HTTP 503', inject: { status: 503, times: MANY }, klass: 'transient', kind: 'server',
    says: /failing \(HTTP 503\).*dbt's side/,
    does: 'As for 500.',
  },
  {
    id: 'hang', fault: 'A response that never comes (timeout)', inject: { transport: 'hang', times: MANY }, klass: 'transient', kind: 'timeout',
    says: /did not answer within/,
    does: 'Gives up on the request (30 s in the extension), retries the page from its cursor, then says it timed out; retries on its own.',
  },
  {
    id: 'network down', fault: 'The network down (connection dropped)', inject: { transport: 'reset', times: MANY }, klass: 'transient', kind: 'network',
    says: /Could not reach .*network connection/,
    does: 'Retries the page from its cursor, then says dbt could not be reached; retries on its own.',
  },
  {
    id: 'malformed JSON', fault: 'HTTP 200 whose body is not JSON', inject: { transport: 'malformed', times: MANY }, klass: 'transient', kind: 'invalidResponse',
    says: /could not be read/,
    does: 'Says the answer could not be read; keeps the last index (nothing half-parsed is stored).',
  },
  {
    id: 'errors beside data', fault: 'HTTP 200 with GraphQL errors beside partial data',
    inject: { times: MANY, rewrite: (answer) => ({ ...answer, errors: [{ message: 'Internal error while resolving executionInfo for 12 nodes.', path: ['environment', 'applied'] }] }) },
    klass: 'transient', kind: 'invalidResponse',
    says: /dbt said: “Internal error while resolving executionInfo/,
    does: 'Refuses the partial page rather than index half the project; quotes dbt\'s error; keeps the last index.',
  },
  {
    id: 'unknown enum', fault: 'An unknown enum value (a new run status)', inject: { times: MANY, rewrite: rewriteKey('lastRunStatus', () => 'queued_for_reanalysis') },
    klass: 'absorbed',
    does: 'Syncs: a run status it does not know counts as no known run (unknown), never as success.',
  },
  {
    id: '20 MB description', fault: 'A 20 MB description', inject: { times: MANY, rewrite: rewriteKey('description', () => 'Orders mart. '.repeat(TWENTY_MB / 13), 1) },
    klass: 'absorbed',
    does: 'Truncates it to 20,000 characters in the background before it reaches a page.',
  },
  {
    id: 'truncated page', fault: 'A page of 500 that arrives truncated', inject: { transport: 'truncate', times: MANY }, klass: 'transient', kind: 'network',
    says: /Could not reach/,
    does: 'Asks for the same page again from its cursor (a one-off truncation heals inside the sync); keeps the last index if it persists.',
  },
];
