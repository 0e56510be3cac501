// vitest's asymmetric matchers (expect.any, expect.stringMatching…) are typed `any`, which the
// lint's no-unsafe-* rules rightly flag wherever one sits inside an expected object. The same
// matchers, typed `unknown`: what they are to the code that holds them, an opaque expectation.
import { expect } from 'vitest';

export const matching = {
  any: (constructor: unknown): unknown => expect.any(constructor),
  stringMatching: (pattern: string | RegExp): unknown => expect.stringMatching(pattern),
  stringContaining: (text: string): unknown => expect.stringContaining(text),
  objectContaining: (properties: Record<string, unknown>): unknown => expect.objectContaining(properties),
  arrayContaining: (items: unknown[]): unknown => expect.arrayContaining(items),
};
