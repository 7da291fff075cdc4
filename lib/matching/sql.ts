/**
 * The tables a SQL query reads: `tablesInSql(sql)`. Used on the SQL that BI tools keep behind a
 * dashboard (Metabase native questions, Redash queries, Superset virtual datasets), where no
 * editor shows it, and by acceptance checks as a contract:
 *
 * - FROM and JOIN sources (and MERGE/DELETE `USING` sources), in subqueries and CTE bodies too;
 * - never a CTE's own name, never a write target (INSERT/CREATE/MERGE INTO/UPDATE/DELETE FROM);
 * - each as a dotted name, parts lower-cased, quotes (`"`, backticks, `[]`) stripped, in order of
 *   first appearance, each once.
 *
 * Why a hand-written tokenizer and not a parser package: the maintained SQL parsers
 * (node-sql-parser, sql-parser-cst, dt-sql-parser) are hundreds of kilobytes to megabytes, each
 * parses one grammar per dialect and rejects what BI tools really hold: Metabase `{{var}}` and
 * `[[optional]]` clauses, Redash `{{ param }}`, Jinja, BigQuery's unquoted hyphenated project ids,
 * half-typed queries. Finding the tables needs only tokens and a little bracket structure, and a
 * tokenizer that never fails on an unknown construct: it skips it.
 */

type TokenKind = 'word' | 'quoted' | 'punct' | 'string' | 'template';

interface Token {
  kind: TokenKind;
  /** Words: as written. Quoted identifiers: the name without quotes. Punctuation: the character. */
  text: string;
  start: number;
  end: number;
  /** The quote character of a quoted identifier. */
  quote?: string;
}

const WORD = /[A-Za-z0-9_$\u00C0-\uFFFF]+/y;

/** Splits SQL into words, quoted identifiers and punctuation; comments vanish, literals become opaque. */
function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const push = (kind: TokenKind, text: string, start: number, end: number, quote?: string) => {
    tokens.push({ kind, text, start, end, quote });
    i = end;
  };
  const until = (close: string, from: number): number => {
    const at = sql.indexOf(close, from);
    return at < 0 ? sql.length : at + close.length;
  };
  while (i < sql.length) {
    const c = sql[i]!;
    const next = sql[i + 1];
    if (/\s/.test(c)) {
      i++;
    } else if ((c === '-' && next === '-') || (c === '/' && next === '/') || c === '#') {
      // Line comments: standard `--`, Snowflake `//`, MySQL and BigQuery `#`.
      i = until('\n', i);
    } else if (c === '/' && next === '*') {
      i = until('*/', i + 2);
    } else if (c === '{' && (next === '{' || next === '%' || next === '#')) {
      // Metabase and Redash `{{param}}`, Jinja `{% … %}` and `{# … #}`: opaque.
      const close = next === '{' ? '}}' : `${next}}`;
      push('template', sql.slice(i, until(close, i + 2)), i, until(close, i + 2));
    } else if (c === "'" || (c === '"' && sql.startsWith('"""', i))) {
      push('string', '', i, endOfString(sql, i));
    } else if (c === '$' && /^\$[A-Za-z_]*\$/.test(sql.slice(i, i + 64))) {
      // Dollar-quoted strings (Postgres, Snowflake): `$$ … $$`, `$tag$ … $tag$`.
      const tag = /^\$[A-Za-z_]*\$/.exec(sql.slice(i, i + 64))![0];
      push('string', '', i, until(tag, i + tag.length));
    } else if (c === '"' || c === '`') {
      const end = endOfQuoted(sql, i, c);
      push('quoted', sql.slice(i + 1, end - 1).split(c + c).join(c), i, end, c);
    } else if (c === '[' && next !== '[' && sql[i - 1] !== '[' && /^\[[^\][\n]+\]/.test(sql.slice(i, i + 258))) {
      // A bracketed identifier (SQL Server, Power BI); `[[ … ]]` is a Metabase optional clause.
      const end = sql.indexOf(']', i) + 1;
      push('quoted', sql.slice(i + 1, end - 1), i, end, '[');
    } else {
      WORD.lastIndex = i;
      const word = WORD.exec(sql);
      if (word) push('word', word[0], i, i + word[0].length);
      else push('punct', c, i, i + 1);
    }
  }
  return tokens;
}

