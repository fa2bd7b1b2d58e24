import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { fail, type Result } from './issues';
import { validate } from './validate';

export { issuesFromZod, validate } from './validate';

/**
 * Parse YAML (JSON is valid YAML) and validate it. Syntax errors name the line and column;
 * schema errors name the field path. Never throws.
 */
export function parseScenario<S extends z.ZodType>(text: string, schema: S, options: { suggestKeys?: boolean } = {}): Result<z.output<S>> {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return fail(
      ...doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
        const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
        return { path: [], message: `${where}${what}`, hint: 'Check the indentation and quoting near that line' };
      }),
    );
  }
  return validate(schema, doc.toJS(), options);
}
