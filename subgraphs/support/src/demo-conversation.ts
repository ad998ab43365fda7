import { demoFaker, demoId, type EntityManager } from '@c360/kit';
import type { DemoTicketRow } from './demo.ts';
import type { DemoTechnician } from './demo-field-work.ts';

const MINUTE = 60_000;

/** What support writes, by language (the scale data writes the same). */
export const WORDING = {
  fr: {
    customer: 'Client',
    team: 'Équipe du soutien',
    replies: [
      'Bonjour, nous avons bien reçu votre demande; un membre de l\'équipe s\'en occupe.',
      'Merci de votre patience, nous vérifions votre service à distance.',
      'Nous avons besoin de quelques précisions : depuis quand le problème se produit-il?',
    ],
    resolved: 'Le problème est réglé de notre côté. N\'hésitez pas à nous réécrire au besoin.',
    notes: [
      'Signal optique faible à l\'ONT (-27 dBm); une visite est probablement nécessaire.',
      'Client rappelé, pas de réponse; message laissé dans la boîte vocale.',
      'Redémarrage du modem à distance effectué, à surveiller.',
    ],
  },
  en: {
    customer: 'Customer',
    team: 'Support team',
    replies: [
      'Hello, we received your request; someone from the team is on it.',
      'Thank you for your patience, we are checking your service remotely.',
      'We need a few details: since when has this been happening?',
    ],
    resolved: 'The issue is fixed on our side. Feel free to write back if needed.',
    notes: [
      'Low optical signal at the ONT (-27 dBm); a visit is probably needed.',
      'Called the customer back, no answer; left a voicemail.',
      'Rebooted the modem remotely, to be watched.',
    ],
  },
} as const;

/**
 * Each ticket's conversation: the customer's request when it was opened, the
 * first answer at its first response time, a closing message when resolved,
 * and now and then an internal note. Returns the messages it inserted.
 */
export async function seedConversations(em: EntityManager, tenantId: string, tickets: DemoTicketRow[], technicians: DemoTechnician[]): Promise<Record<string, unknown>[]> {
  const nameOf = (id: string | null) => technicians.find((technician) => technician.id === id)?.name;
  const rows = tickets.flatMap((ticket) => {
    const words = WORDING[ticket.language];
    const faker = demoFaker(Number.parseInt(ticket.id.slice(-8), 16));
    const agent = nameOf(ticket.assignee_id) ?? words.team;
    const message = (n: number, at: number, internal: boolean, direction: 'INBOUND' | 'OUTBOUND' | null, author: string, body: string) => ({
      id: demoId(tenantId, 'ticket-message', ticket.id, n), tenant_id: tenantId, ticket_id: ticket.id, internal, direction,
      author_name: author, body, created_at: new Date(at).toISOString(),
    });
    const opened = Date.parse(ticket.created_at);
    return [
      message(0, opened, false, 'INBOUND', words.customer, ticket.description ?? ticket.subject),
      ...(ticket.first_response_at ? [message(1, Date.parse(ticket.first_response_at), false, 'OUTBOUND', agent, faker.helpers.arrayElement(words.replies))] : []),
      ...(faker.number.float() < 0.3 ? [message(2, opened + 2 * MINUTE, true, null, agent, faker.helpers.arrayElement(words.notes))] : []),
      ...(ticket.resolved_at ? [message(3, Date.parse(ticket.resolved_at) - MINUTE, false, 'OUTBOUND', agent, words.resolved)] : []),
    ];
  });
  return em.execute(
    `INSERT INTO support.ticket_message (id, tenant_id, ticket_id, internal, direction, author_name, body, created_at)
     SELECT id, tenant_id, ticket_id, internal, direction, author_name, body, created_at
     FROM jsonb_to_recordset(?::jsonb) AS r(id uuid, tenant_id text, ticket_id uuid, internal boolean, direction text, author_name text,
       body text, created_at timestamptz)
     ON CONFLICT DO NOTHING
     RETURNING *`,
    [JSON.stringify(rows)],
  );
}
