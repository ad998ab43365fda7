/** Owner of the `bus` schema; subgraph roles only get EXECUTE on its functions. */
export const BUS_ROLE = 'c360_bus';
/** Channel NOTIFYed after each publish so consumers wake without polling. */
export const BUS_CHANNEL = 'c360_bus';

const BUS_FUNCTIONS = [
  'bus.publish(jsonb)', 'bus.read(bigint, text[], integer)', 'bus.read_tenant(bigint, text, text[], integer)',
  'bus.position_before(timestamptz)', 'bus.head()', 'bus.position_of(text)',
].join(', ');

/**
 * The PostgreSQL event bus: an append-only log of CloudEvents with a global
 * position. `publish` takes a transaction-scoped lock so that positions become
 * visible in the order they were assigned, which lets a consumer keep a single
 * position and never skip an event that committed late.
 */
export function busSql(subgraphRoles: string[]): string {
  const grantees = subgraphRoles.map((role) => `"${role}"`).join(', ');
  return `
    CREATE SCHEMA IF NOT EXISTS bus AUTHORIZATION ${BUS_ROLE};
    SET LOCAL ROLE ${BUS_ROLE};
    CREATE TABLE IF NOT EXISTS bus.event (
      position bigserial PRIMARY KEY,
      id text NOT NULL UNIQUE,
      source text NOT NULL,
      type text NOT NULL,
      subject text,
      tenant_id text NOT NULL,
      time timestamptz NOT NULL,
      envelope jsonb NOT NULL,
      published_at timestamptz NOT NULL DEFAULT now()
    );
    CREATE INDEX IF NOT EXISTS event_type_position_idx ON bus.event (type, position);
    CREATE INDEX IF NOT EXISTS event_time_idx ON bus.event (time);
    -- A tenant's feed (the gateway's subscriptions resuming with \`after\`).
    CREATE INDEX IF NOT EXISTS event_tenant_position_idx ON bus.event (tenant_id, position);

    CREATE OR REPLACE FUNCTION bus.publish(events jsonb) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = bus, pg_temp AS $fn$
    DECLARE inserted integer;
    BEGIN
      PERFORM pg_advisory_xact_lock(7273601);
      INSERT INTO bus.event (id, source, type, subject, tenant_id, time, envelope)
      SELECT e->>'id', e->>'source', e->>'type', e->>'subject', e->>'tenantid', (e->>'time')::timestamptz, e
      FROM jsonb_array_elements(events) WITH ORDINALITY AS t(e, n)
      ORDER BY n
      ON CONFLICT (id) DO NOTHING;
      GET DIAGNOSTICS inserted = ROW_COUNT;
      PERFORM pg_notify('${BUS_CHANNEL}', '');
      RETURN inserted;
    END $fn$;

    CREATE OR REPLACE FUNCTION bus.read(after_position bigint, event_types text[], max_events integer)
    RETURNS TABLE (event_position bigint, envelope jsonb)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bus, pg_temp AS $fn$
      SELECT e.position, e.envelope FROM bus.event e
      WHERE e.position > after_position AND (event_types IS NULL OR e.type = ANY (event_types))
      ORDER BY e.position
      LIMIT max_events
    $fn$;

    -- Just before the first event at or after the time: subgraphs' relays publish independently, so an
    -- event can sit behind a younger one, and starting after the last older event would skip it.
    CREATE OR REPLACE FUNCTION bus.position_before(at_time timestamptz) RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bus, pg_temp AS $fn$
      SELECT coalesce((SELECT min(position) FROM bus.event WHERE time >= at_time) - 1, (SELECT coalesce(max(position), 0) FROM bus.event))
    $fn$;

    CREATE OR REPLACE FUNCTION bus.read_tenant(after_position bigint, tenant text, event_types text[], max_events integer)
    RETURNS TABLE (event_position bigint, envelope jsonb)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bus, pg_temp AS $fn$
      SELECT e.position, e.envelope FROM bus.event e
      WHERE e.tenant_id = tenant AND e.position > after_position AND (event_types IS NULL OR e.type = ANY (event_types))
      ORDER BY e.position
      LIMIT max_events
    $fn$;

    CREATE OR REPLACE FUNCTION bus.head() RETURNS bigint
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bus, pg_temp AS $fn$
      SELECT coalesce(max(position), 0) FROM bus.event
    $fn$;

    CREATE OR REPLACE FUNCTION bus.position_of(event_id text) RETURNS TABLE (event_position bigint, tenant_id text)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = bus, pg_temp AS $fn$
      SELECT e.position, e.tenant_id FROM bus.event e WHERE e.id = event_id
    $fn$;

    RESET ROLE;
    REVOKE ALL ON FUNCTION ${BUS_FUNCTIONS} FROM PUBLIC;
    ${grantees ? `GRANT USAGE ON SCHEMA bus TO ${grantees};
    GRANT EXECUTE ON FUNCTION ${BUS_FUNCTIONS} TO ${grantees};` : ''}
  `;
}
