// SCIM filter parser (RFC 7644 §3.4.2.2, ABNF in Figure 1): a tokenizer and a recursive-descent
// parser producing the AST in ./ast.ts. Every problem becomes a ScimError (400 invalidFilter by
// default) whose detail names the position, so a client can see what was wrong with its filter.
//
// Grammar accepted (precedence not > and > or, all keywords and operators case-insensitive):
//   filter    = or
//   or        = and *("or" and)
//   and       = unary *("and" unary)
//   unary     = "not" unary / "(" or ")" / attrExp / valuePath
//   attrExp   = attrPath "pr" / attrPath compareOp compValue
//   valuePath = attrPath "[" valFilter "]" ["." subAttr (compareOp compValue / "pr")]
//   attrPath  = [URN ":"] ATTRNAME ["." subAttr]            ATTRNAME = ALPHA *(nameChar) / "$ref"
// Deviations from the RFC, all lenient: `not` may be followed by an expression without parentheses,
// and `emails[type eq "work"].value eq "x"` (common in practice) is accepted and rewritten to
// `emails[type eq "work" and value eq "x"]`, which means the same thing: one element matches both.
import { invalidFilter, ScimError } from "../errors";
import { SCHEMA_ENTERPRISE_USER, SCHEMA_GROUP, SCHEMA_ROSTER_PROFILE, SCHEMA_USER } from "../schema";
import type { AttributePath, CompareOperator, Filter, FilterValue } from "./ast";

export const MAX_FILTER_LENGTH = 4096;
/** Parentheses, `not` and `[...]` each add a level; bounded so hostile input cannot exhaust the stack. */
export const MAX_FILTER_DEPTH = 32;

/** Builds the error thrown for a syntax problem (invalidFilter for filters, invalidValue for sortBy, …). */
export type ErrorFactory = (detail: string) => ScimError;

const COMPARE_OPERATORS: readonly CompareOperator[] = ["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le"];
const OPERATOR_LIST = "eq, ne, co, sw, ew, gt, ge, lt, le, pr";
const ATTR_NAME = /^(?:[A-Za-z][A-Za-z0-9_-]*|\$ref)$/i;
const KNOWN_SCHEMAS = [SCHEMA_USER, SCHEMA_GROUP, SCHEMA_ENTERPRISE_USER, SCHEMA_ROSTER_PROFILE];

// ---------------------------------------------------------------------------------------------
// Tokens
// ---------------------------------------------------------------------------------------------

type Token =
  | { kind: "word"; text: string; pos: number; end: number }
  | { kind: "string"; value: string; pos: number; end: number }
  | { kind: "number"; value: number; text: string; pos: number; end: number }
  | { kind: "punct"; text: "(" | ")" | "[" | "]"; pos: number; end: number }
  | { kind: "end"; pos: number; end: number };

