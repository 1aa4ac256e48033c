/**
 * Time claims read without verification (login summary, audit record, doctor) are used as
 * dates; a value no date can hold (exp = 1e300) reads as absent instead of throwing a
 * RangeError wherever it is shown.
 */
import { expect, test } from 'vitest';
import { numericClaim } from '../../../src/core/jwt.js';

test.each([
  [1_800_000_000, 1_800_000_000],
  [0, 0],
  [8.64e12, 8.64e12],
  [-8.64e12, -8.64e12],
])('%d is a date', (value, read) => {
  expect(numericClaim({ exp: value }, 'exp')).toBe(read);
});

test.each([1e300, -1e300, 8.64e12 + 1, Number.MAX_VALUE, Number.NaN, '1800000000', null])('%s is not', (value) => {
  expect(numericClaim({ exp: value }, 'exp')).toBeUndefined();
});
