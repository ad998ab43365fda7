import { describe, expect, it } from 'vitest';
import type { EditableCustomerFragment } from '../../generated/graphql.ts';
import { changesAnything, checkValues, createInput, formFieldOf, formRules, updateInput, valuesOf } from './form-model.ts';

const existing: EditableCustomerFragment = {
  id: 'c1', kind: 'COMPANY', category: 'CLIENT', name: 'Roy & associés', companyName: 'Roy & associés inc.', phone: '+14505550301',
  phoneAsTyped: '450 555 0301', mobile: null, mobileAsTyped: null, email: 'info@roy.example', website: null, preferredLanguage: 'fr-CA',
  group: 'Affaires', tags: ['vip'], salesRep: null, registrationNumber: '1170000000', taxNumber: null, legalForm: 'Inc.', sector: null,
  headcount: 12, remarks: null, status: 'ACTIVE', version: 4, updatedAt: '2026-11-21T09:00:00.000Z',
};

describe('formRules', () => {
  it('asks an individual for no company fields, unless the tenant requires them of everyone', () => {
    const individual = formRules([], 'INDIVIDUAL', true);
    expect(individual.shown.has('companyName')).toBe(false);
    expect(individual.shown.has('taxNumber')).toBe(false);
    expect(formRules(['TAX_NUMBER'], 'INDIVIDUAL', true).shown.has('taxNumber')).toBe(true);
    expect(formRules([], 'COMPANY', true).shown.has('legalForm')).toBe(true);
  });

  it("marks the tenant's required fields: a company name for companies only, an address only when creating", () => {
    const required = ['PHONE', 'EMAIL', 'COMPANY_NAME', 'ADDRESS', 'SALES_REP'] as const;
    expect([...formRules(required, 'COMPANY', true).required].sort()).toEqual(['city', 'companyName', 'email', 'name', 'phone', 'salesRep', 'street']);
    expect([...formRules(required, 'INDIVIDUAL', false).required].sort()).toEqual(['email', 'name', 'phone', 'salesRep']);
  });
});

describe('checkValues', () => {
  it('refuses what is missing before asking the server, and a head count that is not a whole number', () => {
    const rules = formRules(['EMAIL'], 'COMPANY', true);
    expect(checkValues({ ...valuesOf(undefined), kind: 'COMPANY', name: ' ', headcount: '12.5' }, rules)).toEqual({
      name: 'Enter a name.', email: 'Required by your organisation’s settings.', headcount: 'Enter a whole number.',
    });
    expect(checkValues({ ...valuesOf(undefined), name: 'Léa', email: 'lea@example.ca' }, formRules(['EMAIL'], 'INDIVIDUAL', true))).toEqual({});
  });
});

describe('createInput', () => {
  it('sends the shown fields that have a value, tags as a list, and the first address when one was typed', () => {
    const values = { ...valuesOf(undefined), kind: 'COMPANY' as const, name: ' Roy ', tags: 'VIP, ppa,', headcount: '12', companyName: '',
      street: 'rue Principale', number: '12', city: 'Granby', postalCode: 'J2G 2V6' };
    expect(createInput(values, formRules([], 'COMPANY', true))).toEqual({
      kind: 'COMPANY', category: 'CLIENT', name: 'Roy', tags: ['vip', 'ppa'], headcount: 12,
      addresses: [{ type: 'SERVICE', address: { number: '12', unit: undefined, street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 2V6', country: 'CA' } }],
    });
  });

  it('leaves out company fields typed before switching to an individual', () => {
    const values = { ...valuesOf(undefined), name: 'Léa', legalForm: 'Inc.' };
    expect(createInput(values, formRules([], 'INDIVIDUAL', true))).toEqual({ kind: 'INDIVIDUAL', category: 'CLIENT', name: 'Léa' });
  });
});

describe('updateInput', () => {
  it('sends only what changed, a cleared field as null, with the version read', () => {
    const values = { ...valuesOf(existing), email: '', tags: 'vip, ppa', headcount: '12', sector: 'Comptabilité' };
    expect(updateInput(existing, values, formRules([], 'COMPANY', false))).toEqual({
      id: 'c1', version: 4, email: null, tags: ['vip', 'ppa'], sector: 'Comptabilité',
    });
  });

  it('sends nothing but the identity when nothing changed', () => {
    const input = updateInput(existing, valuesOf(existing), formRules([], 'COMPANY', false));
    expect(input).toEqual({ id: 'c1', version: 4 });
    expect(changesAnything(input)).toBe(false);
    expect(changesAnything({ ...input, email: null })).toBe(true);
  });
});

describe('formFieldOf', () => {
  it.each([
    ['phone', 'phone'], ['addresses[0].address.postalCode', 'postalCode'], ['addresses[0].type', 'addressType'], ['addresses', 'street'],
    ['tags[2]', 'tags'],
  ])('%s → %s', (server, form) => {
    expect(formFieldOf(server)).toBe(form);
  });
});
