/*
 * Postal addresses, shared by every subgraph that stores one: a customer's
 * service address, a service location and an E911 address must produce the
 * same comparison key to be compared (the 911 audit depends on it).
 */
import { badInput } from './errors.ts';

/** A structured postal address as stored and exposed (`Address` in the SDL). */
export interface Address {
  number: string | null;
  unit: string | null;
  street: string;
  city: string;
  region: string | null;
  postalCode: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
}

/** An address as a client sends it (`AddressInput`). */
export interface AddressInput {
  number?: string | null;
  unit?: string | null;
  street: string;
  city: string;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}


const CANADIAN_POSTAL_CODE = /^([ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])[\s-]*(\d[ABCEGHJ-NPRSTV-Z]\d)$/i;
const PROVINCES = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT']);
const MAX_LENGTH = 200;
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** Whether `code` is an assigned ISO 3166-1 alpha-2 code (upper case). */
export function isCountryCode(code: string): boolean {
  // Intl echoes unknown codes back (and calls ZZ "Unknown Region"), which tells assigned codes apart.
  return /^[A-Z]{2}$/.test(code) && code !== 'ZZ' && regionNames.of(code) !== code;
}

const clean = (value: string | null | undefined) => value?.trim().replace(/\s+/g, ' ') || null;

/**
 * Validates an address typed by a client and returns it tidied for storage
 * (trimmed, Canadian postal code as `A1A 1A1`, codes upper-cased). Errors name
 * the offending field under `field`, e.g. `input.address.postalCode`.
 */
export function validateAddress(input: AddressInput, field: string): Address {
  const street = clean(input.street);
  if (!street) throw badInput(`${field}.street`, 'must not be empty');
  const city = clean(input.city);
  if (!city) throw badInput(`${field}.city`, 'must not be empty');
  for (const [name, value] of Object.entries({ number: input.number, unit: input.unit, street, city, region: input.region, postalCode: input.postalCode })) {
    if (value && value.length > MAX_LENGTH) throw badInput(`${field}.${name}`, `must be at most ${MAX_LENGTH} characters`);
  }

  const country = (clean(input.country) ?? 'CA').toUpperCase();
  if (!isCountryCode(country)) throw badInput(`${field}.country`, `"${input.country}" is not an ISO 3166-1 alpha-2 country code, e.g. CA`);

  let postalCode = clean(input.postalCode)?.toUpperCase() ?? null;
  const region = clean(input.region)?.toUpperCase() ?? null;
  if (country === 'CA') {
    if (!postalCode) throw badInput(`${field}.postalCode`, 'is required for a Canadian address');
    const match = CANADIAN_POSTAL_CODE.exec(postalCode);
    if (!match) throw badInput(`${field}.postalCode`, `"${input.postalCode}" is not a Canadian postal code (A1A 1A1)`);
    postalCode = `${match[1]} ${match[2]}`.toUpperCase();
    if (region && !PROVINCES.has(region)) throw badInput(`${field}.region`, `"${input.region}" is not a Canadian province or territory code, e.g. QC`);
  }

  return { number: clean(input.number), unit: clean(input.unit), street, city, region, postalCode, country };
}

/** Street types written before the name, as in French ("rue Principale", "boul. Laurier"). */
const LEADING_STREET_TYPES: Record<string, string> = {
  rue: 'rue', r: 'rue',
  boulevard: 'boulevard', boul: 'boulevard', blvd: 'boulevard', bd: 'boulevard',
  avenue: 'avenue', av: 'avenue', ave: 'avenue',
  chemin: 'chemin', ch: 'chemin', chem: 'chemin',
  route: 'route', rte: 'route',
  rang: 'rang', rg: 'rang',
  montee: 'montee', mtee: 'montee',
  place: 'place', pl: 'place',
  croissant: 'croissant', crois: 'croissant',
  impasse: 'impasse', imp: 'impasse',
  promenade: 'promenade', prom: 'promenade',
  terrasse: 'terrasse', terr: 'terrasse',
  allee: 'allee',
  cote: 'cote',
  carre: 'carre',
};

/**
 * Street types written after the name, as in English ("Main St"), mapped to the
 * same canonical word as their French equivalent so that "Laurier Street" and
 * "rue Laurier" compare equal. "st" only means street here: before a name it is "saint".
 */