function endOfString(sql: string, start: number): number {
  const quote = sql[start]!;
  const triple = sql.startsWith(quote.repeat(3), start);
  if (triple) return (sql.indexOf(quote.repeat(3), start + 3) + 1 || sql.length - 2) + 2;
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] === '\\') i++;
    else if (sql[i] === quote) {
      if (sql[i + 1] !== quote) return i + 1;
      i++; // '' is a quote inside the string
    }
  }
  return sql.length;
}

function endOfQuoted(sql: string, start: number, quote: string): number {
  for (let i = start + 1; i < sql.length; i++) {
    if (sql[i] !== quote) continue;
    if (sql[i + 1] !== quote) return i + 1;
    i++;
  }
  return sql.length;
}

const isWord = (token: Token | undefined, ...words: string[]): boolean =>
  token?.kind === 'word' && words.includes(token.text.toUpperCase());
const isPunct = (token: Token | undefined, char: string): boolean => token?.kind === 'punct' && token.text === char;

/** Words that end a FROM list: after them a comma no longer introduces a table. */
const CLAUSE_ENDS = new Set([
  'WHERE', 'GROUP', 'ORDER', 'HAVING', 'LIMIT', 'OFFSET', 'FETCH', 'QUALIFY', 'WINDOW', 'UNION',
  'INTERSECT', 'EXCEPT', 'MINUS', 'SELECT', 'SET', 'RETURNING', 'ON', 'PIVOT', 'UNPIVOT', 'FOR',
]);

/** Words that may stand between FROM/JOIN and the table without being it. */
const BEFORE_TABLE = new Set(['LATERAL', 'ONLY']);

/** Words that are never a table name where one is expected (syntax this reader does not model). */
const NOT_TABLE = new Set(['SELECT', 'WITH', 'VALUES', 'WHERE', 'UNNEST', 'TABLE', 'ON', 'SET', 'AS']);

interface Frame {
  /** A query's parentheses (or the top level), not a function's: only there does FROM start tables. */
  query: boolean;
  inFromList: boolean;
}

export function tablesInSql(sql: string): string[] {
  if (typeof sql !== 'string' || sql.length === 0) return [];
  const tokens = tokenize(sql);
  const cteNames = collectCteNames(tokens);
  const found = new Set<string>();
  const frames: Frame[] = [{ query: true, inFromList: false }];
  let statement = ''; // the statement's first word, for DELETE FROM and MERGE/DELETE USING
  let expectTable = false;

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    const frame = frames[frames.length - 1]!;
    if (isPunct(token, ';')) {
      statement = '';
      frame.inFromList = false;
      continue;
    }
    if (!statement && token.kind === 'word' && frames.length === 1) statement = token.text.toUpperCase();

    if (isPunct(token, '(')) {
      const first = tokens[i + 1];
      const query = expectTable || isWord(first, 'SELECT', 'WITH', 'VALUES') || isPunct(first, '(');
      // `FROM ((a JOIN b) JOIN c)`: a parenthesised join starts with its first table.
      const parenthesisedJoin: boolean = expectTable && !isWord(first, 'SELECT', 'WITH', 'VALUES');
      frames.push({ query: query && frame.query, inFromList: parenthesisedJoin });
      expectTable = parenthesisedJoin;
      continue;
    }
    if (isPunct(token, ')')) {
      if (frames.length > 1) frames.pop();
      expectTable = false;
      continue;
    }
    if (!frame.query) continue;

    if (expectTable) {
      if (token.kind === 'word' && BEFORE_TABLE.has(token.text.toUpperCase())) continue;
      expectTable = false;
      const ref = readTableName(tokens, i);
      if (!ref) continue;
      i = ref.next - 1;
      // A name followed by `(` is a table function (generate_series, TABLE(FLATTEN(…)), ML.PREDICT).
      if (isPunct(tokens[ref.next], '(')) continue;
      if (ref.parts.length === 1 && cteNames.has(ref.parts[0]!)) continue;
      found.add(ref.parts.join('.'));
      continue;
    }

    if (token.kind !== 'word') {
      if (isPunct(token, ',') && frame.inFromList) expectTable = true;
      continue;
    }
    const word = token.text.toUpperCase();
    if (word === 'FROM') {
      const previous = tokens[i - 1];
      // `IS DISTINCT FROM x` compares values; `DELETE FROM t` names the table written to.
      if (isWord(previous, 'DISTINCT')) continue;
      if (isWord(previous, 'DELETE')) {
        i = (readTableName(tokens, i + 1)?.next ?? i + 1) - 1;
        continue;
      }
      expectTable = true;
      frame.inFromList = true;
    } else if (word === 'JOIN') {
      expectTable = true;
    } else if (word === 'USING' && (statement === 'MERGE' || statement === 'DELETE') && frames.length === 1) {
      expectTable = true;
    } else if (CLAUSE_ENDS.has(word)) {
      frame.inFromList = false;
    }
  }
  return [...found];
}

