import type { Faker } from '@faker-js/faker';

/*
 * The territory of the demo and scale ISP (southern Quebec), for the subgraphs
 * that seed addresses: service locations, their earlier addresses, customers'
 * billing addresses. Shared so that a customer's billing address and the
 * location it is billed for can be the same place.
 */

/** Towns of the ISP's territory with some of their real postal districts (FSA). */
const CITIES = [
  { name: 'Montréal', fsas: ['H2X', 'H2J', 'H1V', 'H4A'], apartments: 0.4 },
  { name: 'Laval', fsas: ['H7N', 'H7T', 'H7G'], apartments: 0.3 },
  { name: 'Longueuil', fsas: ['J4K', 'J4H', 'J4M'], apartments: 0.3 },
  { name: 'Saint-Hyacinthe', fsas: ['J2S', 'J2R', 'J2T'], apartments: 0.15 },
  { name: 'Granby', fsas: ['J2G', 'J2H', 'J2J'], apartments: 0.15 },
  { name: 'Sherbrooke', fsas: ['J1H', 'J1J', 'J1E'], apartments: 0.2 },
  { name: 'Drummondville', fsas: ['J2B', 'J2C'], apartments: 0.1 },
  { name: 'Saint-Jean-sur-Richelieu', fsas: ['J3B', 'J2W'], apartments: 0.1 },
  { name: 'Beloeil', fsas: ['J3G'], apartments: 0.05 },
] as const;
const STREET_TYPES = ['rue', 'rue', 'rue', 'rue', 'boulevard', 'avenue', 'chemin', 'rang', 'montée'] as const;
const STREET_NAMES = [
  'Principale', 'Saint-Jacques', 'Notre-Dame', 'des Érables', 'Laurier', 'Sainte-Catherine', 'du Moulin', 'de la Gare',
  'Saint-Joseph', 'des Cascades', 'Girouard', 'Dessaulles', 'Sicotte', "de l'Église", 'des Pins', 'du Lac', 'Champlain',
  'Papineau', 'Jean-Talon', 'Wilfrid-Laurier', 'des Ormes', 'Cartier', 'Frontenac', 'Marie-Victorin', 'des Patriotes',
  'Saint-Charles', 'Lafontaine', 'des Bouleaux', 'Bellevue', 'du Couvent',
] as const;
/** Letters Canada Post uses in the last three characters of a postal code. */
const POSTAL_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

/** An address as the seeds write it (column names). */
export interface SamplePlace {
  civic_number: string;
  unit: string | null;
  street: string;
  city: string;
  region: string;
  postal_code: string;
  country: string;
}

/** An address of the territory; the draws are always the same ones, in the same order, for a given faker. */
export function drawSamplePlace(faker: Faker): SamplePlace {
  const city = faker.helpers.arrayElement(CITIES);
  const digit = () => String(faker.number.int(9));
  const letter = () => faker.helpers.arrayElement([...POSTAL_LETTERS]);
  return {
    civic_number: String(faker.number.int({ min: 1, max: 9999 })),
    unit: faker.datatype.boolean(city.apartments) ? String(faker.number.int({ min: 1, max: 12 })) : null,
    street: `${faker.helpers.arrayElement(STREET_TYPES)} ${faker.helpers.arrayElement(STREET_NAMES)}`,
    city: city.name,
    region: 'QC',
    postal_code: `${faker.helpers.arrayElement(city.fsas)} ${digit()}${letter()}${digit()}`,
    country: 'CA',
  };
}

/** The place as `addressComparisonKey` and the address rules take it. */
export const placeAddress = (place: SamplePlace) => ({
  number: place.civic_number, unit: place.unit, street: place.street, city: place.city, postalCode: place.postal_code, country: place.country,
});
