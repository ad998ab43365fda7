import { RequestScopedService, newId, recordEvents, requireUuid } from '@c360/kit';
import { ServiceLocation, type CONNECTION_TYPES } from './location.entity.ts';
import { addressComparisonKey, validateAddress, type Address, type AddressInput } from './address.ts';
import type { ServiceLoaders } from '../../loaders.ts';

export interface CreateServiceLocationInput {
  customerId: string;
  address: AddressInput;
  connectionType: (typeof CONNECTION_TYPES)[number];
}

/** Most locations a lookup by address returns; one address rarely has more than a handful. */
const AT_ADDRESS_LIMIT = 100;

export class LocationService extends RequestScopedService<ServiceLoaders> {

  get(id: string): Promise<ServiceLocation | null> {
    return this.loaders.locationById.load(requireUuid(id, 'id'));
  }

  ofCustomer(customerId: string): Promise<ServiceLocation[]> {
    return this.loaders.locationsByCustomer.load(customerId);
  }

  /** The tenant's locations at this address however it is spelled (same comparison key), oldest first. */
  atAddress(input: AddressInput): Promise<ServiceLocation[]> {
    const comparisonKey = addressComparisonKey(validateAddress(input, 'address'));
    return this.em.find(ServiceLocation, { comparisonKey }, { orderBy: { createdAt: 'ASC', id: 'ASC' }, limit: AT_ADDRESS_LIMIT });
  }

  /**
   * Creates a PENDING location for a customer. The customer lives in another
   * subgraph, so only the id's form is checked here. The row and its
   * `service_location.created` event commit together.
   */
  async create(input: CreateServiceLocationInput): Promise<{ location: ServiceLocation }> {
    const customerId = requireUuid(input.customerId, 'input.customerId');
    const address = validateAddress(input.address, 'input.address');
    return this.em.transactional(async (tx) => {
      const location = tx.create(ServiceLocation, {
        id: newId(),
        tenantId: this.tenantId,
        customerId,
        civicNumber: address.number,
        unit: address.unit,
        street: address.street,
        city: address.city,
        region: address.region,
        postalCode: address.postalCode,
        country: address.country,
        comparisonKey: addressComparisonKey(address),
        connectionType: input.connectionType,
        status: 'PENDING',
        installedAt: null,
      });
      await tx.flush();
      await recordEvents(tx, 'service', this.tenantId, [
        { type: 'service_location.created', subject: location.id, data: { customerId, locationId: location.id, location: snapshot(location) } },
      ]);
      return { location };
    });
  }
}

/** The `Address` value of a location. */
export function addressOf(location: ServiceLocation): Address {
  return {
    number: location.civicNumber ?? null,
    unit: location.unit ?? null,
    street: location.street,
    city: location.city,
    region: location.region ?? null,
    postalCode: location.postalCode ?? null,
    country: location.country,
  };
}

function snapshot(location: ServiceLocation) {
  return {
    id: location.id,
    customerId: location.customerId,
    address: addressOf(location),
    comparisonKey: location.comparisonKey,
    connectionType: location.connectionType,
    status: location.status,
  };
}
