import { DomainError, ErrorCode, badInput, type Caller, type EntityManager } from '@c360/kit';
import { Tenant, REQUIRABLE_FIELDS, type RequirableField } from './tenant.entity.ts';

export interface TenantSettingsView {
  defaultCountry: string;
  requiredFields: RequirableField[];
  timeZone: string;
}

export interface UpdateTenantSettingsInput {
  defaultCountry?: string | null;
  requiredFields?: RequirableField[] | null;
  timeZone?: string | null;
}

/** Settings used when a tenant has not stored its own. */
export const DEFAULT_TENANT_SETTINGS: TenantSettingsView = { defaultCountry: 'CA', requiredFields: [], timeZone: 'America/Toronto' };

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export class TenantSettings {
  private cached: Promise<TenantSettingsView> | undefined;
  private readonly em: EntityManager;
  private readonly tenantId: string;

  constructor(em: EntityManager, tenantId: string) {
    this.em = em;
    this.tenantId = tenantId;
  }

  /** The tenant's settings, read at most once per request. */
  get(): Promise<TenantSettingsView> {
    this.cached ??= this.em.findOne(Tenant, { id: this.tenantId }).then((tenant) => tenant
      ? { defaultCountry: tenant.defaultCountry, requiredFields: tenant.requiredFields as RequirableField[], timeZone: tenant.timeZone }
      : DEFAULT_TENANT_SETTINGS);
    return this.cached;
  }

  /** Changes the settings (administrators only); a tenant without a row gets one. */
  async update(caller: Caller, input: UpdateTenantSettingsInput): Promise<{ settings: TenantSettingsView }> {
    if (!caller.roles.includes('admin')) throw new DomainError(ErrorCode.Forbidden, 'Only admin may change the tenant settings');
    const current = await this.get();
    const settings: TenantSettingsView = {
      defaultCountry: input.defaultCountry != null ? country(input.defaultCountry) : current.defaultCountry,
      requiredFields: input.requiredFields != null ? REQUIRABLE_FIELDS.filter((field) => input.requiredFields!.includes(field)) : current.requiredFields,
      timeZone: input.timeZone != null ? timeZone(input.timeZone) : current.timeZone,
    };
    await this.em.execute(
      `INSERT INTO customers.tenant (id, name, default_country, required_fields, time_zone) VALUES (?, ?, ?, ?::text[], ?)
       ON CONFLICT (id) DO UPDATE SET default_country = excluded.default_country, required_fields = excluded.required_fields, time_zone = excluded.time_zone`,
      [this.tenantId, this.tenantId, settings.defaultCountry, `{${settings.requiredFields.join(',')}}`, settings.timeZone],
    );
    this.cached = Promise.resolve(settings);
    return { settings };
  }
}

function country(value: string): string {
  const code = value.trim().toUpperCase();
  // Intl echoes unknown codes back, which tells assigned codes apart.
  if (!/^[A-Z]{2}$/.test(code) || code === 'ZZ' || regionNames.of(code) === code) {
    throw badInput('input.defaultCountry', `"${value}" is not an ISO 3166-1 alpha-2 country code, e.g. CA`);
  }
  return code;
}

function timeZone(value: string): string {
  const zone = value.trim();
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    throw badInput('input.timeZone', `"${value}" is not an IANA time zone, e.g. America/Toronto`);
  }
}
