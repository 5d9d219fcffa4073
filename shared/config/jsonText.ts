/**
 * JSON with positions: parses text exactly as JSON.parse does, and also records where every
 * value starts, so syntax errors and validation issues can name a line and column. Config files
 * are small; this runs once per load.
 */
import { joinPath } from './issues';

export interface TextPosition {
  line: number;
  column: number;
}

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

export interface LocatedJson {
  value: unknown;
  /** Where the value at a JSON path (as written by joinPath) starts; undefined when absent. */
  positions: ReadonlyMap<string, TextPosition>;
}

export function parseJsonWithPositions(text: string): LocatedJson {
  const positions = new Map<string, TextPosition>();
  let i = 0;
  let line = 1;
  let lineStart = 0;
  // A leading byte-order mark is common in files saved on Windows.
  if (text.charCodeAt(0) === 0xfeff) i = lineStart = 1;

  const pos = (): TextPosition => ({ line, column: i - lineStart + 1 });
  const fail = (msg: string, at: TextPosition = pos()): never => {
    throw new JsonSyntaxError(`${msg} at line ${at.line}, column ${at.column}`, at.line, at.column);
  };
  const describe = (): string => {
    if (i >= text.length) return 'end of file';
    const c = text[i]!;
    return c === '\n' ? 'a line break' : `"${c}"`;
  };

  const ws = () => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) {
        line++;
        lineStart = i + 1;
      } else if (c !== 32 && c !== 9 && c !== 13) break;
    }
  };

  const str = (): string => {
    const start = pos();
    const from = i;
    i++; // opening quote
    for (; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return JSON.parse(text.slice(from, i)) as string;
      }
      if (c === '\\') {
        i++;
        const e = text[i];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('invalid \\u escape in a string');
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) fail(`invalid escape "\\${e ?? ''}" in a string`);
      } else if (c === '\n' || c.charCodeAt(0) < 0x20) {
        fail('unterminated string (line break or control character inside quotes)', start);
      }
    }
    return fail('unterminated string', start);
  };

  const num = (): number => {
    const m = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
    m.lastIndex = i;
    const got = m.exec(text);
    if (!got) return fail(`unexpected ${describe()}; expected a value`);
    i += got[0].length;
    return Number(got[0]);
  };

  const value = (path: string): unknown => {
    ws();
    positions.set(path, pos());
    const c = text[i];
    if (c === '{') return obj(path);
    if (c === '[') return arr(path);
    if (c === '"') return str();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return num();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    if (c === "'") return fail('strings must use double quotes');
    if (c === '}' || c === ']') return fail(`unexpected ${describe()}; expected a value (is there a trailing comma?)`);
    return fail(`unexpected ${describe()}; expected a value`);
  };

  const obj = (path: string): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] !== '"') {
        if (text[i] === '}') fail('trailing comma before "}"');
        fail(`unexpected ${describe()}; expected a field name in double quotes`);
      }
      const key = str();
      ws();
      if (text[i] !== ':') fail(`unexpected ${describe()}; expected ":" after field name "${key}"`);
      i++;
      const p = joinPath(path, key);
      Object.defineProperty(out, key, { value: value(p), enumerable: true, writable: true, configurable: true });
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return out;
      }
      fail(`unexpected ${describe()}; expected "," or "}"`);
    }
  };

  const arr = (path: string): unknown[] => {
    const out: unknown[] = [];
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return out;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailing comma before "]"');
      out.push(value(joinPath(path, out.length)));
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return out;
      }
      fail(`unexpected ${describe()}; expected "," or "]"`);
    }
  };

  ws();
  if (i >= text.length) fail('the file is empty; expected a JSON object');
  const v = value('');
  ws();
  if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
  return { value: v, positions };
}

/** The position of `path`, or of its nearest present ancestor (a missing field points at its parent). */
export function locate(positions: ReadonlyMap<string, TextPosition>, path: string): TextPosition | undefined {
  let p = path;
  for (;;) {
    const hit = positions.get(p);
    if (hit) return hit;
    if (p === '') return undefined;
    const cut = p.endsWith(']') ? p.lastIndexOf('[') : p.lastIndexOf('.');
    p = cut > 0 ? p.slice(0, cut) : '';
  }
}
