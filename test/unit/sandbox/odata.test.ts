// The $filter subset Graph and ARM clients send during set-up.
import { describe, expect, it } from 'vitest';
import { FilterSyntaxError, parseFilter } from '../../../src/sandbox/odata.js';

describe('parseFilter', () => {
  it('reads eq clauses, function calls and their conjunction', () => {
    expect(parseFilter("appId eq '0b1c'")).toEqual([{ kind: 'eq', property: 'appId', value: '0b1c' }]);
    expect(parseFilter("atScope() and principalId eq 'p1'")).toEqual([
      { kind: 'call', name: 'atScope', args: [] },
      { kind: 'eq', property: 'principalId', value: 'p1' },
    ]);
    expect(parseFilter("assignedTo('p2')")).toEqual([{ kind: 'call', name: 'assignedTo', args: ['p2'] }]);
    expect(parseFilter("startswith(displayName,'x')")).toEqual([
      { kind: 'call', name: 'startswith', args: ['displayName', 'x'] },
    ]);
  });

  it("keeps spaces inside values, doubles quotes with '', and is case-blind on keywords", () => {
    expect(parseFilter("displayName EQ 'O''Brien''s  app' AND roleName eq ''")).toEqual([
      { kind: 'eq', property: 'displayName', value: "O'Brien's  app" },
      { kind: 'eq', property: 'roleName', value: '' },
    ]);
  });

  it.each([
    ["appId eq 'open"],
    ['appId eq 12'],
    ["appId ne 'x'"],
    ["appId eq 'x' or appId eq 'y'"],
    ["atScope( and x eq 'y'"],
    ['eq'],
    [''],
    ["appId eq 'x' and"],
    ["appId eq 'x' ; drop"],
  ])('refuses %j', (text) => {
    expect(() => parseFilter(text)).toThrow(FilterSyntaxError);
  });
});