const WORD_START = /[A-Za-z$.]/;
const WORD_CHAR = /[A-Za-z0-9_:.$-]/;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const SIMPLE_ESCAPES: Record<string, string> = { '"': '"', "\\": "\\", "/": "/", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t" };

/** 1-based position for messages (clients count characters from 1). */
const at = (pos: number) => `at position ${pos + 1}`;

function describe(token: Token): string {
  switch (token.kind) {
    case "end":
      return "the end of the filter";
    case "string":
      return `string ${JSON.stringify(token.value.length > 24 ? token.value.slice(0, 24) + "…" : token.value)}`;
    case "number":
      return `number ${token.text}`;
    default:
      return `"${token.text.length > 40 ? token.text.slice(0, 40) + "…" : token.text}"`;
  }
}

class Tokenizer {
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly fail: ErrorFactory,
  ) {}

  tokenize(): Token[] {
    const tokens: Token[] = [];
    for (;;) {
      this.skipWhitespace();
      if (this.pos >= this.text.length) {
        tokens.push({ kind: "end", pos: this.pos, end: this.pos });
        return tokens;
      }
      tokens.push(this.next());
    }
  }

  private skipWhitespace() {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private next(): Token {
    const c = this.text[this.pos];
    const start = this.pos;
    if (c === "(" || c === ")" || c === "[" || c === "]") {
      this.pos++;
      return { kind: "punct", text: c, pos: start, end: this.pos };
    }
    if (c === '"') return this.readString();
    if (c === "-" || (c >= "0" && c <= "9")) return this.readNumber();
    if (WORD_START.test(c)) {
      while (this.pos < this.text.length && WORD_CHAR.test(this.text[this.pos])) this.pos++;
      return { kind: "word", text: this.text.slice(start, this.pos), pos: start, end: this.pos };
    }
    if (c === "'") throw this.fail(`Unexpected "'" ${at(start)}: strings in a filter must use double quotes`);
    throw this.fail(`Unexpected character ${JSON.stringify(c)} ${at(start)}`);
  }

  /** A JSON string (RFC 8259 §7): the escapes \" \\ \/ \b \f \n \r \t \uXXXX. */
  private readString(): Token {
    const start = this.pos;
    let i = start + 1;
    let value = "";
    while (i < this.text.length) {
      const c = this.text[i];
      if (c === '"') {
        this.pos = i + 1;
        return { kind: "string", value, pos: start, end: this.pos };
      }
      if (c !== "\\") {
        value += c;
        i++;
        continue;
      }
      const e = this.text[i + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        value += SIMPLE_ESCAPES[e];
        i += 2;
      } else if (e === "u" && /^[0-9a-fA-F]{4}$/.test(this.text.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(this.text.slice(i + 2, i + 6), 16));
        i += 6;
      } else {
        throw this.fail(`Invalid escape sequence in string ${at(i)}`);
      }
    }
    throw this.fail(`Unterminated string starting ${at(start)}`);
  }

  private readNumber(): Token {
    const start = this.pos;
    NUMBER.lastIndex = start;
    const m = NUMBER.exec(this.text);
    const next = m ? this.text[start + m[0].length] : undefined;
    if (!m || (next !== undefined && WORD_CHAR.test(next))) {
      throw this.fail(`Invalid number ${at(start)}`);
    }
    const value = Number(m[0]);
    if (!Number.isFinite(value)) throw this.fail(`Number out of range ${at(start)}`);
    this.pos = start + m[0].length;
    return { kind: "number", value, text: m[0], pos: start, end: this.pos };
  }
}

// ---------------------------------------------------------------------------------------------
// Attribute paths
// ---------------------------------------------------------------------------------------------

function canonicalSchema(urn: string): string {
  return KNOWN_SCHEMAS.find((s) => s.toLowerCase() === urn.toLowerCase()) ?? urn;
}

function checkName(name: string, word: string, pos: number, fail: ErrorFactory): string {
  if (!ATTR_NAME.test(name)) {
    throw fail(`Invalid attribute name ${JSON.stringify(name || word)} ${at(pos)}`);
  }
  return name.toLowerCase() === "$ref" ? "$ref" : name;
}

/**
 * Splits `urn:…:User:name.givenName` / `name.givenName` / `title` into an AttributePath. The schema
 * URN is everything before the last ':' (attribute names never contain ':', URNs contain "2.0").
 */
function pathFromWord(word: string, pos: number, fail: ErrorFactory): AttributePath {
  let schema: string | undefined;
  let rest = word;
  if (/^urn:/i.test(word)) {
    const colon = word.lastIndexOf(":");
    schema = canonicalSchema(word.slice(0, colon));
    rest = word.slice(colon + 1);
    if (!rest) throw fail(`Missing attribute name after schema URN ${at(pos)}`);
  } else if (word.includes(":")) {
    throw fail(`Invalid attribute name ${JSON.stringify(word)} ${at(pos)}: a schema prefix must be a URN ("urn:…")`);
  }
  const parts = rest.split(".");
  if (parts.length > 2) throw fail(`Invalid attribute path ${JSON.stringify(word)} ${at(pos)}: at most one sub-attribute`);
  const path: AttributePath = { attribute: checkName(parts[0], word, pos, fail) };
  if (schema) path.schema = schema;
  if (parts.length === 2) path.subAttribute = checkName(parts[1], word, pos, fail);
  return path;
}

/**
 * Parses a lone attribute path, as in the `attributes`, `excludedAttributes` and `sortBy`
 * parameters (RFC 7644 §3.4.2.3, §3.9). Surrounding whitespace is ignored.
 */
export function parseAttributePath(text: string, fail: ErrorFactory = invalidFilter): AttributePath {
  const trimmed = text.trim();
  if (!trimmed) throw fail("The attribute path is empty");
  if (trimmed.length > MAX_FILTER_LENGTH) throw fail("The attribute path is too long");
  const bad = [...trimmed].findIndex((c) => !WORD_CHAR.test(c));
  if (bad >= 0) throw fail(`Unexpected character ${JSON.stringify(trimmed[bad])} in attribute path ${at(bad)}`);
  return pathFromWord(trimmed, 0, fail);
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

const isWord = (t: Token, word: string) => t.kind === "word" && t.text.toLowerCase() === word;

class Parser {
  private index = 0;
  private depth = 0;

  constructor(
    private readonly tokens: Token[],
    private readonly fail: ErrorFactory,
  ) {}

  parse(): Filter {
    const filter = this.parseOr(false);
    const t = this.peek();
    if (t.kind !== "end") {
      if (t.kind === "punct") throw this.fail(`Unexpected "${t.text}" ${at(t.pos)}`);
      throw this.fail(`Expected "and", "or" or the end of the filter ${at(t.pos)}, found ${describe(t)}`);
    }
    return filter;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private take(): Token {
    const t = this.tokens[this.index];
    if (t.kind !== "end") this.index++;
    return t;
  }

  private enter(t: Token) {
    if (++this.depth > MAX_FILTER_DEPTH) {
      throw this.fail(`Filter is nested more than ${MAX_FILTER_DEPTH} levels deep ${at(t.pos)}`);
    }
  }

  private leave() {
    this.depth--;
  }

  /** `inValue`: inside `attr[...]`, where paths are sub-attributes of one element (RFC 7644 valFilter). */
  private parseOr(inValue: boolean): Filter {
    let left = this.parseAnd(inValue);
    while (isWord(this.peek(), "or")) {
      this.take();
      left = { type: "or", left, right: this.parseAnd(inValue) };
    }
    return left;
  }

  private parseAnd(inValue: boolean): Filter {
    let left = this.parseUnary(inValue);
    while (isWord(this.peek(), "and")) {
      this.take();
      left = { type: "and", left, right: this.parseUnary(inValue) };
    }
    return left;
  }

  private parseUnary(inValue: boolean): Filter {
    const t = this.peek();
    if (isWord(t, "not")) {
      this.take();
      this.enter(t);
      const filter = this.parseUnary(inValue);
      this.leave();
      return { type: "not", filter };
    }
    if (t.kind === "punct" && t.text === "(") {
      this.take();
      this.enter(t);
      const filter = this.parseOr(inValue);
      this.expectClose(")", t);
      this.leave();
      return filter;
    }
    return this.parseAttributeExpression(inValue);
  }

  private expectClose(close: ")" | "]", open: Token) {
    const t = this.take();
    if (t.kind === "punct" && t.text === close) return t;
    const opened = open.kind === "punct" ? open.text : "[";
    if (t.kind === "end") throw this.fail(`Missing "${close}" for the "${opened}" ${at(open.pos)}`);
    throw this.fail(`Expected "${close}" ${at(t.pos)} (to close the "${opened}" ${at(open.pos)}), found ${describe(t)}`);
  }

  private parseAttributeExpression(inValue: boolean): Filter {
    const t = this.take();
    if (t.kind !== "word") throw this.fail(`Expected an attribute name ${at(t.pos)}, found ${describe(t)}`);
    const path = pathFromWord(t.text, t.pos, this.fail);
    if (inValue && (path.schema || path.subAttribute)) {
      throw this.fail(`Inside "[...]" use the sub-attribute's plain name ${at(t.pos)}, found ${describe(t)}`);
    }
    const next = this.peek();
    if (next.kind === "punct" && next.text === "[") {
      if (inValue) throw this.fail(`Value filters ("[...]") cannot be nested ${at(next.pos)}`);
      if (path.subAttribute) throw this.fail(`"[" must follow an attribute, not a sub-attribute, ${at(next.pos)}`);
      return this.parseValuePath(path, next);
    }
    return this.parseComparison(path, t);
  }

  private parseValuePath(path: AttributePath, open: Token): Filter {
    this.take();
    this.enter(open);
    const filter = this.parseOr(true);
    const close = this.expectClose("]", open);
    this.leave();
    const next = this.peek();
    // `emails[type eq "work"].value eq "x"`: the '.' must immediately follow the ']'.
    if (next.kind === "word" && next.text.startsWith(".") && next.pos === close.end) {
      this.take();
      const sub = checkName(next.text.slice(1), next.text, next.pos, this.fail);
      const comparison = this.parseComparison({ attribute: sub }, next);
      return { type: "valuePath", path, filter: { type: "and", left: filter, right: comparison } };
    }
    return { type: "valuePath", path, filter };
  }

  private parseComparison(path: AttributePath, pathToken: Token): Filter {
    const t = this.take();
    if (t.kind !== "word") {
      throw this.fail(`Expected an operator (${OPERATOR_LIST}) after ${describe(pathToken)} ${at(t.pos)}, found ${describe(t)}`);
    }
    const op = t.text.toLowerCase();
    if (op === "pr") return { type: "present", path };
    if (!(COMPARE_OPERATORS as readonly string[]).includes(op)) {
      throw this.fail(`Unknown operator ${describe(t)} ${at(t.pos)}; expected one of ${OPERATOR_LIST}`);
    }
    return { type: "compare", op: op as CompareOperator, path, value: this.parseValue(t) };
  }

  private parseValue(opToken: Token): FilterValue {
    const t = this.take();
    if (t.kind === "string") {
      // PostgreSQL text cannot hold NUL, and no SCIM value legitimately contains one.
      if (t.value.includes("\u0000")) throw this.fail(`NUL characters are not allowed in strings ${at(t.pos)}`);
      return t.value;
    }
    if (t.kind === "number") return t.value;
    if (t.kind === "word") {
      const w = t.text.toLowerCase();
      if (w === "true") return true;
      if (w === "false") return false;
      if (w === "null") return null;
    }
    throw this.fail(
      `Expected a value (a "double-quoted" string, a number, true, false or null) after ${describe(opToken)} ${at(t.pos)}, found ${describe(t)}`,
    );
  }
}

/**
 * Parses a SCIM filter expression (RFC 7644 §3.4.2.2). The text must already be URL-decoded.
 * Throws only ScimError (400 invalidFilter) with a message that names the position of the problem.
 */
export function parseFilter(text: string): Filter {
  if (typeof text !== "string" || !text.trim()) throw invalidFilter("The filter is empty");
  if (text.length > MAX_FILTER_LENGTH) {
    throw invalidFilter(`The filter is longer than ${MAX_FILTER_LENGTH} characters`);
  }
  const tokens = new Tokenizer(text, invalidFilter).tokenize();
  return new Parser(tokens, invalidFilter).parse();
}