/** Reads `a.b.c` (any quoting, BigQuery `my-proj-1.ds.t`) from tokens[start]. */
function readTableName(tokens: Token[], start: number): { parts: string[]; next: number } | null {
  const parts: string[] = [];
  let i = start;
  for (;;) {
    const token = tokens[i];
    if (!token || (token.kind !== 'word' && token.kind !== 'quoted')) return null;
    if (token.kind === 'word' && parts.length === 0 && NOT_TABLE.has(token.text.toUpperCase())) return null;
    let text = token.text;
    let end = token.end;
    i++;
    if (token.kind === 'word') {
      // BigQuery project ids are written unquoted with hyphens: `my-proj-123.analytics.orders`.
      while (isPunct(tokens[i], '-') && tokens[i]!.start === end && tokens[i + 1]?.kind === 'word' && tokens[i + 1]!.start === end + 1) {
        text += `-${tokens[i + 1]!.text}`;
        end = tokens[i + 1]!.end;
        i += 2;
      }
    }
    // A BigQuery path may sit inside one pair of backticks: `proj.dataset.table`.
    const pieces = token.quote === '`' && token.text.includes('.') ? text.split('.') : [text];
    parts.push(...pieces.map((piece) => piece.trim().toLowerCase()));
    if (!isPunct(tokens[i], '.')) break;
    i++;
  }
  if (parts.some((part) => part === '')) return null;
  return { parts, next: i };
}

/** Names the query's WITH clauses define (`WITH [RECURSIVE] a [(cols)] AS [NOT MATERIALIZED] (…), b AS (…)`). */
function collectCteNames(tokens: Token[]): Set<string> {
  const names = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    if (!isWord(tokens[i], 'WITH')) continue;
    let j = i + 1;
    if (isWord(tokens[j], 'RECURSIVE')) j++;
    for (;;) {
      const name = tokens[j];
      if (!name || (name.kind !== 'word' && name.kind !== 'quoted')) break;
      j++;
      if (isPunct(tokens[j], '(')) j = afterBalanced(tokens, j);
      if (!isWord(tokens[j], 'AS')) break;
      j++;
      if (isWord(tokens[j], 'NOT')) j++;
      if (isWord(tokens[j], 'MATERIALIZED')) j++;
      if (!isPunct(tokens[j], '(')) break;
      names.add(name.text.toLowerCase());
      j = afterBalanced(tokens, j);
      if (!isPunct(tokens[j], ',')) break;
      j++;
    }
  }
  return names;
}

function afterBalanced(tokens: Token[], open: number): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    if (isPunct(tokens[i], '(')) depth++;
    else if (isPunct(tokens[i], ')') && --depth === 0) return i + 1;
  }
  return tokens.length;
}
