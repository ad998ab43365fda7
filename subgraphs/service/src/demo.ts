import { demoFaker, demoId, type DemoTenant, type EntityManager } from '@c360/kit';
import { drawDevices, drawPlace, equipmentRow, insertEquipmentSql, insertLocationsSql, locationRow } from './sample.ts';

const REF_DATE = '2026-11-01T00:00:00Z';

/**
 * Seeds each demo customer's service locations (exactly the plan's location
 * ids, which other subgraphs' demo data points at) and one to three devices per
 * location. Deterministic ids and `ON CONFLICT DO NOTHING` make a rerun a no-op.
 * Returns the ids of the locations and devices it inserted.
 */
export async function seedDemo(em: EntityManager, tenant: DemoTenant): Promise<{ locations: string[]; equipment: string[] }> {
  const locations: Record<string, unknown>[] = [];
  const equipment: Record<string, unknown>[] = [];
  for (const customer of tenant.customers) {
    customer.locationIds.forEach((locationId, n) => {
      const faker = demoFaker(50_000 + customer.index * 2 + n, 'fr');
      const { place, connectionType } = drawPlace(faker);
      // Customers the customers subgraph's demo suspends (every 23rd) are suspended here too.
      const status = customer.index % 23 === 0 ? 'SUSPENDED' : n === 1 && customer.index % 12 === 0 ? 'DISCONNECTED' : customer.index % 29 === 5 ? 'PENDING' : 'ACTIVE';
      const installed = status === 'PENDING' ? null : faker.date.past({ years: 8, refDate: REF_DATE });
      const createdAt = installed
        ? new Date(installed.getTime() - faker.number.int({ min: 3, max: 30 }) * 86_400_000)
        : faker.date.recent({ days: 20, refDate: REF_DATE });
      locations.push(locationRow({ id: locationId, tenantId: tenant.id, customerId: customer.id, place, connectionType, status, installed, createdAt }));

      const devices = drawDevices(faker, connectionType, { router: () => faker.datatype.boolean(0.8), ata: () => faker.datatype.boolean(0.25) });
      devices.forEach((device, k) => {
        const deviceStatus = status === 'PENDING' ? 'IN_STOCK' : status === 'DISCONNECTED' ? 'RETURNED' : faker.datatype.boolean(0.03) ? 'FAULTY' : 'INSTALLED';
        equipment.push(equipmentRow({
          id: demoId(tenant.id, 'equipment', customer.index, n, k),
          tenantId: tenant.id,
          locationId,
          device,
          slot: customer.index * 8 + n * 4 + k,
          status: deviceStatus,
          installed,
          // Keeps the devices of a location in the order they were listed.
          createdAt: new Date(createdAt.getTime() + k * 1000),
        }));
      });
    });
  }
  const ids = (rows: { id: string }[]) => rows.map((row) => row.id);
  return {
    locations: ids(await em.execute(`${insertLocationsSql('?')} RETURNING id`, [JSON.stringify(locations)])),
    equipment: ids(await em.execute(`${insertEquipmentSql('?')} RETURNING id`, [JSON.stringify(equipment)])),
  };
}
