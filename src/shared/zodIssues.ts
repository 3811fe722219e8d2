/**
 * One way to describe schema problems everywhere (content files, activities, config):
 * `sections[3].title is required`, `conversation: expected object, received number`.
 */
import type { z } from 'zod';

/** `sections[3].title` from zod's path array. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, key) => (typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key)), '');
}

/** Parses with the input kept on each issue, so a missing field can be told from a wrong one. */
export function safeParseReporting<S extends z.ZodType>(schema: S, data: unknown) {
  return schema.safeParse(data, { reportInput: true });
}

export function describeIssue(issue: z.core.$ZodIssue): string {
  const missing = issue.code === 'invalid_type' && 'input' in issue && issue.input === undefined;
  return missing ? 'is required' : issue.message.replace(/^Invalid input: /, '');
}

/** "field problem; field problem" for the first `limit` issues. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], separator: string, limit = Infinity): string {
  return issues
    .slice(0, limit)
    .map((issue) => `${formatPath(issue.path) || '(root)'}${separator}${describeIssue(issue)}`)
    .join('; ');
}
