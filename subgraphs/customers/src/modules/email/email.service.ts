import { badInput, conflict, newId, pageRequest, type Connection, type PageArgs } from '@c360/kit';
import { EmailMessage, type EMAIL_DIRECTIONS } from './email.entity.ts';
import { CustomersService } from '../shared/customers-service.ts';
import { email, line } from '../shared/input.ts';
import { RECORD_KINDS, type Snapshot } from '../shared/record-kinds.ts';

export interface LogEmailInput {
  customerId: string;
  direction: (typeof EMAIL_DIRECTIONS)[number];
  from: string;
  to: string[];
  cc?: string[] | null;
  subject?: string | null;
  /** Longer text is cut to `MAX_EXCERPT` characters: the log keeps an excerpt, not the message. */
  excerpt?: string | null;
  sentAt: Date;
  threadId?: string | null;
  messageId?: string | null;
}

export const MAX_EXCERPT = 2_000;
const MAX_RECIPIENTS = 100;

export class EmailService extends CustomersService {
  forCustomer(customerId: string, args: PageArgs): Promise<Connection<EmailMessage>> {
    return this.loaders.emailPages.load({ key: customerId, args: pageRequest(args) });
  }

  /**
   * Logs a message against a customer. Logging the same Message-ID again (a
   * retried import, a mailbox synchronised twice) returns the first entry with
   * `isNew: false`; under a race, the unique index lets one insert win.
   */
  async log(input: LogEmailInput): Promise<{ email: EmailMessage; isNew: boolean }> {
    const values = {
      direction: input.direction,
      from_address: address(input.from, 'input.from'),
      to_addresses: recipients(input.to, 'input.to', true),
      cc_addresses: recipients(input.cc ?? [], 'input.cc', false),
      subject: line(input.subject, 'input.subject', 1_000) ?? '',
      excerpt: input.excerpt?.trim().slice(0, MAX_EXCERPT) || null,
      sent_at: input.sentAt.toISOString(),
      thread_id: line(input.threadId, 'input.threadId', 500),
      message_id: line(input.messageId, 'input.messageId', 500),
    };
    return this.write(async (write) => {
      const customer = await write.lockCustomer(input.customerId, 'input.customerId');
      const [inserted] = await write.tx.execute<Record<string, unknown>[]>(
        `INSERT INTO customers.email_message (id, tenant_id, customer_id, direction, from_address, to_addresses, cc_addresses, subject, excerpt, sent_at, thread_id, message_id, logged_by)
         SELECT ?, ?, ?, r.direction, r.from_address, r.to_addresses, r.cc_addresses, r.subject, r.excerpt, r.sent_at, r.thread_id, r.message_id, ?
         FROM jsonb_to_record(?::jsonb) AS r(direction text, from_address text, to_addresses text[], cc_addresses text[], subject text, excerpt text,
           sent_at timestamptz, thread_id text, message_id text)
         ON CONFLICT (tenant_id, message_id) DO NOTHING
         RETURNING *`,
        [newId(), write.tenantId, customer.id, write.who, JSON.stringify(values)],
      );
      if (!inserted) {
        const existing = await write.tx.findOneOrFail(EmailMessage, { messageId: values.message_id });
        if (existing.customerId !== customer.id) {
          throw conflict(`This message is already logged against customer ${existing.customerId}`, 'input.messageId');
        }
        return { email: existing, isNew: false };
      }
      const message = write.tx.map(EmailMessage, inserted);
      write.created(RECORD_KINDS.email, customer.id, message.id, emailSnapshot(message));
      return { email: message, isNew: true };
    });
  }
}

function recipients(addresses: string[], field: string, required: boolean): string[] {
  if (required && addresses.length === 0) throw badInput(field, 'must have at least one address');
  if (addresses.length > MAX_RECIPIENTS) throw badInput(field, `must have at most ${MAX_RECIPIENTS} addresses`);
  return addresses.map((value, index) => address(value, `${field}[${index}]`));
}

function address(value: string, field: string): string {
  const valid = email(value, field);
  if (!valid) throw badInput(field, 'must not be empty');
  return valid;
}

export function emailSnapshot(message: EmailMessage): Snapshot {
  return {
    direction: message.direction,
    from: message.fromAddress,
    to: message.toAddresses,
    cc: message.ccAddresses,
    subject: message.subject,
    sentAt: message.sentAt,
    threadId: message.threadId ?? null,
    messageId: message.messageId ?? null,
  };
}