const TRAILING_STREET_TYPES: Record<string, string> = {
  street: 'rue', st: 'rue', str: 'rue', rue: 'rue',
  boulevard: 'boulevard', boul: 'boulevard', blvd: 'boulevard', bd: 'boulevard',
  avenue: 'avenue', av: 'avenue', ave: 'avenue',
  road: 'chemin', rd: 'chemin', chemin: 'chemin',
  crescent: 'croissant', cres: 'croissant',
  place: 'place', pl: 'place',
  route: 'route', rte: 'route',
  drive: 'drive', dr: 'drive',
  court: 'court', ct: 'court',
  lane: 'lane', ln: 'lane',
};

/** Directions that follow a street name ("René-Lévesque O.", "Main Street West"). */
const DIRECTIONS: Record<string, string> = {
  est: 'est', e: 'est', east: 'est',
  ouest: 'ouest', o: 'ouest', west: 'ouest', w: 'ouest',
  nord: 'nord', n: 'nord', north: 'nord',
  sud: 'sud', s: 'sud', south: 'sud',
};

/** Words naming the kind of unit, dropped so that "app. 4", "Apt 4", "#4" and "4" fold together. */
const UNIT_DESIGNATORS = new Set([
  'apt', 'app', 'appt', 'apartment', 'appartement', 'unit', 'unite', 'suite', 'ste', 'bureau', 'local', 'logement', 'log', 'no',
]);

const SAINTS: Record<string, string> = { st: 'saint', ste: 'sainte' };

/** Lower case, accents removed, anything but letters and digits turned into word breaks. */
function words(value: string | null | undefined): string[] {
  if (!value) return [];
  return value
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
}

/** "St", "Ste" → "saint", "sainte"; ordinals "1st", "1re", "2e", "3ème" → the bare number. */
function nameWord(word: string): string {
  const ordinal = /^(\d+)(st|nd|rd|th|er|re|ere|e|eme|ieme)$/.exec(word);
  if (ordinal) return String(Number(ordinal[1]));
  return SAINTS[word] ?? word;
}

const stripZeros = (word: string) => word.replace(/^0+(?=\d)/, '');

function streetKey(street: string): string {
  const tokens = words(street);
  let direction: string | undefined;
  const last = tokens.at(-1);
  // A lone direction after a type is a name ("avenue E"), so keep two words besides it.
  if (tokens.length >= 3 && last && DIRECTIONS[last]) {
    direction = DIRECTIONS[last];
    tokens.pop();
  }
  let type: string | undefined;
  const first = tokens[0];
  const end = tokens.at(-1);
  if (tokens.length >= 2 && first && LEADING_STREET_TYPES[first]) {
    type = LEADING_STREET_TYPES[first];
    tokens.shift();
  } else if (tokens.length >= 2 && end && TRAILING_STREET_TYPES[end]) {
    type = TRAILING_STREET_TYPES[end];
    tokens.pop();
  }
  return [type, ...tokens.map(nameWord), direction].filter(Boolean).join(' ');
}

function unitKey(unit: string | null | undefined): string {
  return words(unit?.replace(/#/g, ' '))
    .filter((word) => !UNIT_DESIGNATORS.has(word))
    .map(stripZeros)
    .join('');
}

/**
 * The normalised key under which two spellings of one place compare equal, e.g.
 * "4-1234 Boul. St-Joseph O., St-Hyacinthe, J2S 1A1" and "1234 boulevard
 * Saint-Joseph Ouest, app. 4, Saint-Hyacinthe, j2s1a1" both give
 * `1234|4|boulevard saint joseph ouest|saint hyacinthe|j2s1a1|ca`.
 *
 * Fields, in order: civic number, unit, street (canonical type first, then the
 * name, then the direction), city, postal code without spaces, country. Lower
 * case and without accents throughout. The region is left out: it follows from
 * the postal code and is spelled in too many ways ("QC", "Qué.", "Québec").
 * A civic number written the Canadian way "unit-number" ("4-1234") is split
 * into unit and number. Pure: used for storage, lookups and the demo data alike.
 */
export function addressComparisonKey(address: Pick<AddressInput, 'number' | 'unit' | 'street' | 'city' | 'postalCode' | 'country'>): string {
  let number = address.number?.trim() ?? '';
  let unit = unitKey(address.unit);
  const unitFirst = /^([0-9a-z]+)\s*-\s*(\d.*)$/i.exec(number);
  if (unitFirst?.[1] && unitFirst[2]) {
    unit ||= unitKey(unitFirst[1]);
    number = unitFirst[2];
  }
  const city = words(address.city).map(nameWord).join(' ');
  const postalCode = (address.postalCode ?? '').replace(/[^0-9a-z]/gi, '').toLowerCase();
  const country = (address.country ?? 'CA').trim().toLowerCase();
  return [words(number).map(stripZeros).join(''), unit, streetKey(address.street), city, postalCode, country].join('|');
}
