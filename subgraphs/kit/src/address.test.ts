import { describe, expect, it } from 'vitest';
import { DomainError } from '@c360/kit';
import { addressComparisonKey, validateAddress, type AddressInput } from './address.ts';

const base = { city: 'Saint-Hyacinthe', postalCode: 'J2S 1A1', country: 'CA' };
const key = (address: Partial<AddressInput>) => addressComparisonKey({ ...base, street: 'rue Principale', ...address });

describe('addressComparisonKey', () => {
  it('has a documented, stable format', () => {
    expect(key({ number: '1234', unit: '4' })).toBe('1234|4|rue principale|saint hyacinthe|j2s1a1|ca');
  });

  it('ignores case, accents, punctuation and spacing', () => {
    expect(key({ number: '12', street: 'RUE DE L’ÉGLISE', city: 'MONTRÉAL' })).toBe(
      key({ number: '12', street: "  rue de l'Eglise ", city: 'montreal' }),
    );
  });

  it.each([
    ['rue Principale', 'r. Principale'],
    ['rue Principale', 'Principale Street'],
    ['rue Principale', 'Principale St.'],
    ['boulevard Laurier', 'boul. Laurier'],
    ['boulevard Laurier', 'Blvd Laurier'],
    ['boulevard Laurier', 'Laurier Boulevard'],
    ['avenue du Parc', 'av. du Parc'],
    ['avenue du Parc', 'Ave du Parc'],
    ['chemin du Lac', 'ch. du Lac'],
    ['chemin du Lac', 'du Lac Road'],
    ['rue Saint-Denis', 'rue St-Denis'],
    ['rue Sainte-Catherine', 'Ste-Catherine St'],
    ['boulevard René-Lévesque Ouest', 'boul. René-Lévesque O.'],
    ['boulevard René-Lévesque Ouest', 'René-Lévesque Blvd West'],
    ['1re Avenue', '1st Avenue'],
    ['avenue 1re', '1re av.'],
  ])('unifies street types and abbreviations: %s = %s', (a, b) => {
    expect(key({ number: '10', street: a })).toBe(key({ number: '10', street: b }));
  });

  it('reads a leading "St" as saint and a trailing one as street', () => {
    expect(key({ street: 'St-Laurent' })).toContain('|saint laurent|');
    expect(key({ street: 'Laurent St' })).toContain('|rue laurent|');
  });

  it('does not take a lone letter after a street type for a direction', () => {
    expect(key({ street: 'avenue E' })).toContain('|avenue e|');
  });

  it.each([['4'], ['app. 4'], ['Apt 4'], ['#4'], ['Unit 04'], ['Suite 4'], ['logement 4']])('folds unit "%s" to 4', (unit) => {
    expect(key({ number: '1234', unit })).toBe(key({ number: '1234', unit: '4' }));
  });

  it('splits the Canadian unit-number form of a civic number', () => {
    expect(key({ number: '4-1234' })).toBe(key({ number: '1234', unit: '4' }));
    expect(key({ number: '1234A' })).toBe(key({ number: '1234 a' }));
    expect(key({ number: '1234-A' })).toBe(key({ number: '1234A' }));
  });

  it('normalises the city and the postal code', () => {
    expect(key({ city: 'St-Hyacinthe', postalCode: 'j2s1a1' })).toBe(key({}));
    expect(key({ city: 'Saint-Jean-sur-Richelieu' })).toBe(key({ city: 'St-Jean-sur-Richelieu' }));
  });

  // The pairs of the 911 audit's specification: a service address and a 911 address typed differently.
  it.each([
    [{ number: '123', street: 'Rue Principale' }, { number: '123,', street: 'rue principale' }],
    [{ number: '55', unit: 'Apt 4', street: 'rue Laurier' }, { number: '55', unit: '#4', street: 'rue Laurier' }],
    [{ number: '10', street: 'Boul. Laurier' }, { number: '10', street: 'Boulevard Laurier' }],
  ])('matches %j with %j', (a, b) => {
    expect(key(a)).toBe(key(b));
  });

  it.each([
    [{ number: '123', street: 'Rue Principale' }, { number: '125', street: 'rue principale' }],
    [{ number: '55', unit: 'Apt 4', street: 'rue Laurier' }, { number: '55', unit: '#14', street: 'rue Laurier' }],
    [{ number: '10', street: 'Boul. Laurier' }, { number: '10', street: 'Av. Laurier' }],
  ])('does not match %j with %j', (a, b) => {
    expect(key(a)).not.toBe(key(b));
  });

  it('tells different places apart', () => {
    expect(key({ number: '10' })).not.toBe(key({ number: '12' }));
    expect(key({ number: '10', unit: '1' })).not.toBe(key({ number: '10', unit: '2' }));
    expect(key({ street: 'rue Laurier' })).not.toBe(key({ street: 'avenue Laurier' }));
    expect(key({ street: 'rue Principale Est' })).not.toBe(key({ street: 'rue Principale Ouest' }));
    expect(key({ postalCode: 'J2S 1A2' })).not.toBe(key({}));
  });
});

describe('validateAddress', () => {
  const fieldOf = (input: AddressInput) => {
    try {
      validateAddress(input, 'input.address');
    } catch (error) {
      if (error instanceof DomainError) return error.field;
      throw error;
    }
    return undefined;
  };

  it('tidies a valid Canadian address', () => {
    expect(validateAddress({ number: ' 12 ', street: ' rue   Principale ', city: 'Granby', postalCode: 'j2g9h3', region: 'qc' }, 'input.address')).toEqual({
      number: '12', unit: null, street: 'rue Principale', city: 'Granby', region: 'QC', postalCode: 'J2G 9H3', country: 'CA',
    });
  });

  it('names the field at fault', () => {
    expect(fieldOf({ street: ' ', city: 'Granby', postalCode: 'J2G 9H3' })).toBe('input.address.street');
    expect(fieldOf({ street: 'rue Principale', city: '', postalCode: 'J2G 9H3' })).toBe('input.address.city');
    expect(fieldOf({ street: 'rue Principale', city: 'Granby', postalCode: '12345' })).toBe('input.address.postalCode');
    expect(fieldOf({ street: 'rue Principale', city: 'Granby', postalCode: 'D2G 9H3' })).toBe('input.address.postalCode');
    expect(fieldOf({ street: 'rue Principale', city: 'Granby' })).toBe('input.address.postalCode');
    expect(fieldOf({ street: 'rue Principale', city: 'Granby', postalCode: 'J2G 9H3', region: 'Québec' })).toBe('input.address.region');
    expect(fieldOf({ street: 'rue Principale', city: 'Granby', postalCode: 'J2G 9H3', country: 'XX' })).toBe('input.address.country');
    expect(fieldOf({ street: 'rue Principale', city: 'Granby', postalCode: 'J2G 9H3', country: 'CAN' })).toBe('input.address.country');
  });

  it('accepts other countries without a Canadian postal code', () => {
    expect(validateAddress({ street: 'rue de Rivoli', number: '1', city: 'Paris', postalCode: '75001', country: 'fr' }, 'a').postalCode).toBe('75001');
  });
});
